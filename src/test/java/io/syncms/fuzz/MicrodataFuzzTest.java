package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.store.control.MicrodataParser;
import io.syncms.store.control.MicrodataSerializer;
import io.syncms.store.control.RecipeRegistry;
import io.syncms.store.control.StoreFixtures;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import java.nio.charset.StandardCharsets;

/** Microdata as a Chum peer sends it. */
class MicrodataFuzzTest {

    private static final RecipeRegistry REGISTRY = StoreFixtures.registry();
    private final MicrodataParser parser = new MicrodataParser();
    private final MicrodataSerializer serializer = new MicrodataSerializer(REGISTRY);

    /**
     * Parses, or is refused with a one.core code; what parses is canonical: serialized again it is the very
     * same text, so an object is never stored under a hash of other bytes than it would have itself.
     */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void microdataParsesCanonicallyOrIsRefused(byte[] bytes) {
        String microdata = new String(bytes, StandardCharsets.UTF_8);
        OneObject object;
        try {
            object = parser.isIdObject(microdata) ? parser.parseIdObject(microdata, REGISTRY) : parser.parse(microdata, REGISTRY);
        } catch (OneValidationException refused) {
            return;
        }
        String again = parser.isIdObject(microdata) ? serializer.toIdMicrodata(object) : serializer.toMicrodata(object);
        if (!again.equals(microdata)) {
            throw new AssertionError("accepted non-canonical microdata " + microdata + " (canonical: " + again + ")");
        }
    }
}
