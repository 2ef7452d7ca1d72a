package io.syncms.store.control;

import io.syncms.store.entity.QuarantinedItem;

import org.rocksdb.RocksIterator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The records of quarantined items in the index ({@code 'Q'} keys): when and why an item was taken
 * out. Its content is gone from the database (and a damaged file moved to {@code quarantine/}), so
 * the item counts as missing until it is stored again.
 */
final class Quarantine {

    private static final int MAX_REASON_BYTES = 1024;

    private Quarantine() {
    }

    static byte[] encode(long timestamp, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        text = Arrays.copyOf(text, Math.min(text.length, MAX_REASON_BYTES));
        return ByteBuffer.allocate(Long.BYTES + text.length).putLong(timestamp).put(text).array();
    }

    /** The quarantine records, oldest hash order, at most {@code limit}. */
    static List<QuarantinedItem> list(StoreDatabase db, int limit) {
        byte[] prefix = {StoreKeys.QUARANTINED};
        List<QuarantinedItem> items = new ArrayList<>();
        try (RocksIterator iterator = db.iterator(db.index())) {
            for (iterator.seek(prefix); iterator.isValid() && StoreKeys.startsWith(iterator.key(), prefix)
                    && items.size() < limit; iterator.next()) {
                byte[] key = iterator.key();
                byte[] value = iterator.value();
                items.add(new QuarantinedItem(StoreKeys.kindOf(key[1]), StoreKeys.hex(key, 2),
                        ByteBuffer.wrap(value).getLong(),
                        new String(value, Long.BYTES, value.length - Long.BYTES, StandardCharsets.UTF_8)));
            }
        }
        return items;
    }
}
