package io.syncms.store.entity;

/**
 * The write journal is damaged somewhere other than a torn last record, so the store refuses to
 * open rather than silently drop the records after the damage (code {@code OS-JOURNAL1}).
 */
public class CorruptJournalException extends StoreException {

    private static final long serialVersionUID = 1L;

    public CorruptJournalException(String detail) {
        super("OS-JOURNAL1", detail);
    }
}
