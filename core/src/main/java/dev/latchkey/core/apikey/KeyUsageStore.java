package dev.latchkey.core.apikey;

import java.time.LocalDate;
import java.util.Map;

/**
 * Persistence port for token exchanges per key and UTC day, written in batches by {@link ActivityRecorder}. Adding
 * is atomic per row: several nodes may add to the same key and day at once and no count is lost. A deleted key's
 * days go with it. Implementations are thread-safe.
 */
public interface KeyUsageStore {
    /**
     * Adds each key day of the batch ({@link KeyUses#days}) to its stored count. Whether the key still exists is not
     * checked: a key deleted since its use gets a day no one reads, which {@link #deleteBefore} takes with the rest
     * (decision record 0053).
     */
    void add(KeyUses uses);

    /** The stored counts of one key from {@code from} to {@code to}, both included; days without a row are absent. */
    Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to);

    /**
     * Deletes every day before {@code firstKept}, of every key; returns how many rows went. Days an add wrote for a key
     * deleted since its use go this way too: they are never read (key ids are not reused), and finding them
     * would mean reading every row, every time.
     */
    int deleteBefore(LocalDate firstKept);
}
