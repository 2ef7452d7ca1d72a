package io.syncms.players.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the JavaScript client's own unit tests ({@code clients/js/test}, Node's test runner) as part of the
 * unit tier, so that {@code mvn verify} covers them. Needs Node.js 20+ ({@code .ci/run} installs it).
 */
class JavaScriptClientTest {

    @Test
    void theClientsNodeTestsPass() throws Exception {
        Process node = new ProcessBuilder("node", "--test", "test/").directory(new File("clients/js")).redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertTrue(finished, "node --test did not finish within 120 s:\n" + output);
        assertEquals(0, node.exitValue(), output);
        assertTrue(output.contains("# fail 0") && !output.contains("# pass 0"), output);
    }
}
