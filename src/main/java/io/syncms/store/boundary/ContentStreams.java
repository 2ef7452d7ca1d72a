package io.syncms.store.boundary;

import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ReferenceKind;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/** BLOB and CLOB downloads: verified against their hash first, then streamed from the file. */
final class ContentStreams {

    private ContentStreams() {}

    static Response download(ObjectStore store, ReferenceKind kind, String hash, String mediaType) {
        long size = store.size(kind, hash);
        InputStream verified = kind == ReferenceKind.BLOB ? store.openBlob(hash) : store.openClob(hash);
        StreamingOutput body = output -> {
            try (verified) {
                verified.transferTo(output);
            }
        };
        return Response.ok(body, mediaType).header(HttpHeaders.CONTENT_LENGTH, size).build();
    }
}
