package io.syncms.players.entity;

/**
 * The bounds of one player's socket.
 *
 * @param maxFrameBytes the largest text frame accepted (a larger one closes the socket, 1009)
 * @param maxPendingOperations operations not yet answered; one more is refused with 429
 * @param operationsPerSecond sustained operations per second; a burst of twice as many is allowed
 * @param maxQueuedFrames frames waiting to be sent to a page that does not read; one more closes the socket
 * @param maxInvalidFrames frames that are not the protocol's; one more closes the socket (1008)
 */
public record PlayerLimits(int maxFrameBytes, int maxPendingOperations, int operationsPerSecond, int maxQueuedFrames,
        int maxInvalidFrames) {

    public static PlayerLimits defaults() {
        return new PlayerLimits(1024 * 1024 + 4096, 64, 200, 1024, 32);
    }
}
