package io.syncms.chum.entity;

/**
 * The answer to a long-poll "tell me when something I may see was written after seq X".
 *
 * @param changed       something accessible changed after X: run a listing round from X
 * @param upToSeq       unchanged: nothing accessible changed up to this sequence number
 * @param checkpointSeq unchanged: up to where the importer may move its checkpoint (see {@link ChangePage})
 * @param closed        the export session has ended; {@code closeReason} says why
 * @param closeReason   why it ended, or null
 */
public record ChangeNotice(boolean changed, long upToSeq, long checkpointSeq, boolean closed, String closeReason) {

    public static ChangeNotice changed(long upToSeq) {
        return new ChangeNotice(true, upToSeq, upToSeq, false, null);
    }

    public static ChangeNotice unchanged(long upToSeq, long checkpointSeq) {
        return new ChangeNotice(false, upToSeq, Math.min(upToSeq, checkpointSeq), false, null);
    }

    public static ChangeNotice closed(long upToSeq, String reason) {
        return new ChangeNotice(false, upToSeq, upToSeq, true, reason);
    }
}
