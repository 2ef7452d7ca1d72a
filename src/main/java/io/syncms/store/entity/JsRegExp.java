package io.syncms.store.entity;

import java.util.Objects;

/**
 * A JavaScript {@code RegExp} value inside a stringifiable property (for example the
 * {@code regexp} of a rule's item type in a Recipe object). Only the source text matters: one.core
 * stringifies a RegExp as the JSON string of its source and drops the flags.
 */
public record JsRegExp(String source) {

    public JsRegExp {
        Objects.requireNonNull(source, "source");
    }
}
