package io.syncms.chum.control;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks on a shared executor, at most {@code limit} at a time, the rest queued in order. Lets
 * one importer store in parallel without taking more than its share of a container's managed
 * executor. A task the shared executor rejects runs on the submitting thread.
 */
final class BoundedExecutor implements Executor {

    private final Executor delegate;
    private final int limit;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private int running;

    BoundedExecutor(Executor delegate, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.delegate = delegate;
        this.limit = limit;
    }

    @Override
    public void execute(Runnable task) {
        Runnable next;
        synchronized (this) {
            queue.add(task);
            next = takeIfFree();
        }
        start(next);
    }

    private void start(Runnable task) {
        if (task == null) {
            return;
        }
        try {
            delegate.execute(() -> runThenNext(task));
        } catch (RejectedExecutionException e) {
            runThenNext(task);
        }
    }

    private void runThenNext(Runnable task) {
        Runnable next = task;
        while (next != null) {
            try {
                next.run();
            } finally {
                synchronized (this) {
                    running--;
                    next = takeIfFree();
                }
            }
        }
    }

    /** The next queued task if a place is free (taking the place), else null. */
    private Runnable takeIfFree() {
        if (running >= limit || queue.isEmpty()) {
            return null;
        }
        running++;
        return queue.poll();
    }
}
