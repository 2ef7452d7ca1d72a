/**
 * Players: SyncMS participants whose application is a page (or a Node process) connected over a
 * WebSocket, {@code /players/<group>}. Each socket is one participant in this instance, master or slave,
 * built on the same {@link io.syncms.syncms.control.Participant} parts as {@code @Inject SyncMs}; many of
 * them share an instance and a group, with no thread of their own. The page keeps the delivery instants
 * on its clock, which the instance measures over the socket and composes with its own synchronization
 * to the master. The JavaScript client is {@code clients/js/syncms.js}.
 */
package io.syncms.players;
