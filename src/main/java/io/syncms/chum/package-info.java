/**
 * The Chum: connects two ONE object stores and transfers, in both directions, every object the other
 * side's person may access, verified, and writes a {@code Chum} log object on both sides.
 *
 * <h2>Shape</h2>
 * Each side runs an importer that pulls from the other side's exporter. The exchange logic lives in
 * plain classes ({@code control}); the transport is {@link io.syncms.chum.control.ChumPeer}, the
 * remote exporter as the importer sees it, whose methods mirror those of
 * {@link io.syncms.chum.control.ChumExporter} one to one. It has an in-memory implementation (tests)
 * and an HTTP one ({@code HttpChumPeer} against {@code boundary.ChumProtocolResource} below
 * {@code /api/chum-protocol/}: JSON bodies, a bearer token, framed BLOB/CLOB streams, a suspended
 * long poll); ONE's WebSocket protocol comes later. {@code boundary.Chums} is the CDI face.
 *
 * <h2>Protocol, version {@value io.syncms.chum.entity.ChumSettings#PROTOCOL_VERSION}</h2>
 * <ol>
 *   <li><b>challenge</b> (unauthenticated): the exporter returns a single-use nonce (32 random bytes,
 *       base64url, valid for the challenge timeout), its protocol version, instance name and owner.
 *   <li><b>handshake</b>: the importer signs, with its owner's Ed25519 key, the UTF-8 text
 *       {@code syncms-chum-handshake\nversion:V\nnonce:N\nchum:ID\ninitiator:B\nimporter-person:P\n
 *       exporter-person:P\nimporter-instance:I\nexporter-instance:I\nchum-name:C\nkeep-running:B\n
 *       max-notification-delay:MS\n} (see {@link io.syncms.chum.entity.HandshakeRequest#signedBytes()}).
 *       The exporter consumes the nonce, looks the importer person up in its trusted peers, verifies
 *       the signature with the registered key (else 401), compares protocol versions (a mismatch
 *       aborts both sides: 409 to the importer, a FAILED Chum recorded at the exporter), checks the
 *       request names it (else 400) and returns a bearer token {@code chum1.<base64url of 32 random
 *       bytes>} bound to the importer person and the Chum, which expires after the token idle timeout
 *       without a request. A handshake with {@code initiator:true} makes the exporter's side start its
 *       own importer towards the initiator (at the URL of its trusted-peer entry), with
 *       {@code initiator:false} and the same Chum id.
 *   <li><b>changesAfter(afterSeq)</b> opens a listing round and returns its first page;
 *       <b>nextChanges(cursor)</b> the others. A round lists (hashes only) every entry of the
 *       person's accessible closure that may be new since the exporter's write-log position
 *       {@code afterSeq} (0: all), referenced content first, with the position it covers
 *       ({@code upToSeq}) and how far the importer may move its checkpoint after storing all of it.
 *   <li><b>fetchObjects</b> (microdata of objects and ID objects, many per request) and
 *       <b>fetchContent</b> (BLOBs or CLOBs streamed one after the other in one response) for what
 *       the importer lacks; it checks locally and never fetches what it has ("exists").
 *   <li><b>waitForChanges(afterSeq, timeout)</b>: long poll, answered when something accessible is
 *       written after {@code afterSeq} (at most half of maxNotificationDelay after the write), at the
 *       timeout (the slow fallback poll), or when the session ends.
 *   <li><b>finish(reason)</b>: the importer is done (COMPLETE), or its side STOPPED or FAILED (then
 *       the exporter's side stops too). Each side writes its log once its importer is done and the
 *       other side's importer has finished with it.
 * </ol>
 * Every request after the handshake carries the token (401 without a valid one, 410 after the
 * session ended). Nothing outside the person's accessible closure at the moment of sending is
 * listed or sent; asking for it is refused as a whole (403). Group memberships are those at the
 * handshake; grants, versions and revocations are live.
 *
 * <h2>Checkpoints</h2>
 * Per (local instance, remote instance, local person, remote person), in
 * {@code chum/checkpoints/<sha256 of the key>.json} of the store directory: the remote write-log
 * sequence number up to which everything accessible is stored locally, and the remote store's
 * epoch. Moved, crash-safely, only after a round in which every entry was stored.
 */
package io.syncms.chum;
