package io.syncms.syncms.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.syncms.syncms.entity.GroupNotFoundException;
import io.syncms.syncms.entity.MessageTooLargeException;
import io.syncms.syncms.entity.SyncMsProblem;
import io.syncms.syncms.entity.SyncMsTimeoutException;
import io.syncms.syncms.entity.WrongStateException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyncMsProblemsTest {

    private final SyncMsProblems problems = new SyncMsProblems();

    @Test
    void aFailureIsTheProblemOfItsReasonWithCodeAndReason() {
        JsonObject wrongState = problems.translate(new WrongStateException("listen not possible in CREATED")).toJson();
        assertEquals(409, wrongState.getInt("status"));
        assertEquals("/problems/syncms/wrong-state", wrongState.getString("type"));
        assertEquals("SyncMS step not possible", wrongState.getString("title"));
        assertEquals("SYNCMS-WRONG-STATE1", wrongState.getString("code"));
        assertEquals("wrong-state", wrongState.getString("reason"));
        assertEquals(404, problems.translate(new GroupNotFoundException("g")).status());
        assertEquals(413, problems.translate(new MessageTooLargeException("big")).status());
        JsonObject timeout = problems.translate(new SyncMsTimeoutException("slow")).toJson();
        assertEquals(409, timeout.getInt("status"));
        assertEquals("SYNCMS-TIMEOUT1", timeout.getString("code"));
        assertNull(problems.translate(new IllegalStateException("not ours")));
    }

    /** Read from the sources, so that a new SyncMsException cannot go without its type (it would be a 500). */
    @Test
    void everyReasonASyncMsExceptionGivesHasItsType() throws IOException {
        Pattern reason = Pattern.compile("String reason\\(\\)\\s*\\{\\s*return \"([^\"]+)\";");
        List<String> reasons = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src", "main", "java", "io", "syncms", "syncms", "entity"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("Exception.java")).toList()) {
                Matcher found = reason.matcher(Files.readString(file));
                while (found.find()) {
                    reasons.add(found.group(1));
                }
            }
        }
        assertTrue(reasons.size() >= SyncMsProblem.values().length, () -> "reasons found: " + reasons);
        for (String each : reasons) {
            SyncMsProblem type = SyncMsProblem.ofReason(each)
                    .orElseThrow(() -> new AssertionError("no SyncMsProblem for " + each));
            assertEquals("SYNCMS-" + each.toUpperCase(java.util.Locale.ROOT) + "1", type.code(), "the code pattern");
        }
    }
}
