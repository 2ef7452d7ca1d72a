package io.syncms.store.control;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: concurrent writers queue their requests; the writer at the head of the queue
 * becomes the leader, takes every request queued behind it (up to a size limit), writes them as one
 * atomic batch with one force of the write-ahead log, and hands each its result. The others wait,
 * so a force is shared by everyone who arrived while the previous one ran: with eight writers a
 * force carries about eight writes instead of one. Sequence numbers are given out only by the
 * leader, in queue order, so the write log becomes visible strictly in sequence order.
 *
 * <p>This is LevelDB's writer queue; RocksDB groups concurrent writes too, but the store needs the
 * sequence numbers, the deduplication and the version histories decided under the same order as
 * the write, which only one writer at a time can do.
 */
final class GroupCommitter {

    /** Writes one group; called by one leader at a time. */
    @FunctionalInterface
    interface GroupWriter {
        void write(List<CommitRequest> group) throws IOException;
    }

    static final int MAX_GROUP_REQUESTS = 4096;
    static final long MAX_GROUP_BYTES = 32L << 20;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<CommitRequest> queue = new ArrayDeque<>();
    private final GroupWriter writer;

    GroupCommitter(GroupWriter writer) {
        this.writer = writer;
    }

    /**
     * Commits the request with those queued beside it; returns when it is written (and forced).
     *
     * @throws IOException if the group's write failed: then nothing of it was written
     */
    void commit(CommitRequest request) throws IOException {
        List<CommitRequest> group;
        lock.lock();
        try {
            request.turn = lock.newCondition();
            queue.addLast(request);
            while (!request.done && queue.peekFirst() != request) {
                request.turn.awaitUninterruptibly();
            }
            if (request.done) {
                rethrow(request.failure);
                return;
            }
            group = takeGroup();
        } finally {
            lock.unlock();
        }
        Throwable failure = null;
        try {
            writer.write(group);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
        }
        lock.lock();
        try {
            for (CommitRequest member : group) {
                queue.pollFirst();
                member.done = true;
                member.failure = failure;
                if (member != request) {
                    member.turn.signal();
                }
            }
            CommitRequest next = queue.peekFirst();
            if (next != null) {
                next.turn.signal();
            }
        } finally {
            lock.unlock();
        }
        rethrow(failure);
    }

    private List<CommitRequest> takeGroup() {
        List<CommitRequest> group = new ArrayList<>();
        long bytes = 0;
        for (CommitRequest queued : queue) {
            if (!group.isEmpty() && (group.size() >= MAX_GROUP_REQUESTS || bytes + queued.bytes() > MAX_GROUP_BYTES)) {
                break;
            }
            group.add(queued);
            bytes += queued.bytes();
        }
        return group;
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw new IOException(io.getMessage(), io);
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
    }
}
