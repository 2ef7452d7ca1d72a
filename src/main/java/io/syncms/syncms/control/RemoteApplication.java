package io.syncms.syncms.control;

import io.syncms.clock.entity.ClockEstimate;
import java.util.concurrent.CompletableFuture;

/**
 * The application of a participant that runs elsewhere, a player's page connected over a WebSocket. The
 * participant in this instance synchronizes with the master as any other; the application's clock is
 * measured against this instance's wall clock, and the two estimates compose (see {@link ClockComposition}).
 */
public interface RemoteApplication {

    /**
     * Measures the application's clock with Cristian's algorithm, this instance asking. The estimate's
     * offset is the application's clock minus this instance's wall clock; its one-way delay is that of
     * the link to the application.
     */
    CompletableFuture<ClockEstimate> measureClock();
}
