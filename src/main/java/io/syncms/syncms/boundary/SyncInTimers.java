package io.syncms.syncms.boundary;

import io.syncms.syncms.control.Wakeups;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sync-in max_wait wake-ups as non-persistent single-action EJB timers. Payara delays a timer to at
 * least its minimum delivery interval after creation (1000 ms by default); {@code server-config/} lowers
 * that interval so that a window of a few milliseconds closes on time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SyncInTimers implements Wakeups {

    private static final Logger LOG = Logger.getLogger(SyncInTimers.class.getName());

    @Resource
    TimerService timerService;

    private final Map<String, Runnable> tasks = new ConcurrentHashMap<>();

    @Override
    public void wakeAt(long epochMicros, Runnable task) {
        String key = UUID.randomUUID().toString();
        tasks.put(key, task);
        long millis = Math.floorDiv(epochMicros + 999, 1000);
        timerService.createSingleActionTimer(new Date(millis), new TimerConfig(key, false));
    }

    @Timeout
    void timeout(Timer timer) {
        Runnable task = tasks.remove((String) timer.getInfo());
        if (task == null) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sync-in wake-up failed", e);
        }
    }
}
