package io.syncms.players.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.testing.Api;
import io.syncms.testing.Deployments;
import io.syncms.testing.ItEnvironment;
import io.syncms.testing.NodeScripts;
import io.syncms.testing.PayaraProcess;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Players on real Payara Micro processes: the instance Arquillian manages and a second one, one cluster.
 * JavaScript players (syncms.js in Node, the players benchmark's driver) and Chromium pages (the race demo)
 * join groups spread over both instances; the checks are on what they measured. The upgrade itself is
 * checked with raw HTTP: a bad credential never reaches the WebSocket.
 */
@ExtendWith(ArquillianExtension.class)
class PlayersIT {

    static PayaraProcess second;

    @ArquillianResource
    URL url;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.moduleWithProbes();
    }

    @BeforeAll
    static void startSecond() throws Exception {
        second = PayaraProcess.start("players-second", List.of());
        second.awaitReady();
    }

    @AfterAll
    static void stopSecond() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    private String first() {
        return ItEnvironment.loopback(url).replaceAll("/+$", "");
    }

    @Test
    void javaScriptPlayersOnTwoInstancesGetSyncOutTogetherAndSyncInInSendOrder() throws Exception {
        List<String> command = new ArrayList<>(NodeScripts.nodeWithWebSocket());
        command.addAll(List.of("bench/players/players.mjs", "--url", first() + "," + second.baseUrl(), "--token",
                ItEnvironment.apiToken(), "--groups", "2", "--players", "4", "--workers", "2", "--rounds", "40", "--fire", "10",
                "--burst", "20", "--tag", "it"));
        NodeScripts.Run run = NodeScripts.run(Path.of("."), command, 300);
        System.out.println(run.output());
        assertEquals(0, run.exit(), run.output());
        String line = run.output().lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow();
        JsonObject result = Json.createReader(new StringReader(line.substring("RESULT ".length()))).readObject();

        assertEquals(100, result.getInt("rounds"), "40 sync-out and 10 sync-in rounds in each of 2 groups");
        assertEquals(0, result.getInt("incompleteRounds"), "every player got every round");
        assertEquals(400, result.getInt("deliveries"));
        JsonObject syncIn = result.getJsonObject("syncIn");
        assertEquals(0, syncIn.getInt("inversions"), "sync-in that arrived within the window, sent further apart than the clocks' error, "
                + "is delivered in send order (a late one is handed over at once and marked late): " + syncIn);
        assertEquals(0, syncIn.getInt("missing"), syncIn.toString());
        JsonObject throughput = result.getJsonObject("throughput");
        assertEquals(throughput.getInt("of"), throughput.getInt("messages"), "every burst message reached its master");
        // generous bounds for a shared CI machine; the benchmark reports the real figures
        assertTrue(result.getJsonObject("spread").getJsonNumber("p50").doubleValue() < 10, result.toString());
        assertTrue(result.getJsonObject("offsetError").getJsonNumber("max").doubleValue() < 10, result.toString());
        // every player closed: the instance serves none any more, and says so
        try (Api anonymous = Api.anonymous(first())) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                String metrics = anonymous.get("/metrics").expect(200).body();
                assertTrue(metrics.lines().anyMatch(text -> text.matches("syncms_players(\\{[^}]*\\})? 0(\\.0)?")),
                        "syncms_players 0 in:\n" + metrics.lines().filter(text -> text.startsWith("syncms_players")).toList());
            });
        }
    }

    @Test
    void aRoundOfTheRaceDemoInChromiumNamesTheFastestPlayer() throws Exception {
        Path dir = Path.of("src", "test", "js", "browser");
        NodeScripts.Run npm = NodeScripts.run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        assertEquals(0, npm.exit(), "npm ci: " + npm.output());
        Path screenshot = ItEnvironment.workDir().getParent().resolve("race.png");
        NodeScripts.Run race = NodeScripts.run(dir, List.of("node", "race.test.mjs", first() + "/", second.baseUrl() + "/",
                ItEnvironment.apiToken(), screenshot.toAbsolutePath().toString()), 240);
        System.out.println(race.output());
        assertEquals(0, race.exit(), race.output());
        assertTrue(race.output().contains("race ok"), race.output());
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the host's page");
    }

    @Test
    void theUpgradeIsRefusedBeforeTheSocketWithoutAValidCredential() throws Exception {
        URI base = URI.create(first());
        assertEquals(401, upgrade(base, "/players/g1", null).status());
        assertEquals(401, upgrade(base, "/players/g1", "not-the-token-0123456789").status());
        assertEquals(401, upgrade(base, "/players/g1", "spt1.eyJnIjoiZzEifQ.AAAA").status());
        Upgrade refused = upgrade(base, "/players/g1", "not-the-token-0123456789");
        assertTrue(refused.head().toLowerCase().contains("content-type: application/problem+json"), refused.head());

        try (Api app = new Api(first()); Api anonymous = Api.anonymous(first())) {
            anonymous.post("/api/groups/g1/player-tokens", Json.createObjectBuilder().add("role", "slave").add("id", "p1").build())
                    .expect(401);
            app.post("/api/groups/g1/player-tokens", Json.createObjectBuilder().add("role", "boss").add("id", "p1").build())
                    .expect(400);
            app.post("/api/groups/g1/player-tokens", Json.createObjectBuilder().add("role", "slave").add("id", "p1")
                    .add("ttlSeconds", 100_000).build()).expect(400);
            JsonObject minted = app.post("/api/groups/g1/player-tokens", Json.createObjectBuilder().add("role", "slave")
                    .add("id", "p1").add("ttlSeconds", 600).build()).expect(201).json();
            assertEquals("/players/g1", minted.getString("path"));
            String token = minted.getString("token");
            assertEquals(101, upgrade(base, "/players/g1", token).status(), "a player token opens its group");
            assertEquals(101, upgrade(URI.create(second.baseUrl()), "/players/g1", token).status(), "on every instance of the cluster");
            assertEquals(403, upgrade(base, "/players/g2", token).status(), "and no other group");
            assertEquals(101, upgrade(base, "/players/g2", ItEnvironment.apiToken()).status(), "the API token opens any group");
        }
    }

    record Upgrade(int status, String head) {
    }

    /** A WebSocket upgrade request by hand, offering syncms.v1 and the token as syncms.bearer.<base64url>. */
    private static Upgrade upgrade(URI base, String path, String token) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String protocols = "syncms.v1" + (token == null ? ""
                    : ", syncms.bearer." + Base64.getUrlEncoder().withoutPadding().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nConnection: Upgrade\r\n"
                    + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Protocol: " + protocols + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            String status = head.toString().lines().findFirst().orElse("");
            return new Upgrade(Integer.parseInt(status.split(" ")[1]), head.toString());
        }
    }
}
