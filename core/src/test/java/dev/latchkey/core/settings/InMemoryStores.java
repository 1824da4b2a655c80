package dev.latchkey.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plain in-memory implementations of the ports the settings service uses, for service tests without a database. */
final class InMemoryStores {
    private InMemoryStores() {
    }

    static final class Settings implements AccountSettingsStore {
        final Map<String, AccountSettings> rows = new ConcurrentHashMap<>();
        final List<SettingsHistoryEntry> history = new CopyOnWriteArrayList<>();
        int finds;

        @Override
        public Optional<AccountSettings> find(String accountId) {
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
            history.add(entry);
            return true;
        }

        @Override
        public List<SettingsHistoryEntry> history(String accountId) {
            return List.copyOf(history);
        }
    }
}
