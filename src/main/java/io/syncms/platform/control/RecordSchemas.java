package io.syncms.platform.control;

import static io.syncms.platform.control.Jsonp.JSON;

import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Doc;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.0 schema of each {@link Body} record, made from the record itself: its components'
 * Java types, their Bean Validation constraints and {@link Doc}. A member that may be null (any
 * non-primitive one without {@code @NotNull}) is {@code nullable}, as JSON-B writes nulls; a
 * {@code @NotNull} or primitive one is {@code required}. Written here because the container's scanner does not
 * understand records (it takes accessors for setters) and fills schemas with default values that
 * contradict them ({@code maxProperties: 0}).
 */
public final class RecordSchemas {

    static final String REF_PREFIX = "#/components/schemas/";

    private RecordSchemas() {}

    /** The schemas of every {@link Body} record declared in the holders, by their contract name (sorted: the JVM lists nested classes in no set order). */
    public static Map<String, JsonObject> of(List<Class<?>> holders) {
        Map<String, JsonObject> schemas = new java.util.TreeMap<>();
        for (Class<?> holder : holders) {
            for (Class<?> type : holder.getDeclaredClasses()) {
                Body body = type.getAnnotation(Body.class);
                if (type.isRecord() && body != null) {
                    schemas.put(body.name(), schema(type));
                }
            }
        }
        return schemas;
    }

    /** The contract name of a body record. */
    public static String nameOf(Class<?> type) {
        Body body = type.getAnnotation(Body.class);
        if (body == null) {
            throw new IllegalArgumentException(type.getName() + " is not a @Body record");
        }
        return body.name();
    }

    static JsonObject schema(Class<?> record) {
        JsonObjectBuilder properties = JSON.createObjectBuilder();
        List<String> required = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.add(component.getName(), member(component));
            // a primitive member is always written; a @NotNull one must be sent and is always written
            if (component.getType().isPrimitive() || notNull(component)) {
                required.add(component.getName());
            }
        }
        JsonObjectBuilder schema = JSON.createObjectBuilder().add("type", "object");
        Body body = record.getAnnotation(Body.class);
        if (!body.description().isEmpty()) {
            schema.add("description", body.description());
        }
        if (!required.isEmpty()) {
            schema.add("required", JSON.createArrayBuilder(required));
        }
        return schema.add("properties", properties).build();
    }

    private static JsonObject member(RecordComponent component) {
        Doc doc = component.getAnnotation(Doc.class);
        if (doc != null && !doc.ref().isEmpty()) {
            return withDoc(JSON.createObjectBuilder().add("$ref", REF_PREFIX + doc.ref()), doc, false).build();
        }
        JsonObjectBuilder schema = type(component.getAnnotatedType());
        boolean nullable = !component.getType().isPrimitive() && !notNull(component)
                && component.getType() != JsonValue.class;
        if (nullable && !isRef(component.getType())) {
            schema.add("nullable", true);
        }
        if (isRef(component.getType())) {
            // OpenAPI 3.0 ignores siblings of $ref: a nullable reference is written as allOf
            JsonObjectBuilder wrapped = JSON.createObjectBuilder().add("allOf", JSON.createArrayBuilder().add(schema));
            if (nullable) {
                wrapped.add("nullable", true);
            }
            schema = wrapped;
        }
        return doc == null ? schema.build() : withDoc(schema, doc, nullable).build();
    }

    /**
     * Bean Validation's annotations cannot target a record component itself: on one, they land on its field,
     * accessor, constructor parameter and type, where they are read.
     */
    private static boolean notNull(RecordComponent component) {
        return component.getAnnotatedType().isAnnotationPresent(NotNull.class);
    }

    private static JsonObjectBuilder withDoc(JsonObjectBuilder schema, Doc doc, boolean nullable) {
        if (!doc.value().isEmpty()) {
            schema.add("description", doc.value());
        }
        if (doc.allowed().length > 0) {
            JsonArrayBuilder values = JSON.createArrayBuilder();
            for (String value : doc.allowed()) {
                values.add(value);
            }
            if (nullable) {
                // a member that may be null: OpenAPI wants null among the values of its enumeration too
                values.addNull();
            }
            schema.add("enum", values);
        }
        if (!doc.format().isEmpty()) {
            schema.add("format", doc.format());
        }
        if (doc.deprecated()) {
            schema.add("deprecated", true);
        }
        return schema;
    }

    private static JsonObjectBuilder type(AnnotatedType annotated) {
        Type type = annotated.getType();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        JsonObjectBuilder schema = JSON.createObjectBuilder();
        if (raw == String.class) {
            schema.add("type", "string");
            constraints(annotated, schema, "maxLength", "minLength");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.add("type", "boolean");
        } else if (raw == int.class || raw == Integer.class) {
            schema.add("type", "integer").add("format", "int32");
        } else if (raw == long.class || raw == Long.class) {
            schema.add("type", "integer").add("format", "int64");
        } else if (raw == BigDecimal.class) {
            schema.add("type", "number");
        } else if (JsonValue.class.isAssignableFrom(raw)) {
            schema.add("description", "any JSON value");
        } else if (List.class.isAssignableFrom(raw)) {
            schema.add("type", "array").add("items", type(typeArgument(annotated, 0)));
            constraints(annotated, schema, "maxItems", "minItems");
        } else if (Map.class.isAssignableFrom(raw)) {
            schema.add("type", "object").add("additionalProperties", type(typeArgument(annotated, 1)));
        } else if (isRef(raw)) {
            schema.add("$ref", REF_PREFIX + nameOf(raw));
        } else {
            throw new IllegalArgumentException("no schema for the member type " + type.getTypeName());
        }
        return schema;
    }

    private static boolean isRef(Class<?> type) {
        return type.isRecord() && type.isAnnotationPresent(Body.class);
    }

    private static AnnotatedType typeArgument(AnnotatedType annotated, int index) {
        if (annotated instanceof AnnotatedParameterizedType parameterized) {
            return parameterized.getAnnotatedActualTypeArguments()[index];
        }
        throw new IllegalArgumentException("a raw collection has no schema: " + annotated.getType().getTypeName());
    }

    private static void constraints(AnnotatedElement element, JsonObjectBuilder schema, String max, String min) {
        Pattern pattern = element.getAnnotation(Pattern.class);
        if (pattern != null) {
            schema.add("pattern", pattern.regexp());
        }
        Size size = element.getAnnotation(Size.class);
        if (size != null) {
            if (size.max() < Integer.MAX_VALUE) {
                schema.add(max, size.max());
            }
            if (size.min() > 0) {
                schema.add(min, size.min());
            }
        }
    }
}
