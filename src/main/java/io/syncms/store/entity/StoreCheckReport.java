package io.syncms.store.entity;

import java.util.List;

/**
 * What a check of a whole store found ({@code fsck}); lists are cut at {@link #LIST_LIMIT} items,
 * the counts are whole.
 *
 * @param items             stored items checked against their hash
 * @param bytes             content bytes read and hashed
 * @param damaged           items whose content did not hash to their name, or could not be read
 * @param missingFiles      large items whose file is missing or has the wrong size
 * @param danglingReferences objects referencing content that is not stored (an item lost to damage)
 * @param logWithoutContent write log entries whose content is not stored (it is in quarantine)
 * @param versionsWithoutContent versions whose object or version node is not stored
 * @param orphanFiles       files in {@code blobs/} or {@code clobs/} that no stored item names
 * @param repaired          items put in quarantine, and orphan files deleted, by this check
 * @param quarantined       every item in quarantine now
 * @param problems          the first problems found, one line each
 * @param millis            how long the check took
 */
public record StoreCheckReport(long items, long bytes, long damaged, long missingFiles, long danglingReferences,
                               long logWithoutContent, long versionsWithoutContent, long orphanFiles, long repaired,
                               List<QuarantinedItem> quarantined, List<String> problems, long millis) {

    public static final int LIST_LIMIT = 100;

    public StoreCheckReport {
        quarantined = List.copyOf(quarantined);
        problems = List.copyOf(problems);
    }

    /** Whether the store is whole: nothing damaged, missing or dangling. */
    public boolean clean() {
        return damaged == 0 && missingFiles == 0 && danglingReferences == 0 && logWithoutContent == 0
                && versionsWithoutContent == 0;
    }
}
