package io.syncms.platform.boundary;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses JSON request bodies larger than {@code api.max-json-bytes} with 413, whether the client
 * announces the length or streams the body. Binary and text uploads (BLOB/CLOB) are streamed to disk and
 * not limited here.
 */
@Provider
public class RequestSizeLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "api.max-json-bytes", defaultValue = "1048576")
    long maxJsonBytes;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !isJson(type)) {
            return;
        }
        if (request.getLength() > maxJsonBytes) {
            throw tooLarge(maxJsonBytes);
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), maxJsonBytes));
    }

    static boolean isJson(MediaType type) {
        return type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
    }

    static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException("the JSON body is larger than " + limit + " bytes",
                Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    /** Counts what is read and fails once the limit is passed. */
    static final class LimitedStream extends FilterInputStream {
        private final long limit;
        private long count;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
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
}
