package io.syncms.platform.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * Booleans, whole numbers and strings as JSON has them (or null, for the constraints to judge), nothing
 * else: JSON-B's defaults read {@code "yes"} as false, {@code "20"} or {@code 20.7} as a number and
 * {@code 123} or {@code false} as a string, so a misspelt value would pass for another one.
 */
final class StrictScalars {

    private StrictScalars() {}

    static final class Booleans implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value.getValueType() == JsonValue.ValueType.TRUE) {
                return Boolean.TRUE;
            }
            if (value.getValueType() == JsonValue.ValueType.FALSE) {
                return Boolean.FALSE;
            }
            throw new JsonbException("expected true or false, found " + describe(value));
        }
    }

    static final class Longs implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            BigDecimal value = wholeNumber(parser);
            return value == null ? null : value.longValueExact();
        }
    }

    static final class Integers implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            BigDecimal value = wholeNumber(parser);
            return value == null ? null : value.intValueExact();
        }
    }

    static final class Strings implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw new JsonbException("expected a string, found " + describe(value));
        }
    }

    private static BigDecimal wholeNumber(JsonParser parser) {
        JsonValue json = parser.getValue();
        if (json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(json instanceof JsonNumber number) || !number.isIntegral()) {
            throw new JsonbException("expected a whole number, found " + (json instanceof JsonNumber ? "a fraction" : describe(json)));
        }
        BigDecimal value = number.bigDecimalValue();
        if (value.precision() - value.scale() > 19) {
            throw new JsonbException("the number " + value.toBigInteger().toString().substring(0, 10) + "… is out of range");
        }
        return value;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> value.toString();
        };
    }
}
