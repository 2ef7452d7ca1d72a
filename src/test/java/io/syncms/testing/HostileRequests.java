package io.syncms.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mutated requests for every endpoint family of the REST API and the Chum protocol, from a seed:
 * structural JSON mutations (a member replaced by a hostile value, dropped, renamed, or an unknown one
 * added), byte-level ones (flips, invalid UTF-8, truncation, splices), wrong top-level values, other
 * and broken media types, oversized bodies, and hostile path and query values. The same seed gives the
 * same requests, so a finding can be replayed.
 */
public final class HostileRequests {

    /** One request to send. */
    public record Request(String endpoint, String method, String path, Map<String, String> headers, byte[] body) {

        public String describe() {
            return method + " " + path + " " + headers + " " + (body == null ? "(no body)"
                    : body.length + " bytes: " + abbreviated(new String(body, StandardCharsets.UTF_8)));
        }

        private static String abbreviated(String text) {
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }
    }

    /** An endpoint: its name, method, path (with {@code {hash}}, {@code {group}} … placeholders) and a valid body. */
    public record Endpoint(String name, String method, String path, String mediaType, String validBody) {
    }

    private static final String[] HOSTILE_VALUES = {"null", "true", "-1", "0", "1e308", "1e999999999", "-1e-999999999",
            "9223372036854775808", "-9223372036854775809", "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
            "[]", "{}", "[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]", "\"" + "x".repeat(70_000) + "\"", "\"<script>\"", "\"a\\nb\"",
            "{\"$type$\":\"Access\"}", "{\"$set\":[1,1]}", "{\"$map\":[[1]]}", "{\"$regexp\":\"(a)\\\\1\"}", "\"../../etc/passwd\"",
            "\"" + "ab".repeat(32) + "\"", "12.5", "\"1\"", "[null]"};
    private static final String[] MEDIA_TYPES = {"application/JSON", "application/json; charset=ISO-8859-1",
            "application/json;charset=\"utf-8\"", "text/plain", "application/x-www-form-urlencoded", "application/json;;;",
            "*/*", "application/octet-stream", "text/plain; charset=UTF-16", "multipart/form-data; boundary=x"};
    private static final String[] PATH_VALUES = {"x", "AB".repeat(32), "ab".repeat(31), "ab".repeat(33), "%00", "..",
            "%2e%2e%2fadmin", "a".repeat(3000), "%F0%9F%98%80", "-", "%ff%fe", "group%0Aname"};
    private static final String[] QUERY_VALUES = {"-1", "0", "abc", "99999999999999999999", "1e3", "", "%00", "10001"};

    private final Random random;
    private final Map<String, String> placeholders;

    /** @param placeholders what {@code {name}} in a path becomes when it is not mutated (real hashes, a real group) */
    public HostileRequests(long seed, Map<String, String> placeholders) {
        this.random = new Random(seed);
        this.placeholders = new LinkedHashMap<>(placeholders);
    }

    /** {@code count} mutated requests of the endpoint. */
    public List<Request> of(Endpoint endpoint, int count) {
        List<Request> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            requests.add(next(endpoint));
        }
        return requests;
    }

    private Request next(Endpoint endpoint) {
        Map<String, String> headers = new LinkedHashMap<>();
        String path = path(endpoint.path());
        if (path.contains("?") && random.nextInt(3) == 0) {
            path = path.substring(0, path.indexOf('?') + 1) + query(path.substring(path.indexOf('?') + 1));
        }
        if (endpoint.validBody() == null) {
            if (random.nextInt(8) == 0) {
                headers.put("Content-Type", pick(MEDIA_TYPES));
                return new Request(endpoint.name(), endpoint.method(), path, headers, mutateBytes(randomJsonish()));
            }
            maybeHeaders(headers);
            return new Request(endpoint.name(), endpoint.method(), path, headers, null);
        }
        headers.put("Content-Type", endpoint.mediaType());
        String valid = filled(endpoint.validBody());
        byte[] body = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> mutateJson(valid).getBytes(StandardCharsets.UTF_8);
            case 4, 5, 6 -> mutateBytes(valid.getBytes(StandardCharsets.UTF_8));
            case 7 -> pick(new String[] {"", "[]", "\"text\"", "42", "null", "{", "}", "[" + valid + "]"})
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> {
                headers.put("Content-Type", pick(MEDIA_TYPES));
                yield valid.getBytes(StandardCharsets.UTF_8);
            }
            default -> oversized(valid);
        };
        maybeHeaders(headers);
        return new Request(endpoint.name(), endpoint.method(), path, headers, body);
    }

    private void maybeHeaders(Map<String, String> headers) {
        switch (random.nextInt(12)) {
            case 0 -> headers.put("Accept", pick(new String[] {"text/html", "application/xml", "*/*;q=bad", "image/png"}));
            case 1 -> headers.put("Last-Event-ID", pick(QUERY_VALUES));
            case 2 -> headers.put("X-Forwarded-For", "127.0.0.1, 10.0.0.1");
            default -> {
                // plain
            }
        }
    }

    /** The template with every placeholder replaced by its real value. */
    private String filled(String template) {
        String text = template;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return text;
    }

    private String path(String template) {
        String path = template;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            String token = "{" + placeholder.getKey() + "}";
            while (path.contains(token)) {
                path = path.replaceFirst(java.util.regex.Pattern.quote(token),
                        random.nextInt(4) == 0 ? pick(PATH_VALUES) : placeholder.getValue());
            }
        }
        return path;
    }

    private String query(String query) {
        StringBuilder mutated = new StringBuilder();
        for (String pair : query.split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            mutated.append(mutated.length() == 0 ? "" : "&").append(name).append('=').append(pick(QUERY_VALUES));
        }
        return mutated.toString();
    }

    /** A member of the body's outermost object replaced, dropped, renamed or added. */
    private String mutateJson(String valid) {
        String body = valid.trim();
        if (!body.startsWith("{") || body.equals("{}")) {
            return "{\"unknown\":" + pick(HOSTILE_VALUES) + "}";
        }
        List<int[]> members = memberValueSpans(body);
        if (members.isEmpty() || random.nextInt(5) == 0) {
            return "{\"" + pick(new String[] {"unknown", "$type$", "settings", "__proto__", "a".repeat(300)}) + "\":"
                    + pick(HOSTILE_VALUES) + "," + body.substring(1);
        }
        int[] member = members.get(random.nextInt(members.size()));
        return switch (random.nextInt(4)) {
            case 0 -> body.substring(0, member[1]) + pick(HOSTILE_VALUES) + body.substring(member[2]);
            case 1 -> body.substring(0, member[0]) + "\"" + body.substring(member[0] + 1, member[1] - 2).toUpperCase() + "\":"
                    + body.substring(member[1]);
            case 2 -> body.substring(0, member[1]) + "[" + body.substring(member[1], member[2]) + "]" + body.substring(member[2]);
            default -> body.substring(0, member[1]) + body.substring(member[1], member[2]).repeat(2) + body.substring(member[2]);
        };
    }

    /** The spans of the outermost object's members: [start of the name, start of the value, end of the value]. */
    private static List<int[]> memberValueSpans(String body) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        boolean inString = false;
        int nameStart = -1;
        int valueStart = -1;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    if (depth == 1 && valueStart < 0) {
                        nameStart = i;
                    }
                }
                case ':' -> {
                    if (depth == 1 && valueStart < 0) {
                        valueStart = i + 1;
                    }
                }
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth == 1 && valueStart >= 0) {
                        spans.add(new int[] {nameStart, valueStart, i});
                        valueStart = -1;
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 1 && valueStart >= 0) {
                        spans.add(new int[] {nameStart, valueStart, i});
                        valueStart = -1;
                    }
                }
                default -> {
                    // part of a value
                }
            }
        }
        return spans;
    }

    private byte[] mutateBytes(byte[] valid) {
        byte[] bytes = valid.clone();
        return switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(4) && bytes.length > 0; i++) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                yield bytes;
            }
            case 1 -> {
                // invalid UTF-8 in the middle
                int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                byte[] with = new byte[bytes.length + 2];
                System.arraycopy(bytes, 0, with, 0, at);
                with[at] = (byte) 0xC3;
                with[at + 1] = (byte) pick(new int[] {0x28, 0xFF, 0xC0});
                System.arraycopy(bytes, at, with, at + 2, bytes.length - at);
                yield with;
            }
            case 2 -> java.util.Arrays.copyOf(bytes, bytes.length == 0 ? 0 : random.nextInt(bytes.length));
            case 3 -> {
                int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
                byte[] spliced = new byte[bytes.length + (bytes.length - from)];
                System.arraycopy(bytes, 0, spliced, 0, bytes.length);
                System.arraycopy(bytes, from, spliced, bytes.length, bytes.length - from);
                yield spliced;
            }
            default -> {
                byte[] noise = new byte[1 + random.nextInt(64)];
                random.nextBytes(noise);
                yield noise;
            }
        };
    }

    private byte[] oversized(String valid) {
        String padding = "\"pad\":\"" + "p".repeat((1 << 20) + 100_000) + "\",";
        return (valid.startsWith("{") ? "{" + padding + valid.substring(1) : valid + padding).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomJsonish() {
        return pick(HOSTILE_VALUES).getBytes(StandardCharsets.UTF_8);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
