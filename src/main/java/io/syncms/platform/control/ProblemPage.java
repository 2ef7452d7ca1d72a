package io.syncms.platform.control;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The documentation page of the problem types ({@code webapp/problems/index.html}): one
 * {@code <section id="<path>">} per type. The page is the list {@code ProblemDocs} goes by, so the platform
 * needs to know no feature's types; a test checks that every type of every feature has its section.
 */
public final class ProblemPage {

    private static final Pattern SECTION = Pattern.compile("<section id=\"([^\"]+)\">(.*?)</section>", Pattern.DOTALL);

    private final Map<String, String> sections = new LinkedHashMap<>();

    public ProblemPage(String html) {
        Matcher section = SECTION.matcher(html);
        while (section.find()) {
            sections.put(section.group(1), section.group(2));
        }
    }

    /** The documented path that a request path below {@code /problems} names ({@code /chum/not-found}), if any. */
    public Optional<String> documented(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return Optional.empty();
        }
        String path = requestPath.substring(1);
        return sections.containsKey(path) ? Optional.of(path) : Optional.empty();
    }

    public Set<String> paths() {
        return Set.copyOf(sections.keySet());
    }

    /** The HTML inside the section of {@code path}, or empty. */
    public Optional<String> section(String path) {
        return Optional.ofNullable(sections.get(path));
    }
}
