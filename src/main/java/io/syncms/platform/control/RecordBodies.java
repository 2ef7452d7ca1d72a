package io.syncms.platform.control;

import io.syncms.platform.entity.InvalidRequestException;
import io.syncms.platform.entity.Body;
import io.syncms.platform.entity.Violations;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Binds a JSON request body to its record and checks the record's constraints: the whole body is
 * already bounded in size and checked for depth, so what is left to say is what does not fit the type
 * (an unknown member, a string where a number belongs) or breaks a constraint, each as a 400 with the
 * member's name.
 */
public final class RecordBodies {

    private static final java.util.regex.Pattern UNKNOWN_MEMBER = java.util.regex.Pattern.compile("Json property (.+) can not be mapped");

    private final Jsonb jsonb;
    private final Validator validator;

    public RecordBodies(Jsonb jsonb, Validator validator) {
        this.jsonb = jsonb;
        this.validator = validator;
    }

    public <T> T read(String text, Class<T> type) {
        return type.cast(read(text, (Type) type));
    }

    /** @throws IllegalArgumentException (400) for a body that is not the type's JSON, {@link InvalidRequestException} for broken constraints */
    public Object read(String text, Type type) {
        Class<?> raw = type instanceof Class<?> c ? c : Object.class;
        String name = raw.isAnnotationPresent(Body.class) ? RecordSchemas.nameOf(raw) : raw.getSimpleName();
        if (!text.stripLeading().startsWith("{")) {
            throw new IllegalArgumentException("the body must be a JSON object (" + name + ")");
        }
        Object body;
        try {
            body = jsonb.fromJson(text, type);
        } catch (JsonbException | ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException("the body is not a " + name + ": " + innermostMessage(e), e);
        }
        if (body == null) {
            throw new IllegalArgumentException("the body must be a JSON object (" + name + "), not null");
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(Violations.of(violations, UnaryOperator.identity()));
        }
        return body;
    }

    /** Yasson wraps the cause once per nesting level; the innermost message names the member and the value. */
    private static String innermostMessage(Throwable failure) {
        List<String> messages = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null && messages.size() < 8; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        if (messages.isEmpty()) {
            return failure.getClass().getSimpleName();
        }
        // Yasson names an unknown member with the Java class it could not map it to: say it as the contract does
        java.util.regex.Matcher unknown = UNKNOWN_MEMBER.matcher(messages.get(0));
        if (unknown.find()) {
            return "unknown member \"" + unknown.group(1) + "\"";
        }
        String first = messages.get(0);
        String last = messages.get(messages.size() - 1);
        return first.equals(last) ? first : first + " (" + last + ")";
    }
}
