package dev.latchkey.store.identity;

import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.StaleOnOutageCache;
import java.util.Optional;

/**
 * Keeps users and memberships, which the token hot path reads on every exchange, in memory. Evictions come through
 * the {@link ChangeFeed}, as for API keys: activating or deleting a membership, or changing its profile and settings
 * (which hold the user's allowed addresses in the account), publishes it in its transaction, and
 * every node, this one right after the commit, forgets it; {@code ttl} bounds staleness while the feed is down.
 * Absent rows are not cached, so inserting a user or a membership needs no eviction. Thread-safe.
 */
public final class CachingUserStore implements UserStore {
    private final UserStore delegate;
    private final StaleOnOutageCache<User> users;
    private final StaleOnOutageCache<Membership> memberships;

    /** Timings and outage behaviour: {@link StaleOnOutageCache}. */
    public CachingUserStore(UserStore delegate, ChangeFeed changes, CacheTiming timing) {
        this.delegate = delegate;
        this.users = timing.cache("users", changes, iamId -> delegate.find(iamId).orElse(null));
        this.memberships = timing.cache("memberships", changes, key -> {
            int slash = key.indexOf('/');
            return delegate.membership(key.substring(0, slash), key.substring(slash + 1)).orElse(null);
        });
        changes.subscribe(JdbcUserStore.TOPIC, memberships::invalidate, () -> {
            users.invalidateAll();
            memberships.invalidateAll();
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
    }

    @Override
    public void insertMembership(Membership membership) {
        delegate.insertMembership(membership);
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
    public dev.latchkey.core.common.Page<Membership> members(String accountId, Membership.Position after, int offset,
                                                            int limit) {
        return delegate.members(accountId, after, offset, limit);
    }

    @Override
    public int countMembers(String accountId) {
        return delegate.countMembers(accountId);
    }

    @Override
    public dev.latchkey.core.common.Page<Membership> searchMembers(String accountId, String text, int offset,
                                                                  int limit) {
        return delegate.searchMembers(accountId, text, offset, limit);
    }

    @Override
    public int countMatchingMembers(String accountId, String text) {
        return delegate.countMatchingMembers(accountId, text);
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
    public boolean activate(String accountId, String iamId, java.time.Instant now) {
        return delegate.activate(accountId, iamId, now);
    }

    @Override
    public boolean deleteMembership(String accountId, String iamId) {
        return delegate.deleteMembership(accountId, iamId);
    }

    @Override
    public boolean updateMember(String accountId, String iamId, dev.latchkey.core.identity.MemberProfile profile,
                                dev.latchkey.core.identity.MemberSettings settings, long expectedVersion) {
        return delegate.updateMember(accountId, iamId, profile, settings, expectedVersion);
    }

    @Override
    public Optional<String> passwordHash(String iamId) {
        return delegate.passwordHash(iamId);
    }

    @Override
    public void setPasswordHash(String iamId, String hash) {
        delegate.setPasswordHash(iamId, hash);
    }
}
