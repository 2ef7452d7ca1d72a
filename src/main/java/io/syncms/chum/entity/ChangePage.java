package io.syncms.chum.entity;

import io.syncms.store.entity.ClosureEntry;

import java.util.List;

/**
 * One page of a listing round: the hashes (no content) of what the importer may need, referenced
 * content before what references it across the whole round.
 *
 * @param upToSeq       the exporter's write-log sequence number the round covers
 * @param checkpointSeq up to where the importer may move its checkpoint once it has stored the whole
 *                      round: {@code upToSeq}, or less when the exporter left out writes on purpose
 *                      (group memberships that changed after the session started)
 * @param total         the number of entries in the whole round
 * @param entries       this page's entries; entries no longer accessible when the page is sent are left out
 * @param nextCursor    where the next page starts, null after the last page
 */
public record ChangePage(long upToSeq, long checkpointSeq, long total, List<ClosureEntry> entries, String nextCursor) {

    public ChangePage {
        entries = List.copyOf(entries);
        if (checkpointSeq > upToSeq) {
            throw new IllegalArgumentException("checkpointSeq " + checkpointSeq + " is after upToSeq " + upToSeq);
        }
    }
}
