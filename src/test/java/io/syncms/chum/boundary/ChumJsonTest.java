package io.syncms.chum.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.TrustedPeer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Chum request may leave out, and what the instance fills in. */
class ChumJsonTest {

    private static final String OWNER = "a".repeat(64);
    private static final String BOB = "b".repeat(64);
    private static final String CAROL = "c".repeat(64);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private final ChumDefaults defaults = new ChumDefaults() {
        @Override
        public String localPersonId() {
            return OWNER;
        }

        @Override
        public String localInstanceName() {
            return "here";
        }

        @Override
        public Optional<String> remoteInstanceName(String remotePersonId) {
            return remotePersonId.equals(BOB) ? Optional.of("bobs-instance") : Optional.empty();
        }
    };

    @Test
    void onlyThePeerIsNeededWhenItsPairingNamesItsInstance() {
        ChumOptions options = ChumJson.options(Json.createObjectBuilder().add("remotePersonId", BOB).build(), defaults);
        assertEquals(new ChumOptions(null, OWNER, BOB, "chum", "here", "bobs-instance", false, 20), options);
    }

    @Test
    void whatTheRequestSaysWins() {
        JsonObject request = Json.createObjectBuilder().add("remotePersonId", BOB).add("chumName", "mine")
                .add("remoteInstanceName", "other").add("keepRunning", true).add("maxNotificationDelay", 5).build();
        assertEquals(new ChumOptions(null, OWNER, BOB, "mine", "here", "other", true, 5), ChumJson.options(request, defaults));
    }

    @Test
    void aPairingWithoutAnInstanceNameNeedsItInTheRequest() {
        JsonObject request = Json.createObjectBuilder().add("remotePersonId", CAROL).build();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ChumJson.options(request, defaults));
        assertTrue(missing.getMessage().contains("remoteInstanceName is missing"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ChumJson.options(Json.createObjectBuilder().build(), defaults),
                "remotePersonId is always needed");
    }

    @Test
    void aPeersInstanceNameIsOptionalAndKeptWhenGiven() {
        TrustedPeer named = ChumJson.peer(Json.createObjectBuilder().add("personId", BOB).add("publicKey", KEY)
                .add("url", "http://127.0.0.1:8092").add("instanceName", "bobs-instance").build());
        assertEquals("bobs-instance", named.instanceName());
        assertEquals("bobs-instance", ChumJson.peer(named).getString("instanceName"));
        TrustedPeer unnamed = ChumJson.peer(BOB, Json.createObjectBuilder().add("publicKey", KEY).add("url", "http://x").build());
        assertNull(unnamed.instanceName());
        assertTrue(!ChumJson.peer(unnamed).containsKey("instanceName"));
        assertThrows(IllegalArgumentException.class, () -> ChumJson.peer(Json.createObjectBuilder().add("personId", BOB)
                .add("publicKey", KEY).add("url", "http://x").add("instanceName", "two\nlines").build()));
    }
}
