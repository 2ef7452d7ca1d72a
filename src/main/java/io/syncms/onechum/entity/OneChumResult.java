package io.syncms.onechum.entity;

import java.util.List;

/**
 * How one side's ONE Chum ended.
 *
 * @param logHash      the hash of the Chum log object written, null if none was (nothing moved and it failed)
 * @param logIdHash    its ID hash, the same on both sides
 * @param fullSync     whether a whole pass over the other side's roots was made (entries that failed are in
 *                     {@code errors}, as in one.core, and do not prevent it)
 * @param failure      why the Chum ended early, null if it did not
 */
public record OneChumResult(String logHash, String logIdHash, boolean fullSync, int sent, int received,
                            List<String> errors, String failure) {

    public OneChumResult {
        errors = List.copyOf(errors);
    }
}
