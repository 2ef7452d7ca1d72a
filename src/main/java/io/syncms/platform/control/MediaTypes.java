package io.syncms.platform.control;

import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Media type questions answered the way HTTP means them: type, subtype and parameter names ignore case. */
public final class MediaTypes {

    private MediaTypes() {
    }

    /** JSON, a {@code +json} type, or JSON lines ({@code application/x-ndjson}). */
    public static boolean isJson(MediaType type) {
        String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
        return subtype.equals("json") || subtype.endsWith("+json") || subtype.equals("x-ndjson");
    }

    /** JSON lines, one JSON value per line ({@code application/x-ndjson}). */
    public static boolean isJsonLines(MediaType type) {
        return type.getSubtype().toLowerCase(Locale.ROOT).equals("x-ndjson");
    }

    /** The {@code charset} parameter, if the type has one. */
    public static Optional<String> charset(MediaType type) {
        for (Map.Entry<String, String> parameter : type.getParameters().entrySet()) {
            if (parameter.getKey().equalsIgnoreCase("charset")) {
                return Optional.ofNullable(parameter.getValue()).map(String::strip);
            }
        }
        return Optional.empty();
    }

    /** Whether a charset name means UTF-8 (the only charset the module accepts for text). */
    public static boolean isUtf8(String charset) {
        String name = charset.toLowerCase(Locale.ROOT).replace("\"", "");
        return name.equals("utf-8") || name.equals("utf8");
    }
}
