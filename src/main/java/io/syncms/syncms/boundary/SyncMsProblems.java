package io.syncms.syncms.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsProblem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SyncMS failures as problems, one {@link SyncMsProblem} per reason (extension {@code code}, e.g.
 * {@code SYNCMS-WRONG-STATE1}). A reason no type lists is left to the platform, a 500 that is logged:
 * {@code SyncMsProblemsTest} keeps every reason listed.
 */
@ApplicationScoped
public class SyncMsProblems implements ProblemTranslator {

    @Override
    public Problem translate(Throwable failure) {
        if (!(failure instanceof SyncMsException syncMs)) {
            return null;
        }
        // reason stays one release for old clients
        return SyncMsProblem.ofReason(syncMs.reason())
                .map(type -> Problem.of(type, failure.getMessage()).with("reason", type.reason()))
                .orElse(null);
    }
}
