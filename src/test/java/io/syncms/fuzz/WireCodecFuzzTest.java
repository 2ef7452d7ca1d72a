package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.syncms.control.Wire;
import io.syncms.syncms.control.WireCodec;
import java.nio.charset.StandardCharsets;

/** What any member of the cluster publishes on a group topic. */
class WireCodecFuzzTest {

    private final WireCodec codec = new WireCodec();

    /** Decodes to a Wire (a foreign one at worst), never to an exception; a decoded message encodes again. */
    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void anythingOnAGroupTopicDecodes(byte[] bytes) {
        Wire wire = codec.decode(new String(bytes, StandardCharsets.UTF_8));
        if (wire == null) {
            throw new AssertionError("decoded to null");
        }
        if (!(wire instanceof Wire.Foreign)) {
            Wire again = codec.decode(codec.encode(wire));
            if (!again.equals(wire)) {
                throw new AssertionError("encoding changed " + wire + " into " + again);
            }
        }
    }
}
