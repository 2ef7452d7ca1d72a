package io.syncms.chum.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumNotFoundException;
import io.syncms.chum.entity.ChumProblem;
import io.syncms.chum.entity.ChumProtocolException;
import io.syncms.chum.entity.ChumSessionClosedException;
import io.syncms.chum.entity.ChumUnauthenticatedException;
import io.syncms.chum.entity.PairingConflictException;
import io.syncms.chum.entity.ProtocolVersionMismatchException;
import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chum failures as problems with their {@code code}: unauthenticated 401 (with a Bearer challenge),
 * not accessible 403, unknown Chum or peer 404, protocol version mismatch 409 (with both instances
 * and versions, so the importer can say exactly what differs), a malformed protocol request 400, an
 * ended session 410, another instance unreachable 502. {@code HttpChumPeer} turns them back into the
 * same exceptions.
 */
@ApplicationScoped
public class ChumProblems implements ProblemTranslator {

    @Override
    public Problem translate(Throwable failure) {
        if (!(failure instanceof ChumException chum)) {
            return null;
        }
        if (chum instanceof ChumUnauthenticatedException) {
            return problem(ChumProblem.UNAUTHENTICATED, chum)
                    .header("WWW-Authenticate", "Bearer realm=\"syncms-chum\"");
        }
        if (chum instanceof ChumAccessDeniedException) {
            return problem(ChumProblem.ACCESS_DENIED, chum);
        }
        if (chum instanceof ChumNotFoundException) {
            return problem(ChumProblem.NOT_FOUND, chum);
        }
        if (chum instanceof PairingConflictException) {
            return problem(ChumProblem.PAIRING_CONFLICT, chum);
        }
        if (chum instanceof ProtocolVersionMismatchException mismatch) {
            Problem problem = problem(ChumProblem.VERSION_MISMATCH, chum)
                    .with("importerInstance", mismatch.importerInstance())
                    .with("exporterInstance", mismatch.exporterInstance());
            problem.with("importerVersion", JSON.createValue(mismatch.importerVersion()));
            return problem.with("exporterVersion", JSON.createValue(mismatch.exporterVersion()));
        }
        if (chum instanceof ChumProtocolException) {
            return problem(ChumProblem.PROTOCOL, chum);
        }
        if (chum instanceof ChumSessionClosedException) {
            return problem(ChumProblem.SESSION_CLOSED, chum);
        }
        return problem(ChumProblem.TRANSPORT, chum);
    }

    /** The failure's own code: the one {@code HttpChumPeer} turns back into the exception. */
    private static Problem problem(ChumProblem type, ChumException failure) {
        return Problem.of(type, failure.code(), failure.getMessage());
    }
}
