package io.syncms.chum.entity;

/** Entries the local importer has dealt with (stored, found present or rejected) out of those listed to it. */
public record ChumProgress(long done, long total) {
}
