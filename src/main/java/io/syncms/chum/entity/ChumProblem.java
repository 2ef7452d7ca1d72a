package io.syncms.chum.entity;

import io.syncms.platform.entity.ProblemSpec;
import io.syncms.platform.entity.ProblemType;

/**
 * The problems of the Chum and its protocol. Their codes are also what {@code HttpChumPeer} turns back into
 * the same exceptions, so a code never changes.
 */
public enum ChumProblem implements ProblemType {
    PROTOCOL(400, "protocol", "Chum protocol violation", "CHUM-PROTOCOL1"),
    UNAUTHENTICATED(401, "unauthenticated", "Not authenticated", "CHUM-AUTH1"),
    ACCESS_DENIED(403, "access-denied", "Not accessible to the authenticated person", "CHUM-DENIED1"),
    NOT_FOUND(404, "not-found", "Unknown Chum or peer", "CHUM-NF1"),
    PAIRING_CONFLICT(409, "pairing-conflict", "Paired otherwise already", "CHUM-PAIRED1"),
    VERSION_MISMATCH(409, "version-mismatch", "Chum protocol version mismatch", "CHUM-VERSION1"),
    SESSION_CLOSED(410, "session-closed", "Chum session ended", "CHUM-CLOSED1"),
    TRANSPORT(502, "transport", "Another instance failed", "CHUM-TRANSPORT1");

    private final ProblemSpec spec;

    ChumProblem(int status, String reason, String title, String... codes) {
        this.spec = ProblemSpec.of("chum", status, reason, title, codes);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
