package io.syncms.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class UploadLimitTest {

    @Test
    void anUploadMayReachTheLimitButNotPassIt() throws IOException {
        assertEquals(10, UploadLimit.of(new ByteArrayInputStream(new byte[10]), -1, 10).readAllBytes().length);
        InputStream over = UploadLimit.of(new ByteArrayInputStream(new byte[11]), -1, 10);
        WebApplicationException tooLarge = assertThrows(WebApplicationException.class, over::readAllBytes);
        assertEquals(413, tooLarge.getResponse().getStatus());
        assertThrows(WebApplicationException.class, () -> UploadLimit.of(new ByteArrayInputStream(new byte[0]), 11, 10),
                "an announced length over the limit is refused before reading");
    }
}
