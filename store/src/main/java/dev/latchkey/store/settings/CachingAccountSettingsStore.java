package dev.latchkey.store.settings;

import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsStore;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.StaleOnOutageCache;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps account settings, which the token hot path reads on every exchange, in memory. Unlike the key cache it
 * also remembers that an account has no row (most accounts never write their settings, and their defaults must
 * not cost a query per token). Evictions come through the {@link ChangeFeed}, as for API keys: a save publishes
 * the account in its transaction, and every node, this one right after the commit, forgets it (an allow-list
 * tightened on one node holds on all of them within a second); {@code ttl} bounds staleness while the feed is
 * down. Thread-safe.
 */
public final class CachingAccountSettingsStore implements AccountSettingsStore {
    private final AccountSettingsStore delegate;
    /** "Never written" is cached too (as an empty Optional), so an account without settings costs no reads. */
    private final StaleOnOutageCache<Optional<AccountSettings>> byAccount;

    /** Timings and outage behaviour: {@link StaleOnOutageCache}. */
    public CachingAccountSettingsStore(AccountSettingsStore delegate, ChangeFeed changes, CacheTiming timing) {
        this.delegate = delegate;
        this.byAccount = timing.cache("account_settings", changes, delegate::find);
        changes.subscribe(JdbcAccountSettingsStore.TOPIC, byAccount::invalidate, byAccount::invalidateAll);
    }

    @Override
    public Optional<AccountSettings> find(String accountId) {
        return byAccount.get(accountId);
    }

    @Override
    public boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry) {
        return delegate.save(settings, expectedVersion, entry);
    }

    @Override
    public List<SettingsHistoryEntry> history(String accountId) {
        return delegate.history(accountId);
    }

    /** Not cached: the scheduled sweep reads it a few times an hour and must see every account's latest value. */
    @Override
    public Map<String, Integer> inactivityRules() {
        return delegate.inactivityRules();
    }
}
