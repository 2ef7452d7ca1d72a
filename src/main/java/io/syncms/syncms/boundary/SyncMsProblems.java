package io.syncms.syncms.boundary;

import io.syncms.platform.control.ProblemTranslator;
import io.syncms.platform.entity.Problem;
import io.syncms.syncms.entity.GroupNotFoundException;
import io.syncms.syncms.entity.MessageTooLargeException;
import io.syncms.syncms.entity.SyncMsException;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * SyncMS failures as problems (extension {@code code}, e.g. {@code SYNCMS-WRONG-STATE1}): unknown group 404, too large 413, every other reason 409 — also a step
 * that timed out (reason {@code timeout}): the group did not become complete (or clock-synchronized)
 * in time, a conflict with its state that a later call may not meet; not a server or gateway fault.
 */
@ApplicationScoped
public class SyncMsProblems implements ProblemTranslator {

    @Override
    public Problem translate(Throwable failure) {
        if (!(failure instanceof SyncMsException syncMs)) {
            return null;
        }
        int status;
        String title;
        if (failure instanceof GroupNotFoundException) {
            status = 404;
            title = "Unknown group";
        } else if (failure instanceof SyncMsTimeoutException) {
            status = 409;
            title = "SyncMS step timed out";
        } else if (failure instanceof MessageTooLargeException) {
            status = 413;
            title = "Message too large";
        } else {
            status = 409;
            title = "SyncMS step not possible";
        }
        // code, as every problem of this API has it (SYNCMS-TIMEOUT1, …); reason stays one release for old clients
        return Problem.of(status, "syncms/" + syncMs.reason(), title, failure.getMessage()).with("code", code(syncMs.reason()))
                .with("reason", syncMs.reason());
    }

    /** {@code wrong-state} → {@code SYNCMS-WRONG-STATE1}: the pattern of the store's and the Chum's codes. */
    static String code(String reason) {
        return "SYNCMS-" + reason.toUpperCase(java.util.Locale.ROOT) + "1";
    }
}
