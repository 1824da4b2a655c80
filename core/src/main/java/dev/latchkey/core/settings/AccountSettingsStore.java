package dev.latchkey.core.settings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence port for account settings and their history. An account that never wrote its settings has no
 * row (version 0). Writes are atomic: the settings and the history entry are written together or not at all, and
 * the history keeps only the newest {@link #HISTORY_LIMIT} entries of an account.
 * Implementations are thread-safe.
 */
public interface AccountSettingsStore {
    /** How many history entries an account keeps: a save drops the oldest beyond this, in the same transaction. */
    int HISTORY_LIMIT = 100;

    /** The stored settings, or empty when the account never wrote any. */
    Optional<AccountSettings> find(String accountId);

    /**
     * Writes {@code settings} if the stored version is still {@code expectedVersion} (0: no row yet).
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry);

    /** The account's last {@value #HISTORY_LIMIT} settings changes at most, oldest first. */
    List<SettingsHistoryEntry> history(String accountId);

    /**
     * Every account that sets {@code apikey_disable_after_inactive_days}, with its value in days; ordered by account
     * id. Read by the scheduled inactivity sweep, never on a request path.
     */
    Map<String, Integer> inactivityRules();
}
