package dev.latchkey.store.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps users and memberships, which the token hot path reads on every exchange, in memory. Writes through this
 * store evict what they change; other nodes' writes are bounded by {@code ttl}. Absent rows are not cached.
 * Thread-safe.
 */
public final class CachingUserStore implements UserStore {
    private final UserStore delegate;
    private final Cache<String, User> users;
    private final Cache<String, Membership> memberships;

    public CachingUserStore(UserStore delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.users = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
        this.memberships = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    @Override
    public Optional<User> find(String iamId) {
        User cached = users.getIfPresent(iamId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<User> found = delegate.find(iamId);
        found.ifPresent(user -> users.put(iamId, user));
        return found;
    }

    @Override
    public Optional<Membership> membership(String accountId, String iamId) {
        String key = accountId + "/" + iamId;
        Membership cached = memberships.getIfPresent(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Membership> found = delegate.membership(accountId, iamId);
        found.ifPresent(membership -> memberships.put(key, membership));
        return found;
    }

    @Override
    public void insert(User user) {
        delegate.insert(user);
        users.invalidate(user.iamId());
    }

    @Override
    public void insertMembership(Membership membership) {
        delegate.insertMembership(membership);
        memberships.invalidate(membership.accountId() + "/" + membership.iamId());
    }

    /** Forgets everything cached; used when another node reports a change. */
    public void invalidateAll() {
        users.invalidateAll();
        memberships.invalidateAll();
    }
}
