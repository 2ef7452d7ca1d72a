package io.syncms.syncms.control;

/**
 * How a participant hands messages to its application: at a local instant, or as soon as possible after
 * what is already due. A participant whose application is in this JVM uses a {@link DeliveryClock}; one
 * whose application is a remote page uses {@link ForwardedDeliveries}, and the page keeps the instant.
 */
public interface Deliveries extends AutoCloseable {

    /** Runs {@code action} when the local wall clock reaches {@code atMicros} (at once if that has passed). */
    void at(long atMicros, Runnable action);

    /** Runs {@code action} as soon as possible, after the tasks already due. */
    void now(Runnable action);

    @Override
    void close();
}
