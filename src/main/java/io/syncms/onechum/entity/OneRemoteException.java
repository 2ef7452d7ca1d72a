package io.syncms.onechum.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** A request to the other side failed: it answered with an error, or the connection went away. */
public class OneRemoteException extends RuntimeException {

    private final transient JsonValue error;

    public OneRemoteException(String message) {
        super(message);
        this.error = null;
    }

    public OneRemoteException(JsonValue error) {
        super(describe(error));
        this.error = error;
    }

    /** The error as the other side sent it, null if the connection failed. */
    public JsonValue error() {
        return error;
    }

    /** The error's {@code code} member, if it is an object with one (one.core's error codes). */
    public String code() {
        return error instanceof JsonObject object && object.get("code") instanceof JsonString code ? code.getString() : null;
    }

    private static String describe(JsonValue error) {
        if (error instanceof JsonObject object) {
            String message = object.get("message") instanceof JsonString text ? text.getString() : object.toString();
            return object.get("code") instanceof JsonString code ? code.getString() + ": " + message : message;
        }
        return String.valueOf(error);
    }
}
