package dev.latchkey.store.identity;

import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.store.ChangeFeed;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps users and memberships, which the token hot path reads on every exchange, in memory. Writes through this
 * store evict what they change; other nodes' writes are bounded by {@code ttl}. Absent rows are not cached.
 * Thread-safe.
 */
public final class CachingUserStore implements UserStore {
    private final UserStore delegate;
    private final LoadingCache<String, User> users;
    private final LoadingCache<String, Membership> memberships;

    /** Refreshed in the background after half of {@code ttl}, dropped at {@code ttl}, as in CachingApiKeyStore. */
    public CachingUserStore(UserStore delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.users = Caffeine.newBuilder().expireAfterWrite(ttl).refreshAfterWrite(ttl.dividedBy(2))
                .maximumSize(maximumSize).build(iamId -> delegate.find(iamId).orElse(null));
        this.memberships = Caffeine.newBuilder().expireAfterWrite(ttl).refreshAfterWrite(ttl.dividedBy(2))
                .maximumSize(maximumSize).build(key -> {
                    int slash = key.indexOf('/');
                    return delegate.membership(key.substring(0, slash), key.substring(slash + 1)).orElse(null);
                });
    }

    @Override
    public Optional<User> find(String iamId) {
        return Optional.ofNullable(users.get(iamId));
    }

    @Override
    public Optional<Membership> membership(String accountId, String iamId) {
        return Optional.ofNullable(memberships.get(accountId + "/" + iamId));
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

    @Override
    public Optional<User> findByEmail(String email) {
        return delegate.findByEmail(email);
    }

    @Override
    public java.util.List<Membership> memberships(String iamId) {
        return delegate.memberships(iamId);
    }

    @Override
    public dev.latchkey.core.common.Page<Membership> members(String accountId, int offset, int limit) {
        return delegate.members(accountId, offset, limit);
    }

    @Override
    public int countMembers(String accountId) {
        return delegate.countMembers(accountId);
    }

    @Override
    public void setInvitation(String accountId, String iamId, String secretHash, java.time.Instant expiresAt) {
        delegate.setInvitation(accountId, iamId, secretHash, expiresAt);
    }

    @Override
    public Optional<Membership> findInvitation(String secretHash, java.time.Instant now) {
        return delegate.findInvitation(secretHash, now);
    }

    @Override
    public boolean activate(String accountId, String iamId) {
        boolean activated = delegate.activate(accountId, iamId);
        memberships.invalidate(accountId + "/" + iamId);
        return activated;
    }

    @Override
    public boolean deleteMembership(String accountId, String iamId) {
        boolean deleted = delegate.deleteMembership(accountId, iamId);
        memberships.invalidate(accountId + "/" + iamId);
        return deleted;
    }

    @Override
    public Optional<String> passwordHash(String iamId) {
        return delegate.passwordHash(iamId);
    }

    @Override
    public void setPasswordHash(String iamId, String hash) {
        delegate.setPasswordHash(iamId, hash);
    }

    /** Applies a change another node published: one membership, or everything for any other payload. */
    public void onChange(String payload) {
        String prefix = JdbcUserStore.TOPIC + ":";
        if (payload.startsWith(prefix)) {
            memberships.invalidate(payload.substring(prefix.length()));
        } else if (payload.equals(ChangeFeed.ALL)) {
            users.invalidateAll();
            memberships.invalidateAll();
        }
    }
}
