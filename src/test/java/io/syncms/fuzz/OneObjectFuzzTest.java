package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.platform.boundary.JsonBodies;
import io.syncms.store.control.MicrodataParser;
import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.OneJson;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import java.nio.charset.StandardCharsets;

/** A JSON body as {@code POST /api/objects} takes it, to a ONE object and its microdata. */
class OneObjectFuzzTest {

    private static final RecipeRegistry REGISTRY = StoreFixtures.registry();
    private final OneJson oneJson = new OneJson();
    private final MicrodataSerializer serializer = new MicrodataSerializer(REGISTRY);
    private final MicrodataParser parser = new MicrodataParser();

    /**
     * Refused with a 400's exceptions only; an accepted object serializes, and its microdata parses back to
     * the same object (the hash a peer checks is the hash of what it will store).
     */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void aJsonBodyIsAnObjectOrA400(byte[] bytes) {
        OneObject object;
        String microdata;
        try {
            object = oneJson.fromJson(JsonBodies.object(new String(bytes, StandardCharsets.UTF_8)), REGISTRY);
            microdata = serializer.toMicrodata(object);
        } catch (IllegalArgumentException | OneValidationException refused) {
            return;
        }
        OneObject parsed = parser.parse(microdata, REGISTRY);
        if (!serializer.toMicrodata(parsed).equals(microdata)) {
            throw new AssertionError("microdata does not survive a parse: " + microdata);
        }
    }
}
