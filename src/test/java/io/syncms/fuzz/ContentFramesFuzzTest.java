package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.chum.control.ContentFrames;
import io.syncms.chum.entity.ChumException;
import io.syncms.chum.entity.ChumProtocolException;
import java.io.ByteArrayInputStream;

/** A content stream (BLOBs and CLOBs) as a hostile exporter may send it. */
class ContentFramesFuzzTest {

    /** Reads to its end or fails as a Chum transport or protocol error, whatever the bytes; no item over the limit. */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void aContentStreamReadsOrFailsCleanly(byte[] bytes) {
        long limit = 1 << 16;
        try {
            ContentFrames.read(new ByteArrayInputStream(bytes), (hash, size, content) -> {
                if (size > limit) {
                    throw new AssertionError("an item of " + size + " bytes passed the limit");
                }
                content.readAllBytes();
            }, (code, message) -> new ChumProtocolException(code + " " + message), limit);
        } catch (ChumException expected) {
            // a broken, hostile or refused stream
        }
    }
}
