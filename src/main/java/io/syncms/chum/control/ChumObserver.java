package io.syncms.chum.control;

/**
 * Hears of the Chums a {@link ChumService} keeps, for metrics: each is {@code kept} once, may
 * {@code end}, and is {@code forgotten} when newer ended Chums push it out (see {@code syncms.chum.max-retained}).
 * Called on the Chum's threads: an observer must be quick.
 */
public interface ChumObserver {

    ChumObserver NONE = new ChumObserver() { };

    default void kept(ChumSession session) {
    }

    default void ended(ChumSession session) {
    }

    default void forgotten(ChumSession session) {
    }
}
