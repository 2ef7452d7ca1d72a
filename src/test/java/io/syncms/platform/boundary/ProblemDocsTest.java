package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.chum.entity.ChumProblem;
import io.syncms.platform.control.ProblemPage;
import io.syncms.platform.entity.ApiProblem;
import io.syncms.platform.entity.ProblemType;
import io.syncms.security.entity.SecurityProblem;
import io.syncms.store.entity.StoreProblem;
import io.syncms.syncms.entity.SyncMsProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The problem types of every feature against their page, {@code webapp/problems/index.html}: ProblemDocs goes by it. */
class ProblemDocsTest {

    static final List<ProblemType> TYPES = Stream.of(ApiProblem.values(), SecurityProblem.values(),
                    StoreProblem.values(), ChumProblem.values(), SyncMsProblem.values())
            .flatMap(Arrays::stream).map(ProblemType.class::cast).toList();

    private final ProblemPage page = page();

    private static ProblemPage page() {
        try {
            return new ProblemPage(Files.readString(Path.of("webapp", "problems", "index.html")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyTypeHasItsSectionWithStatusTitleAndCodes() {
        for (ProblemType type : TYPES) {
            String section = page.section(type.path())
                    .orElseThrow(() -> new AssertionError("no section id=\"" + type.path() + "\""));
            assertTrue(section.contains("<td>" + type.status()), type.path() + " gives its status " + type.status());
            assertTrue(section.contains(type.title()), type.path() + " gives its title " + type.title());
            for (String code : type.codes()) {
                assertTrue(section.contains("<code>" + code + "</code>"), type.path() + " lists its code " + code);
            }
        }
    }

    @Test
    void everySectionIsAType() {
        assertEquals(TYPES.stream().map(ProblemType::path).collect(Collectors.toSet()), page.paths());
    }

    @Test
    void aTypeAndACodeBelongToOneTypeEach() {
        assertEquals(TYPES.size(), TYPES.stream().map(ProblemType::path).distinct().count());
        Map<String, ProblemType> owners = new HashMap<>();
        for (ProblemType type : TYPES) {
            for (String code : type.codes()) {
                ProblemType other = owners.put(code, type);
                assertEquals(null, other, () -> code + " belongs to " + other + " and " + type);
            }
        }
    }

    @Test
    void theServletLeadsFromEveryTypeToItsSectionAndFromNothingElse() {
        for (ProblemType type : TYPES) {
            assertEquals(Optional.of(type.path()), page.documented("/" + type.path()));
        }
        for (String unknown : Set.of("/chum/nope", "/nope", "/", "/chum", "/chum/not-found/", "chum/not-found",
                "/../WEB-INF/beans.xml", "/index.html", "/store/invalid-object/x")) {
            assertEquals(Optional.empty(), page.documented(unknown), unknown);
        }
        assertEquals(Optional.empty(), page.documented(null));
    }

    @Test
    void aTypeIsTheRelativeUriOfItsSection() {
        assertEquals("/problems/chum/not-found", ChumProblem.NOT_FOUND.uri());
        assertEquals("/problems/invalid-request", ApiProblem.INVALID_REQUEST.uri());
    }
}
