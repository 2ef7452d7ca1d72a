package io.syncms.store.entity;

/**
 * Whether a text is a SHA-256 hash as ONE writes it: 64 lower-case hex digits. Checked on every
 * reference of every object read, written and sent, so by hand rather than by a regular expression
 * (which took a tenth of a Chum's CPU time).
 */
public final class Sha256Hex {

    public static final int LENGTH = 64;

    private Sha256Hex() {
    }

    public static boolean is(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
