package io.syncms.syncms.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's table of its slaves' clock reports, and the two delays derived from it: D for sync-out
 * (the largest one-way delay plus a margin) and W, the max_wait window of sync-in (the largest one-way
 * delay plus that slave's clock error, plus a margin: a message stamped at send time s by any slave has
 * arrived by s + W on the master's clock).
 */
public class SlaveDelays {

    private final Map<String, Wire.ClockReport> reports = new ConcurrentHashMap<>();

    public void record(Wire.ClockReport report) {
        reports.put(report.from(), report);
    }

    public Wire.ClockReport report(String slave) {
        return reports.get(slave);
    }

    public List<String> missing(Collection<String> expected) {
        List<String> missing = new ArrayList<>();
        for (String slave : expected) {
            if (!reports.containsKey(slave)) {
                missing.add(slave);
            }
        }
        return missing;
    }

    public long deliveryDelayMicros(Collection<String> slaves, long marginMicros) {
        long largest = 0;
        for (String slave : slaves) {
            Wire.ClockReport report = reports.get(slave);
            if (report != null) {
                largest = Math.max(largest, report.oneWayDelay());
            }
        }
        return largest + marginMicros;
    }

    public long maxWaitMicros(Collection<String> slaves, long marginMicros) {
        long largest = 0;
        for (String slave : slaves) {
            Wire.ClockReport report = reports.get(slave);
            if (report != null) {
                largest = Math.max(largest, report.oneWayDelay() + report.errorBound());
            }
        }
        return largest + marginMicros;
    }
}
