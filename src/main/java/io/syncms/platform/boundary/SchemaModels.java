package io.syncms.platform.boundary;

import io.syncms.platform.control.RecordSchemas;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Turns the schemas {@link RecordSchemas} writes (OpenAPI 3.0 JSON) into the container's model, in the
 * OpenAPI version the container writes: MicroProfile OpenAPI 3.x (Payara 6) writes OpenAPI 3.0, where a
 * member that may be null is {@code nullable}; 4.x (Payara 7) writes 3.1, where {@code null} is one of
 * the member's types and {@code nullable} is gone. The module is compiled against 3.x, so the type is
 * set through whichever method the container's API has.
 */
final class SchemaModels {

    private static final Method SET_TYPE_LIST = method("setType", List.class);
    private static final Method SET_TYPE = method("setType", Schema.SchemaType.class);
    private static final Method SET_NULLABLE = method("setNullable", Boolean.class);

    private SchemaModels() {}

    /** Whether the container writes OpenAPI 3.1 (types are lists, null is a type). */
    static boolean typesAreLists() {
        return SET_TYPE_LIST != null;
    }

    static Schema model(JsonObject json) {
        boolean nullable = json.getBoolean("nullable", false);
        if (nullable && json.containsKey("allOf") && typesAreLists()) {
            // a reference that may be null: 3.1 says so as "one of the reference and null"
            Schema either = OASFactory.createSchema();
            json.getJsonArray("allOf").forEach(part -> either.addAnyOf(model(part.asJsonObject())));
            either.addAnyOf(typed(OASFactory.createSchema(), "null", false));
            copyAnnotations(json, either);
            return either;
        }
        Schema schema = OASFactory.createSchema();
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            JsonValue value = member.getValue();
            switch (member.getKey()) {
                case "$ref" -> schema.setRef(text(value));
                case "type" -> typed(schema, text(value), nullable);
                case "nullable" -> {
                    if (!json.containsKey("type")) {
                        setNullable(schema);
                    }
                }
                case "items" -> schema.setItems(model(value.asJsonObject()));
                case "additionalProperties" -> schema.setAdditionalPropertiesSchema(model(value.asJsonObject()));
                case "allOf" -> value.asJsonArray().forEach(part -> schema.addAllOf(model(part.asJsonObject())));
                case "properties" -> value.asJsonObject().forEach((name, property) -> schema.addProperty(name, model(property.asJsonObject())));
                case "required" -> schema.setRequired(new ArrayList<>(value.asJsonArray().getValuesAs(JsonString::getString)));
                case "maxLength" -> schema.setMaxLength(((JsonNumber) value).intValue());
                case "minLength" -> schema.setMinLength(((JsonNumber) value).intValue());
                case "maxItems" -> schema.setMaxItems(((JsonNumber) value).intValue());
                case "minItems" -> schema.setMinItems(((JsonNumber) value).intValue());
                case "pattern" -> schema.setPattern(text(value));
                case "description", "format", "deprecated", "enum" -> {
                    // below
                }
                default -> throw new IllegalArgumentException("no model for the schema member " + member.getKey());
            }
        }
        copyAnnotations(json, schema);
        return schema;
    }

    private static void copyAnnotations(JsonObject json, Schema schema) {
        if (json.containsKey("description")) {
            schema.setDescription(json.getString("description"));
        }
        if (json.containsKey("format")) {
            schema.setFormat(json.getString("format"));
        }
        if (json.getBoolean("deprecated", false)) {
            schema.setDeprecated(true);
        }
        if (json.containsKey("enum")) {
            List<Object> values = new ArrayList<>();
            json.getJsonArray("enum").forEach(value -> values.add(value == JsonValue.NULL ? null : ((JsonString) value).getString()));
            schema.setEnumeration(values);
        }
    }

    private static Schema typed(Schema schema, String type, boolean nullable) {
        try {
            if (SET_TYPE_LIST != null) {
                List<Schema.SchemaType> types = new ArrayList<>();
                types.add(Schema.SchemaType.valueOf(type.toUpperCase(Locale.ROOT)));
                if (nullable) {
                    types.add(Schema.SchemaType.valueOf("NULL"));
                }
                SET_TYPE_LIST.invoke(schema, types);
            } else {
                SET_TYPE.invoke(schema, Schema.SchemaType.valueOf(type.toUpperCase(Locale.ROOT)));
                if (nullable) {
                    setNullable(schema);
                }
            }
            return schema;
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot set the schema type " + type, e);
        }
    }

    private static void setNullable(Schema schema) {
        if (SET_NULLABLE == null) {
            return;
        }
        try {
            SET_NULLABLE.invoke(schema, Boolean.TRUE);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot mark the schema nullable", e);
        }
    }

    private static Method method(String name, Class<?> parameter) {
        try {
            return Schema.class.getMethod(name, parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String text(JsonValue value) {
        return ((JsonString) value).getString();
    }
}
