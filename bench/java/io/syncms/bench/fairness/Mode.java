package io.syncms.bench.fairness;

/**
 * How the master processes the players' actions in one run.
 *
 * @param name short name for the command line
 * @param syncMs {@code false}: plain, the master processes each action when it arrives, no Sync-MS at all
 * @param windowFactor Sync-MS with the sync-in window W scaled by this factor (1 = as Sync-MS computes it)
 * @param offsetMillis Sync-MS with some players' clocks off by ± this much after clock synchronisation
 */
public record Mode(String name, boolean syncMs, double windowFactor, long offsetMillis) {

    public static Mode plain() {
        return new Mode("plain", false, 1, 0);
    }

    public static Mode syncMsMode() {
        return new Mode("syncms", true, 1, 0);
    }

    public static Mode shortWindow(double factor) {
        return new Mode("w" + factor, true, factor, 0);
    }

    public static Mode clockOffsets(long millis) {
        return new Mode("offset" + millis, true, 1, millis);
    }

    /** {@code plain}, {@code syncms}, {@code w<factor>} (e.g. w0.5) or {@code offset<ms>} (e.g. offset20). */
    public static Mode parse(String name) {
        if (name.equals("plain")) {
            return plain();
        }
        if (name.equals("syncms")) {
            return syncMsMode();
        }
        if (name.startsWith("w")) {
            return shortWindow(Double.parseDouble(name.substring(1)));
        }
        if (name.startsWith("offset")) {
            return clockOffsets(Long.parseLong(name.substring("offset".length())));
        }
        throw new IllegalArgumentException("unknown mode \"" + name + "\": plain, syncms, w<factor> or offset<ms>");
    }

    public boolean shortensWindow() {
        return windowFactor < 1;
    }

    public String label() {
        if (!syncMs) {
            return "plain";
        }
        if (shortensWindow()) {
            return "Sync-MS, W x" + windowFactor;
        }
        if (offsetMillis != 0) {
            return "Sync-MS, clocks ±" + offsetMillis + " ms";
        }
        return "Sync-MS";
    }

    /** A shorter label for chart legends. */
    public String shortLabel() {
        if (!syncMs) {
            return "plain";
        }
        if (shortensWindow()) {
            return "W x" + windowFactor;
        }
        if (offsetMillis != 0) {
            return "clocks ±" + offsetMillis + " ms";
        }
        return "Sync-MS";
    }
}
