package io.syncms.chum.entity;

/**
 * What one instance's Chums may hold at once, so that neither peers nor callers can make it grow
 * without bound: past a limit a call is refused (503 or 429 with {@code Retry-After}) or the oldest
 * ended Chum is forgotten.
 *
 * @param maxRunning               Chums running at once, started here or by peers ({@code syncms.chum.max-running})
 * @param maxRetained              ended Chums whose handle and status are kept ({@code syncms.chum.max-retained}); their
 *                                 log objects stay in the store
 * @param maxOpenChallenges        handshake challenges handed out and not yet answered ({@code syncms.chum.max-open-challenges})
 * @param maxChallengesPerAddress  of those, for one client address ({@code syncms.chum.max-challenges-per-address})
 */
public record ChumLimits(int maxRunning, int maxRetained, int maxOpenChallenges, int maxChallengesPerAddress) {

    public ChumLimits {
        if (maxRunning < 1 || maxRetained < 0 || maxOpenChallenges < 1 || maxChallengesPerAddress < 1) {
            throw new IllegalArgumentException("Chum limits must be positive");
        }
    }

    public static ChumLimits defaults() {
        return new ChumLimits(ChumSetting.MAX_RUNNING.defaultInt(), ChumSetting.MAX_RETAINED.defaultInt(),
                ChumSetting.MAX_OPEN_CHALLENGES.defaultInt(), ChumSetting.MAX_CHALLENGES_PER_ADDRESS.defaultInt());
    }
}
