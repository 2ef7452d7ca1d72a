package io.syncms.platform.control;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyOrderStrategy;

/**
 * The one JSON-B configuration of the API, for request and response bodies alike: members that are
 * null are written as {@code null} (a client sees every member the contract names), members are
 * written in alphabetical order (the same every time; JSON-B knows no declaration order), a member
 * the body's type does not name is an error, not silently dropped (a misspelt option must not pass
 * for a default), and booleans, whole numbers and strings must be what JSON says they are
 * ({@link StrictScalars}).
 */
public final class JsonBinding {

    /** Yasson's name for failing on unknown members (JSON-B itself has no switch for it). */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    public static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withNullValues(true)
            .withPropertyOrderStrategy(PropertyOrderStrategy.LEXICOGRAPHICAL)
            .withDeserializers(new StrictScalars.Booleans(), new StrictScalars.Longs(), new StrictScalars.Integers(),
                    new StrictScalars.Strings())
            .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    private JsonBinding() {}
}
