package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.testing.Api;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.NodeScripts;
import io.syncms.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in a real headless Chromium ({@code src/test/js/browser}, playwright-core from npm,
 * Debian's {@code chromium}): the instance Arquillian manages is a group's master, a second Payara Micro
 * its slave, and the slave runs a Chum job with the master. The browser looks at the slave's dashboard.
 * The screenshot lands in {@code target/dashboard.png}.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardIT {

    private static final Path SCRIPT_DIR = Path.of("src", "test", "js", "browser");
    private static final JsonObject FAST = Json.createObjectBuilder().add("initWaitMs", 100).add("clockSyncCycleDelayMs", 20)
            .add("clockSyncIterations", 20).add("syncOutMarginMs", 500).build();

    static PayaraProcess slave;

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    @BeforeAll
    static void startSlave() throws Exception {
        slave = PayaraProcess.start("dashboard-slave", List.of());
        slave.awaitReady();
    }

    @AfterAll
    static void stopSlave() throws Exception {
        if (slave != null) {
            slave.close();
        }
    }

    @Test
    void theDashboardShowsTheGroupItsDeliveriesTheStoreAndAChumJobInChromium() throws Exception {
        try (Api master = new Api(ItEnvironment.loopback(url)); Api player = new Api(slave.baseUrl())) {
            master.put("/api/groups/dash", Json.createObjectBuilder().add("role", "master").add("id", "m")
                    .add("slaves", Json.createArrayBuilder().add("p")).add("settings", FAST).build()).expect(201);
            player.put("/api/groups/dash", Json.createObjectBuilder().add("role", "slave").add("id", "p")
                    .add("settings", FAST).build()).expect(201);
            for (String step : List.of("initialize", "clock-sync", "listen")) {
                CompletableFuture<Api.Reply> atMaster = CompletableFuture.supplyAsync(() -> master.post("/api/groups/dash/" + step, null));
                player.post("/api/groups/dash/" + step, null).expect(200);
                atMaster.get(60, TimeUnit.SECONDS).expect(200);
            }
            for (int round = 1; round <= 3; round++) {
                master.post("/api/groups/dash/sync-out", Json.createObjectBuilder()
                        .add("message", Json.createObjectBuilder().add("round", round)).build()).expect(200);
            }

            JsonObject ofMaster = master.get("/api/instance").expect(200).json();
            JsonObject ofPlayer = player.get("/api/instance").expect(200).json();
            pair(player, ofMaster, ItEnvironment.loopback(url).replaceAll("/+$", ""));
            pair(master, ofPlayer, slave.baseUrl());
            player.post("/api/chums", Json.createObjectBuilder().add("remotePersonId", ofMaster.getJsonObject("owner").getString("idHash"))
                    .add("chumName", "dashboard").add("keepRunning", true).build()).expect(202);

            Path screenshot = ItEnvironment.workDir().getParent().resolve("dashboard.png");
            NodeScripts.Run npm = NodeScripts.run(SCRIPT_DIR, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertEquals(0, npm.exit(), "npm ci: " + npm.output());
            NodeScripts.Run browser = NodeScripts.run(SCRIPT_DIR, List.of("node", "dashboard.test.mjs", slave.baseUrl() + "/", ItEnvironment.apiToken(),
                    screenshot.toAbsolutePath().toString(), "dash", ofMaster.getString("name")), 180);
            System.out.println(browser.output());
            assertEquals(0, browser.exit(), browser.output());
            assertTrue(browser.output().contains("dashboard ok"), browser.output());
            assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
        }
    }

    private static void pair(Api at, JsonObject other, String otherUrl) {
        at.post("/api/peers", Json.createObjectBuilder().add("personId", other.getJsonObject("owner").getString("idHash"))
                .add("publicKey", other.getString("publicKey")).add("url", otherUrl).add("instanceName", other.getString("name"))
                .build()).expect(201);
    }
}
