package io.syncms.store.control;

/**
 * Text between microdata tags: one.core escapes only {@code &}, {@code <} and {@code >}
 * (quotes stay as they are, the text never goes into attributes).
 */
final class HtmlText {

    private HtmlText() {}

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Reverses {@link #escape(String)}; strict: a raw {@code <}, {@code >} or an {@code &} that
     * does not start one of the three entities cannot come from the serializer.
     *
     * @throws IllegalArgumentException naming the offending offset
     */
    static String unescape(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('>') < 0 && text.indexOf('<') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<' || c == '>') {
                throw new IllegalArgumentException("unescaped '" + c + "' at offset " + i);
            }
            if (c != '&') {
                out.append(c);
                i++;
            } else if (text.startsWith("&amp;", i)) {
                out.append('&');
                i += 5;
            } else if (text.startsWith("&lt;", i)) {
                out.append('<');
                i += 4;
            } else if (text.startsWith("&gt;", i)) {
                out.append('>');
                i += 4;
            } else {
                throw new IllegalArgumentException("'&' that is not &amp;, &lt; or &gt; at offset " + i);
            }
        }
        return out.toString();
    }
}
