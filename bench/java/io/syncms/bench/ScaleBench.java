package io.syncms.bench;

import io.syncms.chum.control.ScaleBenchRun;

import java.nio.file.Path;
import java.util.Map;

/**
 * The cost of the store and the Chum as the store grows (see {@link ScaleBenchRun}): load, instance
 * start, accessible closure, first and no-op Chum, disk, at each size, with time and peak heap.
 *
 * <pre>bench/run ScaleBench [sizes=10000,100000,1000000] [out=bench/results/scale.md] [keep=false]</pre>
 */
public final class ScaleBench {

    private ScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = BenchHost.keyValueArguments(args);
        String report = new ScaleBenchRun(settings).run();
        System.out.println(report);
        Path out = Path.of(settings.getOrDefault("out", "bench/results/scale.md"));
        ScaleBenchRun.write(out, report);
        System.out.println("written to " + out.toAbsolutePath());
    }
}
