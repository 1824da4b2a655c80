package dev.latchkey.core.settings;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link AccountSettingsStore} in memory with the JDBC store's rules: no row until the first write (version 0),
 * a write needs the stored version (two first writers: one wins), and each write appends its history entry to its
 * account's history, which keeps the newest {@link #HISTORY_LIMIT} entries ({@link #history} keeps them all).
 */
public final class InMemoryAccountSettingsStore implements AccountSettingsStore, InMemoryTransactor.Participant {
    private record Written(String accountId, SettingsHistoryEntry entry) {
    }

    Map<String, AccountSettings> rows = new LinkedHashMap<>();
    private List<Written> written = new ArrayList<>();
    /** Every history entry written, oldest first, whatever its account. */
    List<SettingsHistoryEntry> history = new ArrayList<>();
    /** How often {@link #find} was asked. */
    int finds;

    @Override
    public synchronized Optional<AccountSettings> find(String accountId) {
        finds++;
        return Optional.ofNullable(rows.get(accountId));
    }

    @Override
    public synchronized boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry) {
        AccountSettings stored = rows.get(settings.accountId());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != expectedVersion) {
            return false;
        }
        rows.put(settings.accountId(), settings);
        written.add(new Written(settings.accountId(), entry));
        history.add(entry);
        List<Written> own = written.stream().filter(w -> w.accountId().equals(settings.accountId())).toList();
        if (own.size() > HISTORY_LIMIT) {
            written.remove(own.getFirst());
        }
        return true;
    }

    @Override
    public synchronized List<SettingsHistoryEntry> history(String accountId) {
        return written.stream().filter(w -> w.accountId().equals(accountId)).map(Written::entry).toList();
    }

    @Override
    public synchronized Map<String, Integer> inactivityRules() {
        Map<String, Integer> rules = new TreeMap<>();
        rows.values().forEach(s -> s.apikeyDisableAfterInactive().ifPresent(days -> rules.put(s.accountId(), days)));
        return rules;
    }

    @Override
    public synchronized Object snapshot() {
        return List.of(new LinkedHashMap<>(rows), new ArrayList<>(written), new ArrayList<>(history));
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        List<Object> parts = (List<Object>) snapshot;
        rows = new LinkedHashMap<>((Map<String, AccountSettings>) parts.get(0));
        written = new ArrayList<>((List<Written>) parts.get(1));
        history = new ArrayList<>((List<SettingsHistoryEntry>) parts.get(2));
    }
}
