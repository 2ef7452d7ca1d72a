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
            return switch (invalid.code()) {
                case "OR-ADDR1" -> problem(409, "recipe-conflict", "Recipe conflict", invalid.getMessage(), invalid.code());
                case "OS-UTF1" -> problem(400, "invalid-text", "Not UTF-8 text", invalid.getMessage(), invalid.code());
                default -> problem(400, "invalid-object", "Invalid ONE object", invalid.getMessage(), invalid.code());
            };
        }
        if (failure instanceof MalformedHashException malformed) {
            return problem(400, "malformed-hash", "Malformed hash", malformed.getMessage(), malformed.code());
        }
        if (failure instanceof StoreException stored) {
            return translate(stored);
        }
        return null;
    }

    private Problem translate(StoreException failure) {
        if (failure instanceof ObjectNotFoundException) {
            return problem(404, "not-found", "Not stored", failure.getMessage(), failure.code());
        }
        if (failure instanceof MissingReferenceException missing) {
            JsonArrayBuilder references = JSON.createArrayBuilder();
            missing.missing().forEach(reference -> references.add(JSON.createObjectBuilder()
                    .add("kind", reference.kind().dataType()).add("hash", reference.hash()).add("itemprop", reference.itemprop())));
            return problem(400, "missing-reference", "Referenced content not stored", failure.getMessage(), failure.code())
                    .with("missing", references.build());
        }
        if (failure instanceof HashMismatchException) {
            return problem(400, "hash-mismatch", "Content does not match its hash", failure.getMessage(), failure.code());
        }
        if (failure instanceof CorruptObjectException corrupt) {
            LOG.log(Level.SEVERE, "Corrupt content in the object store, not served: {0}", corrupt.getMessage());
            return problem(500, "corrupt-object", "Stored content is corrupt", failure.getMessage(), failure.code())
                    .with("hash", corrupt.hash());
        }
        if (failure instanceof StoreUnavailableException) {
            return problem(503, "unavailable", "Object store unavailable", failure.getMessage(), failure.code());
        }
        LOG.log(Level.SEVERE, "Object store failure", failure);
        return problem(500, "failure", "Object store failure", failure.getMessage(), failure.code());
    }

    private static Problem problem(int status, String reason, String title, String detail, String code) {
        return Problem.of(status, "store/" + reason, title, detail).with("code", code);
    }
}
