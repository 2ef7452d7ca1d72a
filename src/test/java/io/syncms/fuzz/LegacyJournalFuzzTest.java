package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.store.control.StoreCodecs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The journal of a store of the first layout, replayed when the store is opened to convert it: it
 * replays (cutting a torn tail) or is refused as damaged, never another exception.
 */
class LegacyJournalFuzzTest {

    private static final Path JOURNAL;

    static {
        try {
            JOURNAL = Files.createTempFile("fuzz-journal", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void aJournalReplaysOrIsRefused(byte[] bytes) throws IOException {
        StoreCodecs.replayLegacyJournal(bytes, JOURNAL);
    }
}
