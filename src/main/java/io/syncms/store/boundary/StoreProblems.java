package io.syncms.store.boundary;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import io.syncms.store.entity.CorruptObjectException;
import io.syncms.store.entity.HashMismatchException;
import io.syncms.store.entity.MalformedHashException;
import io.syncms.store.entity.MissingReferenceException;
import io.syncms.store.entity.ObjectNotFoundException;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.StoreException;
import io.syncms.store.entity.StoreProblem;
import io.syncms.store.entity.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Store failures as problems, each with the ONE or store error {@code code}: a rejected object 400
 * (a second, different recipe for a type 409), a CLOB that is not UTF-8 400, a malformed hash 400, unknown content 404, missing
 * references 400 (with the list), corrupt content 500, an unavailable store 503.
 */
@ApplicationScoped
public class StoreProblems implements ProblemTranslator {

    private static final Logger LOG = Logger.getLogger(StoreProblems.class.getName());

    @Override
    public Problem translate(Throwable failure) {
        if (failure instanceof OneValidationException invalid) {
            return problem(StoreProblem.ofRejection(invalid.code()), invalid.getMessage(), invalid.code());
        }
        if (failure instanceof MalformedHashException malformed) {
            return problem(StoreProblem.MALFORMED_HASH, malformed.getMessage(), malformed.code());
        }
        if (failure instanceof StoreException stored) {
            return translate(stored);
        }
        return null;
    }

    private Problem translate(StoreException failure) {
        if (failure instanceof ObjectNotFoundException) {
            return problem(StoreProblem.NOT_FOUND, failure.getMessage(), failure.code());
        }
        if (failure instanceof MissingReferenceException missing) {
            JsonArrayBuilder references = JSON.createArrayBuilder();
            missing.missing().forEach(reference -> references.add(JSON.createObjectBuilder()
                    .add("kind", reference.kind().dataType()).add("hash", reference.hash()).add("itemprop", reference.itemprop())));
            return problem(StoreProblem.MISSING_REFERENCE, failure.getMessage(), failure.code())
                    .with("missing", references.build());
        }
        if (failure instanceof HashMismatchException) {
            return problem(StoreProblem.HASH_MISMATCH, failure.getMessage(), failure.code());
        }
        if (failure instanceof CorruptObjectException corrupt) {
            LOG.log(Level.SEVERE, "Corrupt content in the object store, not served: {0}", corrupt.getMessage());
            return problem(StoreProblem.CORRUPT_OBJECT, failure.getMessage(), failure.code())
                    .with("hash", corrupt.hash());
        }
        if (failure instanceof StoreUnavailableException) {
            return problem(StoreProblem.UNAVAILABLE, failure.getMessage(), failure.code());
        }
        LOG.log(Level.SEVERE, "Object store failure", failure);
        return problem(StoreProblem.FAILURE, failure.getMessage(), failure.code());
    }

    /** The failure's own code, never the type's: one.core's codes say which rule an object broke. */
    private static Problem problem(StoreProblem type, String detail, String code) {
        return Problem.of(type, code, detail);
    }
}
