package io.syncms.platform.boundary;

import io.syncms.platform.control.JsonBinding;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** Hands the API's JSON-B configuration ({@link JsonBinding}) to the container's JSON-B provider, which writes the response records. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {

    @Override
    public Jsonb getContext(Class<?> type) {
        return JsonBinding.JSONB;
    }
}
