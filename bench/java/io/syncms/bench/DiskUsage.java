package io.syncms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * What a directory tree takes on disk, measured with GNU {@code find} and {@code du} (Java cannot read
 * allocated block counts): the apparent size of its files, the blocks allocated to its files, and the
 * blocks allocated to files and directories together (what {@code du} reports).
 */
public record DiskUsage(long files, long apparentBytes, long fileAllocatedBytes, long treeAllocatedBytes) {

    public static DiskUsage of(Path root) throws IOException, InterruptedException {
        long files = 0;
        long apparent = 0;
        long allocated = 0;
        // %s: size in bytes, %b: allocated 512-byte blocks
        for (String line : run(List.of("find", root.toString(), "-type", "f", "-printf", "%s %b\n")).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" ");
            files++;
            apparent += Long.parseLong(fields[0]);
            allocated += Long.parseLong(fields[1]) * 512;
        }
        long tree = Long.parseLong(run(List.of("du", "-s", "-B1", root.toString())).trim().split("\\s+")[0]);
        return new DiskUsage(files, apparent, allocated, tree);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }
}
