package io.syncms.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.syncms.store.control.StoreCodecs;


/**
 * What the store reads back from its database: log entries, version and ID records, content values.
 * Damage must be refused as such ({@link IllegalArgumentException}), never another exception, and an
 * entry that decodes must be exactly what encoding it gives.
 */
class StoreRecordsFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
    void databaseValuesDecodeOrAreRefused(byte[] bytes) {
        StoreCodecs.decodeDatabaseValues(bytes);
    }

}
