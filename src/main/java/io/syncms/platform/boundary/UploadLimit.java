package io.syncms.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload body that fails with 413 once it passes its limit, so a streamed upload (a BLOB, a CLOB)
 * cannot fill the disk; what was written of it is discarded by whoever reads it (the store deletes its
 * temp file on any failure).
 */
public final class UploadLimit extends FilterInputStream {

    private final long limit;
    private long count;

    private UploadLimit(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    /** @throws WebApplicationException 413 at once if the announced length is over the limit */
    public static InputStream of(InputStream body, long announcedLength, long limit) {
        if (announcedLength > limit) {
            throw tooLarge(limit);
        }
        return new UploadLimit(body, limit);
    }

    public static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException("the upload is larger than " + limit + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        count += n;
        if (count > limit) {
            throw tooLarge(limit);
        }
    }
}
