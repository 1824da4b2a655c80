package dev.latchkey.store.settings;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsStore;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps account settings, which the token hot path reads on every exchange, in memory. Unlike the key cache it
 * also remembers that an account has no row (most accounts never write their settings, and their defaults must
 * not cost a query per token). Every write through this store evicts the account; writes made by other nodes
 * apply within {@code ttl}. Thread-safe.
 */
public final class CachingAccountSettingsStore implements AccountSettingsStore {
    private final AccountSettingsStore delegate;
    private final Cache<String, Optional<AccountSettings>> byAccount;

    public CachingAccountSettingsStore(AccountSettingsStore delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.byAccount = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    public Optional<AccountSettings> find(String accountId) {
        return byAccount.get(accountId, delegate::find);
    }

    @Override
    public boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry) {
        try {
            return delegate.save(settings, expectedVersion, entry);
        } finally {
            byAccount.invalidate(settings.accountId());
        }
    }

    @Override
    public List<SettingsHistoryEntry> history(String accountId) {
        return delegate.history(accountId);
    }

    /** Forgets every cached account; used when another node reports a change. */
    public void invalidateAll() {
        byAccount.invalidateAll();
    }
}
