package io.syncms.chum.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.chum.entity.ChumAccessDeniedException;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumNotFoundException;
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
            return problem(401, "unauthenticated", "Not authenticated", chum)
                    .header("WWW-Authenticate", "Bearer realm=\"syncms-chum\"");
        }
        if (chum instanceof ChumAccessDeniedException) {
            return problem(403, "access-denied", "Not accessible to the authenticated person", chum);
        }
        if (chum instanceof ChumNotFoundException) {
            return problem(404, "not-found", "Unknown Chum or peer", chum);
        }
        if (chum instanceof PairingConflictException) {
            return problem(409, "pairing-conflict", "Paired otherwise already", chum);
        }
        if (chum instanceof ProtocolVersionMismatchException mismatch) {
            Problem problem = problem(409, "version-mismatch", "Chum protocol version mismatch", chum)
                    .with("importerInstance", mismatch.importerInstance())
                    .with("exporterInstance", mismatch.exporterInstance());
            problem.with("importerVersion", JSON.createValue(mismatch.importerVersion()));
            return problem.with("exporterVersion", JSON.createValue(mismatch.exporterVersion()));
        }
        if (chum instanceof ChumProtocolException) {
            return problem(400, "protocol", "Chum protocol violation", chum);
        }
        if (chum instanceof ChumSessionClosedException) {
            return problem(410, "session-closed", "Chum session ended", chum);
        }
        return problem(502, "transport", "Another instance failed", chum);
    }

    private static Problem problem(int status, String reason, String title, ChumException failure) {
        return Problem.of(status, "chum/" + reason, title, failure.getMessage()).with("code", failure.code());
    }
}
