package io.syncms.platform.boundary;

import io.syncms.platform.control.MediaTypes;
import io.syncms.platform.control.StrictUtf8;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import io.syncms.platform.entity.ApiSetting;

/**
 * Checks a JSON request body before any resource reads it: at most {@code syncms.api.max-json-bytes} (413,
 * whether the client announces the length or streams), UTF-8 as JSON must be (another charset: 415),
 * and well-formed UTF-8 to the last byte (400: a container would otherwise replace malformed bytes by
 * U+FFFD and the resource would never know). Media types are matched ignoring case, so
 * {@code application/JSON} is JSON too. JSON lines ({@code application/x-ndjson}, a batch) are streamed to
 * the resource, which bounds each line by the same limit and the whole by {@code syncms.api.max-batch-bytes}. Binary and text uploads (BLOB/CLOB) are streamed to the store,
 * which checks a CLOB's UTF-8 itself. Runs after authentication: an anonymous body is never read.
 */
@Provider
@Priority(Priorities.ENTITY_CODER)
public class RequestBodyGuard implements ContainerRequestFilter {

    @Inject
    ApiLimits limits;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null && consumesSomething()) {
            // without a Content-Type the container matches any @Consumes and hands the method no body at all
            throw new NotSupportedException("The request needs a Content-Type: " + String.join(", ", consumed()));
        }
        if (type == null || !MediaTypes.isJson(type) || !request.hasEntity()) {
            return;
        }
        MediaTypes.charset(type).filter(charset -> !MediaTypes.isUtf8(charset)).ifPresent(charset -> {
            throw new NotSupportedException("JSON bodies are UTF-8, not " + charset);
        });
        if (MediaTypes.isJsonLines(type)) {
            // streamed line by line by the batch resources, which bound each line and the whole
            if (request.getLength() > limits.get(ApiSetting.MAX_BATCH_BYTES)) {
                throw new WebApplicationException("the batch is larger than " + limits.get(ApiSetting.MAX_BATCH_BYTES) + " bytes ("
                        + ApiSetting.MAX_BATCH_BYTES.configKey() + ")",
                        Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
            return;
        }
        long maxJsonBytes = limits.get(ApiSetting.MAX_JSON_BYTES);
        if (request.getLength() > maxJsonBytes) {
            throw tooLarge(maxJsonBytes);
        }
        byte[] body = readAtMost(request.getEntityStream(), maxJsonBytes);
        OptionalLong malformed = StrictUtf8.firstMalformedByte(body);
        if (malformed.isPresent()) {
            throw new BadRequestException("The body is not well-formed UTF-8: malformed bytes at offset " + malformed.getAsLong());
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    private boolean consumesSomething() {
        return consumed().length > 0;
    }

    private String[] consumed() {
        if (resource == null || resource.getResourceMethod() == null) {
            return new String[0];
        }
        Consumes consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
        if (consumes == null && resource.getResourceClass() != null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        return consumes == null ? new String[0] : consumes.value();
    }

    static WebApplicationException tooLarge(long limit) {
        return new WebApplicationException("the JSON body is larger than " + limit + " bytes", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }

    private static byte[] readAtMost(InputStream in, long limit) {
        try {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new BadRequestException("The request body could not be read: " + e.getMessage());
        }
    }
}
