package io.syncms.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.chum.control.ChumWire;
import io.syncms.chum.entity.ChumProtocolException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.function.Function;

/** Every message of the Chum protocol, as a hostile peer or network may send it. */
class ChumWireFuzzTest {

    private static final List<Function<JsonObject, ?>> DECODERS = List.of(ChumWire::challengeRequest, ChumWire::challenge,
            ChumWire::handshakeRequest, ChumWire::grant, ChumWire::changesRequest, ChumWire::nextRequest, ChumWire::page,
            ChumWire::objectsRequest, ChumWire::objects, ChumWire::contentRequest, ChumWire::waitRequest, ChumWire::notice,
            ChumWire::finishRequest);

    /** Decodes, or is a protocol error (a 400 for a request, a failed Chum for an answer): never anything else. */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void everyMessageDecodesOrIsAProtocolError(FuzzedDataProvider data) {
        Function<JsonObject, ?> decoder = DECODERS.get(data.consumeInt(0, DECODERS.size() - 1));
        try {
            decoder.apply(ChumWire.parse(data.consumeRemainingAsString()));
        } catch (ChumProtocolException refused) {
            // what the transport turns into a clear error
        }
    }
}
