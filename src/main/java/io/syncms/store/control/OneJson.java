package io.syncms.store.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.store.entity.JsMap;
import io.syncms.store.entity.JsRegExp;
import io.syncms.store.entity.OneObject;
import io.syncms.store.entity.OneValidationException;
import io.syncms.store.entity.RecipeRule;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of ONE objects (REST API and test vectors): a JSON object with {@code $type$}
 * (and optionally {@code $versionHash$}) plus the properties. Values JSON cannot express are
 * tagged objects with a single key: a JS Set is {@code {"$set":[items]}}, a JS Map is
 * {@code {"$map":[[key,value],...]}} and a RegExp is {@code {"$regexp":"source"}}. (A plain object
 * with exactly one of these keys therefore cannot be expressed.)
 *
 * <p>Numbers become doubles and are written in JavaScript notation. Decoding errors use
 * {@code OR-GR1} (missing or unknown {@code $type$}) and {@code OJ-DEC1} (malformed tagged value
 * or meta property).
 */
public final class OneJson {


    private static final String SET_TAG = "$set";
    private static final String MAP_TAG = "$map";
    private static final String REGEXP_TAG = "$regexp";

    private final JsNumberFormatter numbers = new JsNumberFormatter();

    /**
     * A complete ONE object, validated against its recipe like {@code convertObjToMicrodata}.
     *
     * @throws OneValidationException with the one.core code (unknown type, unknown property, wrong
     *         value type, regexp mismatch, malformed hash, missing mandatory property, ...)
     */
    public OneObject fromJson(JsonObject json, RecipeRegistry registry) {
        OneObject object = decode(json);
        new MicrodataSerializer(registry).toMicrodata(object);
        return object;
    }

    /**
     * The ID object of the given (possibly partial) object: {@code $type$} and the ID properties
     * only, validated like {@code convertObjToIdMicrodata}; other properties are ignored.
     *
     * @throws OneValidationException {@code O2M-COBJ1} for an unversioned type, or the code for a
     *         missing or invalid ID property
     */
    public OneObject idObjectFromJson(JsonObject json, RecipeRegistry registry) {
        OneObject object = decode(json);
        new MicrodataSerializer(registry).toIdMicrodata(object);
        Map<String, Object> idProperties = new LinkedHashMap<>();
        for (RecipeRule rule : registry.get(object.type()).idRules()) {
            idProperties.put(rule.itemprop(), object.get(rule.itemprop()));
        }
        return OneObject.of(object.type(), idProperties);
    }

    /**
     * Decodes without checking the object against its recipe (the serializer does that).
     *
     * @throws OneValidationException {@code OR-GR1} if {@code $type$} is missing or not a string,
     *         {@code OJ-DEC1} for a malformed tagged value
     */
    public OneObject decode(JsonObject json) {
        JsonValue type = json.get(OneObject.TYPE_KEY);
        if (!(type instanceof JsonString typeName)) {
            throw new OneValidationException("OR-GR1",
                    "Type \"" + (type == null ? "undefined" : type.toString()) + "\" not found in recipes");
        }
        String versionHash = null;
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : json.entrySet()) {
            String key = entry.getKey();
            if (key.equals(OneObject.TYPE_KEY)) {
                continue;
            }
            if (key.equals(OneObject.VERSION_HASH_KEY)) {
                if (!(entry.getValue() instanceof JsonString hash)) {
                    throw new OneValidationException("OJ-DEC1", OneObject.VERSION_HASH_KEY + " must be a string");
                }
                versionHash = hash.getString();
                continue;
            }
            properties.put(key, decodeValue(entry.getValue()));
        }
        return OneObject.of(typeName.getString(), properties, versionHash);
    }

    /** A JSON value in the {@link OneObject} value representation (tags resolved). */
    public Object decodeValue(JsonValue json) {
        return switch (json.getValueType()) {
            case STRING -> ((JsonString) json).getString();
            case NUMBER -> Double.parseDouble(((JsonNumber) json).toString());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                json.asJsonArray().forEach(item -> list.add(decodeValue(item)));
                yield list;
            }
            case OBJECT -> decodeObject(json.asJsonObject());
        };
    }

    private Object decodeObject(JsonObject json) {
        if (json.size() == 1) {
            if (json.containsKey(SET_TAG)) {
                Set<Object> set = new LinkedHashSet<>();
                taggedArray(json, SET_TAG).forEach(item -> set.add(decodeValue(item)));
                return set;
            }
            if (json.containsKey(MAP_TAG)) {
                List<Map.Entry<Object, Object>> entries = new ArrayList<>();
                for (JsonValue entry : taggedArray(json, MAP_TAG)) {
                    if (!(entry instanceof JsonArray pair) || pair.size() != 2) {
                        throw new OneValidationException("OJ-DEC1", "$map entries must be [key, value] arrays: " + entry);
                    }
                    entries.add(new AbstractMap.SimpleEntry<>(decodeValue(pair.get(0)), decodeValue(pair.get(1))));
                }
                return JsMap.ofEntries(entries);
            }
            if (json.containsKey(REGEXP_TAG)) {
                if (!(json.get(REGEXP_TAG) instanceof JsonString source)) {
                    throw new OneValidationException("OJ-DEC1", "$regexp must be a string: " + json);
                }
                return new JsRegExp(source.getString());
            }
        }
        Map<String, Object> object = new LinkedHashMap<>();
        json.forEach((key, value) -> object.put(key, decodeValue(value)));
        return object;
    }

    private static JsonArray taggedArray(JsonObject json, String tag) {
        if (!(json.get(tag) instanceof JsonArray array)) {
            throw new OneValidationException("OJ-DEC1", tag + " must be an array: " + json);
        }
        return array;
    }

    public JsonObject toJson(OneObject object) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add(OneObject.TYPE_KEY, object.type());
        object.versionHash().ifPresent(hash -> json.add(OneObject.VERSION_HASH_KEY, hash));
        object.properties().forEach((key, value) -> json.add(key, toJsonValue(value)));
        return json.build();
    }

    /** A value of the {@link OneObject} representation as JSON (Sets, Maps, RegExps tagged). */
    public JsonValue toJsonValue(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof String text) {
            return JSON.createValue(text);
        }
        if (value instanceof Double number) {
            // JSON has no NaN/Infinity; JSON.stringify writes null for them as well
            return Double.isFinite(number) ? JSON.createValue(new BigDecimal(numbers.format(number))) : JsonValue.NULL;
        }
        if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof List<?> list) {
            return array(list);
        }
        if (value instanceof Set<?> set) {
            return JSON.createObjectBuilder().add(SET_TAG, array(set)).build();
        }
        if (value instanceof JsMap map) {
            JsonArrayBuilder entries = JSON.createArrayBuilder();
            map.asMap().forEach((key, item) -> entries.add(JSON.createArrayBuilder().add(toJsonValue(key)).add(toJsonValue(item))));
            return JSON.createObjectBuilder().add(MAP_TAG, entries).build();
        }
        if (value instanceof JsRegExp regExp) {
            return JSON.createObjectBuilder().add(REGEXP_TAG, regExp.source()).build();
        }
        if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = JSON.createObjectBuilder();
            map.forEach((key, item) -> object.add((String) key, toJsonValue(item)));
            return object.build();
        }
        throw new IllegalArgumentException("Not a ONE object value: " + value.getClass().getName());
    }

    private JsonArray array(Iterable<?> items) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        items.forEach(item -> array.add(toJsonValue(item)));
        return array.build();
    }
}
