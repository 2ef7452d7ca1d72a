package io.syncms.syncms.entity;

import io.syncms.platform.entity.ProblemSpec;
import io.syncms.platform.entity.ProblemType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The problems of SyncMS, one per {@link SyncMsException#reason()}: an unknown group 404, a message too large
 * 413, every other reason 409 — also a step that timed out, a conflict with the group's state (it did not
 * become complete or clock-synchronized in time) that a later call may not meet, not a server fault.
 */
public enum SyncMsProblem implements ProblemType {
    GROUP_NOT_FOUND(404, "group-not-found", "Unknown group", "SYNCMS-GROUP-NOT-FOUND1"),
    TIMEOUT(409, "timeout", "SyncMS step timed out", "SYNCMS-TIMEOUT1"),
    ALREADY_PARTICIPATING(409, "already-participating", "SyncMS step not possible", "SYNCMS-ALREADY-PARTICIPATING1"),
    WRONG_STATE(409, "wrong-state", "SyncMS step not possible", "SYNCMS-WRONG-STATE1"),
    WRONG_ROLE(409, "wrong-role", "SyncMS step not possible", "SYNCMS-WRONG-ROLE1"),
    SECOND_MASTER(409, "second-master", "SyncMS step not possible", "SYNCMS-SECOND-MASTER1"),
    UNKNOWN_SLAVE(409, "unknown-slave", "SyncMS step not possible", "SYNCMS-UNKNOWN-SLAVE1"),
    DUPLICATE_SLAVE(409, "duplicate-slave", "SyncMS step not possible", "SYNCMS-DUPLICATE-SLAVE1"),
    CLOSED(409, "closed", "SyncMS step not possible", "SYNCMS-CLOSED1"),
    MESSAGE_TOO_LARGE(413, "message-too-large", "Message too large", "SYNCMS-MESSAGE-TOO-LARGE1");

    private final ProblemSpec spec;
    private final String reason;

    SyncMsProblem(int status, String reason, String title, String... codes) {
        this.reason = reason;
        this.spec = ProblemSpec.of("syncms", status, reason, title, codes);
    }

    /** The type of a failure's reason; empty for a reason no constant lists (a test keeps that from happening). */
    public static Optional<SyncMsProblem> ofReason(String reason) {
        return Arrays.stream(values()).filter(type -> type.reason.equals(reason)).findFirst();
    }

    /** As {@link SyncMsException#reason()} names it; problems repeat it as {@code reason} for one more release. */
    public String reason() {
        return reason;
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
