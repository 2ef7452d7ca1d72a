package io.syncms.chum.control;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stream that breaks off when its source sends nothing for a while: a watchdog on the scheduler
 * closes the source, which ends a read that blocks on it, and that read then fails. The JDK's HTTP
 * client has no read timeout once the headers have arrived; without this, a peer that stops sending in
 * the middle of an item would hold the importer forever.
 */
final class IdleTimeoutStream extends FilterInputStream {

    private final long timeoutNanos;
    private final ScheduledFuture<?> watchdog;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean timedOut;
    private volatile boolean closed;

    IdleTimeoutStream(InputStream in, Duration timeout, ScheduledExecutorService scheduler) {
        super(in);
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(1, Math.min(timeout.toMillis() / 4, 1000));
        this.watchdog = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (!closed && System.nanoTime() - lastProgress > timeoutNanos) {
            timedOut = true;
            watchdog.cancel(false);
            try {
                in.close();
            } catch (IOException e) {
                // it is being abandoned anyway
            }
        }
    }

    @Override
    public int read() throws IOException {
        try {
            int b = in.read();
            lastProgress = System.nanoTime();
            return guarded(b);
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int n = in.read(buffer, offset, length);
            lastProgress = System.nanoTime();
            return guarded(n);
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        }
    }

    /** A read that the watchdog's close ended (with an end of stream or a failure) is a timeout. */
    private int guarded(int result) throws InterruptedIOException {
        if (timedOut) {
            throw timeout();
        }
        return result;
    }

    private InterruptedIOException timeout() {
        return new InterruptedIOException("nothing arrived for " + Duration.ofNanos(timeoutNanos).toMillis() + " ms");
    }

    @Override
    public void close() throws IOException {
        closed = true;
        watchdog.cancel(false);
        super.close();
    }
}
