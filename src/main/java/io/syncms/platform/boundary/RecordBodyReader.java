package io.syncms.platform.boundary;

import io.syncms.platform.control.JsonBinding;
import io.syncms.platform.control.MediaTypes;
import io.syncms.platform.control.RecordBodies;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Reads the API's JSON request bodies into their records. {@link RequestBodyGuard} has bounded the body
 * and checked its UTF-8 before; here its nesting is checked ({@link JsonBodies}), then it is bound with
 * the API's JSON-B configuration (unknown members are refused) and validated, so that a resource
 * method receives a record that keeps its contract or is never called.
 */
@Provider
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
public class RecordBodyReader implements MessageBodyReader<Record> {

    @Inject
    Validator validator;

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getName().startsWith("io.syncms.") && MediaTypes.isJson(mediaType)
                && !MediaTypes.isJsonLines(mediaType);
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream entity) throws IOException {
        String text = new String(entity.readAllBytes(), StandardCharsets.UTF_8);
        JsonBodies.requireDepthAtMost(requireBody(text), JsonBodies.MAX_DEPTH);
        return type.cast(new RecordBodies(JsonBinding.JSONB, validator).read(text, genericType));
    }

    private static String requireBody(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("the request needs a JSON body");
        }
        return text;
    }
}
