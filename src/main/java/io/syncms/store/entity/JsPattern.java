package io.syncms.store.entity;

import com.google.re2j.Pattern;

/**
 * The {@code regexp} of a recipe rule (JavaScript RegExp source), run by RE2/J: a linear-time engine,
 * so no pattern, however a caller writes it, can pin a thread with backtracking; recipes are checked on
 * every write, read and closure walk. JavaScript's syntax without back-references and look-around maps
 * onto RE2's (its {@code \}{@code uXXXX} escapes become {@code \x{XXXX}}); a pattern that needs either is
 * refused when the recipe is registered. {@link #find} tests like {@code RegExp.prototype.test}.
 */
public final class JsPattern {

    /** The longest source accepted. */
    public static final int MAX_SOURCE_LENGTH = 4096;

    private final String source;
    private final Pattern pattern;

    private JsPattern(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /** @throws IllegalArgumentException if the source is not a RegExp RE2 can run, saying why */
    public static JsPattern compile(String source) {
        if (source.length() > MAX_SOURCE_LENGTH) {
            throw new IllegalArgumentException("a RegExp of " + source.length() + " characters; at most " + MAX_SOURCE_LENGTH);
        }
        try {
            return new JsPattern(source, Pattern.compile(translate(source)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(unsupported(source) ? "back-references and look-around cannot be checked in linear"
                    + " time and are not supported" : "not a RegExp: " + e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    /** Whether the pattern matches somewhere in the text. */
    public boolean find(CharSequence text) {
        return pattern.matcher(text).find();
    }

    /** JavaScript's {@code \}{@code uXXXX} as RE2's {@code \x{XXXX}}; everything else is the same in both. */
    static String translate(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                char next = source.charAt(i + 1);
                if (next == 'u' && i + 5 < source.length() && isHex(source, i + 2, i + 6)) {
                    out.append("\\x{").append(source, i + 2, i + 6).append('}');
                    i += 5;
                } else {
                    out.append(c).append(next);
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean unsupported(String source) {
        return source.contains("(?=") || source.contains("(?!") || source.contains("(?<=") || source.contains("(?<!")
                || source.matches("(?s).*\\\\[1-9].*");
    }
}
