package io.syncms.chum.entity;

/** Which side a Chum session is on: the one whose user started it, or the one that accepted it. */
public enum ChumRole {
    INITIATOR,
    RESPONDER
}
