package io.syncms.chum.entity;

import java.time.Instant;

/**
 * One run of a Chum job: a Chum from its handshake to its end.
 *
 * @param state     how it ended
 * @param fullSync  whether it achieved full synchronization before it ended
 * @param error     its first error, null if none
 * @param startedAt when it started
 * @param endedAt   when it ended
 */
public record ChumRun(ChumState state, boolean fullSync, String error, Instant startedAt, Instant endedAt) {
}
