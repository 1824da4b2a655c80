package dev.latchkey.core.apikey;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link KeyUsageStore} in memory with the JDBC store's rules: a delta is added whether or not its key exists
 * (decision record 0053), adds to one key and day sum up whoever makes them, and deleting a key deletes its days.
 */
public final class InMemoryKeyUsageStore implements KeyUsageStore, InMemoryTransactor.Participant {
    private record KeyDay(String keyId, LocalDate date) {
    }

    private static final Comparator<KeyDay> ORDER = Comparator.comparing(KeyDay::keyId).thenComparing(KeyDay::date);
    private Map<KeyDay, Long> rows = new TreeMap<>(ORDER);

    public InMemoryKeyUsageStore(InMemoryApiKeyStore keys) {
        keys.onDelete(this::deleteKey);
    }

    @Override
    public synchronized void add(KeyUses uses) {
        for (int i = 0; i < uses.days(); i++) {
            rows.merge(new KeyDay(uses.dayKeyId(i), LocalDate.ofEpochDay(uses.epochDay(i))), uses.dayCount(i),
                    Long::sum);
        }
    }

    @Override
    public synchronized Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = new TreeMap<>();
        rows.forEach((row, count) -> {
            if (row.keyId().equals(keyId) && !row.date().isBefore(from) && !row.date().isAfter(to)) {
                days.put(row.date(), count);
            }
        });
        return days;
    }

    @Override
    public synchronized int deleteBefore(LocalDate firstKept) {
        int before = rows.size();
        rows.keySet().removeIf(row -> row.date().isBefore(firstKept));
        return before - rows.size();
    }

    private synchronized void deleteKey(String keyId) {
        rows.keySet().removeIf(row -> row.keyId().equals(keyId));
    }

    @Override
    public synchronized Object snapshot() {
        return copy(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        rows = copy((Map<KeyDay, Long>) snapshot);
    }

    private static Map<KeyDay, Long> copy(Map<KeyDay, Long> rows) {
        Map<KeyDay, Long> copy = new TreeMap<>(ORDER);
        copy.putAll(rows);
        return copy;
    }
}
