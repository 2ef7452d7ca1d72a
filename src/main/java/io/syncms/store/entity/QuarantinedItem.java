package io.syncms.store.entity;

/**
 * An item the store took out because it was damaged on disk; it is stored again when the same
 * content arrives (a later write or a Chum).
 *
 * @param since  when it was taken out, epoch milliseconds
 * @param reason what was wrong
 */
public record QuarantinedItem(ReferenceKind kind, String hash, long since, String reason) {
}
