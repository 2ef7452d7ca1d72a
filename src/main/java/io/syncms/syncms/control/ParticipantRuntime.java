package io.syncms.syncms.control;

import com.hazelcast.core.HazelcastInstance;
import io.syncms.clock.control.WallClock;
import io.syncms.syncms.entity.Delivery;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * What a participant needs from its environment. In Payara: Payara's Hazelcast member, the managed
 * scheduled executor, EJB timers, the managed thread factory and a sink that fires CDI events.
 *
 * @param scheduler timeouts, clock-request pacing and the completion of the application's stages
 * @param sink receives every delivery after the application's listeners, off the delivery thread's
 *     critical instant
 */
public record ParticipantRuntime(
        HazelcastInstance hazelcast,
        ScheduledExecutorService scheduler,
        Wakeups wakeups,
        ThreadFactory threads,
        Consumer<Delivery> sink,
        WallClock clock) {}
