package io.syncms.chum.boundary;

import io.syncms.chum.boundary.ChumBodies.ChumSyncOptions;
import io.syncms.chum.boundary.ChumBodies.Peer;
import io.syncms.platform.control.JsonBinding;
import io.syncms.platform.control.RecordBodies;
import io.syncms.platform.entity.InvalidRequestException;
import jakarta.validation.Validation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChumOptions;
import io.syncms.chum.entity.TrustedPeer;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a Chum request may leave out, and what the instance fills in. */
class ChumBodiesTest {

    private static final RecordBodies BODIES = new RecordBodies(JsonBinding.JSONB,
            Validation.buildDefaultValidatorFactory().getValidator());
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

    private static ChumSyncOptions options(String json) {
        return BODIES.read(json, ChumSyncOptions.class);
    }

    private static Peer peer(String json) {
        return BODIES.read(json, Peer.class);
    }

    @Test
    void onlyThePeerIsNeededWhenItsPairingNamesItsInstance() {
        ChumOptions options = options("{\"remotePersonId\":\"" + BOB + "\"}").toOptions(defaults);
        assertEquals(new ChumOptions(null, OWNER, BOB, "chum", "here", "bobs-instance", false, 20), options);
    }

    @Test
    void whatTheRequestSaysWins() {
        ChumSyncOptions request = options("{\"remotePersonId\":\"" + BOB + "\",\"chumName\":\"mine\",\"remoteInstanceName\":\"other\","
                + "\"keepRunning\":true,\"maxNotificationDelay\":5}");
        assertEquals(new ChumOptions(null, OWNER, BOB, "mine", "here", "other", true, 5), request.toOptions(defaults));
    }

    @Test
    void aPairingWithoutAnInstanceNameNeedsItInTheRequest() {
        ChumSyncOptions request = options("{\"remotePersonId\":\"" + CAROL + "\"}");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> request.toOptions(defaults));
        assertTrue(missing.getMessage().contains("remoteInstanceName is missing"), missing.getMessage());
        InvalidRequestException none = assertThrows(InvalidRequestException.class, () -> options("{}"), "remotePersonId is always needed");
        assertEquals("remotePersonId", none.violations().get(0).field());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> options("{\"remotePersonId\":\"" + BOB + "\",\"keepRuning\":true}"));
        assertTrue(unknown.getMessage().contains("keepRuning"), unknown.getMessage());
    }

    @Test
    void aPeersInstanceNameIsOptionalAndKeptWhenGiven() {
        TrustedPeer named = peer("{\"personId\":\"" + BOB + "\",\"publicKey\":\"" + KEY
                + "\",\"url\":\"http://127.0.0.1:8092\",\"instanceName\":\"bobs-instance\"}").toPeer(null);
        assertEquals("bobs-instance", named.instanceName());
        assertEquals("bobs-instance", Peer.of(named).instanceName());
        TrustedPeer unnamed = peer("{\"publicKey\":\"" + KEY + "\",\"url\":\"http://x\"}").toPeer(BOB);
        assertNull(unnamed.instanceName());
        assertTrue(JsonBinding.JSONB.toJson(Peer.of(unnamed)).contains("\"instanceName\":null"));
        assertThrows(IllegalArgumentException.class, () -> peer("{\"publicKey\":\"" + KEY + "\",\"url\":\"http://x\"}").toPeer(null),
                "POST needs the personId");
        assertThrows(IllegalArgumentException.class, () -> peer("{\"personId\":\"" + BOB + "\",\"publicKey\":\"" + KEY
                + "\",\"url\":\"http://x\",\"instanceName\":\"two\\nlines\"}").toPeer(null));
    }
}
