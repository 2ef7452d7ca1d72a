package io.syncms.chum.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Where an importer's time went, for the log line that ends a Chum: waiting for listing pages,
 * looking up what is already stored, waiting for fetches, storing. Phases overlap across threads
 * (fetches run ahead of stores), so they do not add up to the import's wall time.
 */
final class ImportTimings {

    enum Phase { LISTING, LOOKUP, CONTENT, WAITING_FOR_OBJECTS, STORING_OBJECTS }

    private final Map<Phase, AtomicLong> nanos = new EnumMap<>(Phase.class);

    ImportTimings() {
        for (Phase phase : Phase.values()) {
            nanos.put(phase, new AtomicLong());
        }
    }

    /** Adds the time since {@code startNanos} to the phase. */
    void add(Phase phase, long startNanos) {
        nanos.get(phase).addAndGet(System.nanoTime() - startNanos);
    }

    @Override
    public String toString() {
        return nanos.entrySet().stream()
                .map(entry -> entry.getKey().name().toLowerCase().replace('_', ' ') + " " + entry.getValue().get() / 1_000_000 + " ms")
                .collect(Collectors.joining(", "));
    }
}
