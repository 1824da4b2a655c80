package dev.latchkey.app;

import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.common.KeyFormat;
import java.nio.file.Path;

/**
 * How first start hands over the admin API key ({@code LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE},
 * {@code LATCHKEY_BOOTSTRAP_ADMIN_APIKEY}); both matter only when the database is still empty.
 *
 * @param file  where the key file is written (created 0600, never overwritten), or null for
 *              {@code <data-dir>/admin-apikey.txt}
 * @param value the admin key's value as the operator supplied it (already checked by {@link #problem}), or null
 *              to generate one; a supplied value is never printed
 */
record AdminKeyBootstrap(Path file, String value) {
    static final AdminKeyBootstrap DEFAULT = new AdminKeyBootstrap(null, null);
    static final String VALUE_VARIABLE = "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY";
    /** As {@code ApiKeyService} accepts a supplied {@code apikey}: IBM's bounds for a value the client chooses. */
    static final int MIN_LENGTH = ApiKeyService.MIN_SUPPLIED_VALUE;
    static final int MAX_LENGTH = ApiKeyService.MAX_SUPPLIED_VALUE;

    boolean configured() {
        return file != null || value != null;
    }

    /**
     * Null when {@code value} can be the admin key: a well-formed key of {@code format}, or 32 to 256 printable
     * characters without whitespace that do not claim the format; else one sentence that does not repeat it.
     */
    static String problem(KeyFormat format, String value) {
        if (format.isWellFormed(value)) {
            return null;
        }
        String shape = VALUE_VARIABLE + " must be a well-formed " + format.prefix() + "_ key, or " + MIN_LENGTH
                + " to " + MAX_LENGTH + " printable characters without whitespace";
        if (format.claimsFormat(value)) {
            return VALUE_VARIABLE + " starts with '" + format.prefix() + "_' but is not a well-formed key (its "
                    + "checksum or length does not match); it is not used and nothing was written.";
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return shape + ", not " + value.length() + " characters" + (value.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                    ? "" : " with whitespace or other unprintable ones") + "; it is not used and nothing was written.";
        }
        return null;
    }
}
