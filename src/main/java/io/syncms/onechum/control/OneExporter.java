package io.syncms.onechum.control;

import io.syncms.onechum.entity.OneChumTally;
import io.syncms.onechum.entity.OneFrame;
import io.syncms.onechum.entity.OneFrame.Request;
import io.syncms.platform.control.Jsonp;
import io.syncms.store.control.AccessService;
import io.syncms.store.control.ObjectStore;
import io.syncms.store.entity.ClosureEntry;
import io.syncms.store.entity.ReferenceKind;
import io.syncms.store.entity.Sha256Hex;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This side's half of a ONE Chum as exporter: serves one.core's services to the remote person.
 * It serves only what it listed to that person in this Chum (roots through service 2, children
 * through services 4 and 5), as one.core does, so asking for anything else, even an existing hash,
 * is refused with one.core's error code. Group memberships are those when the Chum started.
 */
public final class OneExporter implements OneServices {

    public static final int PROTOCOL_VERSION = 8;
    static final int VERSION = 1;
    static final int ROOTS = 2;
    static final int CHILDREN = 4;
    static final int ID_CHILDREN = 5;
    static final int OBJECT = 6;
    static final int ID_OBJECT = 7;
    static final int CONTENT = 8;
    static final int FIN = 10;

    private final ObjectStore store;
    private final OneRoots roots;
    private final OneChildren children;
    private final String remotePerson;
    private final Set<String> groups;
    private final OneChumTally sent;
    private final Runnable onFin;
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private volatile long lastFetchNanos = System.nanoTime();

    /**
     * @param groups the groups of the remote person when the Chum started
     * @param sent   tallies what this side sends ({@code AtoB*} of the log)
     * @param onFin  called when the remote importer says it is done (service 10)
     */
    public OneExporter(ObjectStore store, AccessService access, String remotePerson, Set<String> groups,
                       OneChumTally sent, Runnable onFin) {
        this.store = store;
        this.roots = new OneRoots(store, access);
        this.children = new OneChildren(store);
        this.remotePerson = remotePerson;
        this.groups = Set.copyOf(groups);
        this.sent = sent;
        this.onFin = onFin;
    }

    /** When the other side last asked for children, an object or content (not merely for its roots). */
    public long lastFetchNanos() {
        return lastFetchNanos;
    }

    @Override
    public void serve(Request request, OneReply reply) {
        if (request.serviceId() >= CHILDREN && request.serviceId() <= CONTENT) {
            lastFetchNanos = System.nanoTime();
        }
        switch (request.serviceId()) {
            case VERSION -> reply.data(Jsonp.JSON.createValue(PROTOCOL_VERSION));
            case ROOTS -> {
                OneRoots.Listing listing = roots.of(remotePerson, groups);
                listed.addAll(listing.hashes());
                reply.data(Jsonp.JSON.createValue(listing.json()));
            }
            case CHILDREN -> reply.data(children(new ClosureEntry(ReferenceKind.OBJECT, listedHash(request, "CES-GOC1"))));
            case ID_CHILDREN -> reply.data(children(new ClosureEntry(ReferenceKind.ID, listedHash(request, "CES-GIDOC1"))));
            case OBJECT -> {
                String hash = listedHash(request, "CES-GO1");
                String microdata = store.readMicrodata(hash);
                reply.data(Jsonp.JSON.createValue(microdata));
                sent.add(ReferenceKind.OBJECT, hash);
                sent.addBytes(microdata.length());
            }
            case ID_OBJECT -> {
                String hash = listedHash(request, "CES-GIDO1");
                String microdata = store.readIdMicrodata(hash);
                reply.data(Jsonp.JSON.createValue(microdata));
                sent.add(ReferenceKind.ID, hash);
                sent.addBytes(microdata.length());
            }
            case CONTENT -> content(request, reply);
            case FIN -> {
                // answered first: the answer is queued before this side may close the connection
                reply.data(Jsonp.JSON.createValue(OneFrame.UNDEFINED));
                onFin.run();
            }
            default -> reply.error(OneErrors.unknownService(request.serviceId()));
        }
    }

    private JsonValue children(ClosureEntry start) {
        List<ClosureEntry> found = children.of(start);
        JsonArrayBuilder list = Jsonp.JSON.createArrayBuilder();
        for (ClosureEntry child : found) {
            listed.add(child.hash());
            list.add(Jsonp.JSON.createObjectBuilder().add("type", OneChildren.nameOf(child.kind())).add("hash", child.hash()));
        }
        return Jsonp.JSON.createValue(list.build().toString());
    }

    private void content(Request request, OneReply reply) {
        String hash = listedHash(request, "CES-GBL1");
        String encoding = request.args().size() > 1 && request.args().get(1) instanceof JsonString text
                ? text.getString() : OneFrame.UNDEFINED;
        ReferenceKind kind;
        if ("utf8".equals(encoding)) {
            kind = ReferenceKind.CLOB;
        } else if (OneFrame.UNDEFINED.equals(encoding)) {
            kind = ReferenceKind.BLOB;
        } else {
            throw new OneServiceException("CES-GBL2", "Unsupported encoding " + encoding);
        }
        ObjectStore.StoredContent content = store.openContent(kind, hash);
        try (InputStream in = content.stream()) {
            if (kind == ReferenceKind.BLOB) {
                streamBytes(in, reply);
            } else {
                streamText(in, reply);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sent.add(kind, hash); // one.core logs it even when the stream broke off
            sent.addBytes(content.size());
        }
        reply.end();
    }

    private static void streamBytes(InputStream in, OneReply reply) throws IOException {
        byte[] buffer = new byte[OneFrameCodec.MAX_CHUNK_BYTES];
        int read;
        while ((read = in.readNBytes(buffer, 0, buffer.length)) > 0) {
            reply.binary(read == buffer.length ? buffer.clone() : java.util.Arrays.copyOf(buffer, read));
        }
    }

    /** UTF-8 text in chunks of at most 64 KiB of bytes, split between characters, as one.core reads it. */
    private static void streamText(InputStream in, OneReply reply) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(OneFrameCodec.MAX_CHUNK_BYTES);
        CharBuffer chars = CharBuffer.allocate(OneFrameCodec.MAX_CHUNK_BYTES);
        boolean first = true;
        boolean end = false;
        while (!end) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            end = read < 0;
            if (read > 0) {
                bytes.position(bytes.position() + read);
            }
            if (!end && bytes.hasRemaining()) {
                continue; // fill the buffer before decoding a chunk
            }
            bytes.flip();
            var result = decoder.decode(bytes, chars, end);
            if (result.isError()) {
                throw new OneServiceException("CES-GBL3", "The CLOB is not UTF-8");
            }
            if (end) {
                decoder.flush(chars);
            }
            bytes.compact();
            chars.flip();
            if (chars.hasRemaining()) {
                reply.text(chars.toString(), first ? "utf8" : null);
                first = false;
            }
            chars.clear();
        }
    }

    private String listedHash(Request request, String refusal) {
        if (request.args().isEmpty() || !(request.args().get(0) instanceof JsonString text)
                || !Sha256Hex.is(text.getString())) {
            throw new OneServiceException(refusal, "The first argument is not a hash");
        }
        String hash = text.getString();
        if (!listed.contains(hash)) {
            throw new OneServiceException(refusal, "Not accessible: " + hash);
        }
        return hash;
    }
}
