package dev.latchkey.core.identity;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link UserStore} in memory with the JDBC store's rules: a user's IAM id and a membership's (account, user) are
 * unique and a membership needs a stored user; e-mails are found case-insensitively (the oldest user first);
 * memberships list oldest first; an invitation is found and activated only while it lasts, and its hash is unique;
 * a member's profile and settings change only at the version read, which each change counts up.
 */
public final class InMemoryUserStore implements UserStore, InMemoryTransactor.Participant {
    private record Member(Membership membership, String invitationHash, Instant invitationExpiresAt) {
    }

    private record State(Map<String, User> users, Map<String, String> passwords, Map<String, Member> members) {
        State copy() {
            return new State(new LinkedHashMap<>(users), new LinkedHashMap<>(passwords), new LinkedHashMap<>(members));
        }
    }

    private State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());

    private static String key(String accountId, String iamId) {
        return accountId + "/" + iamId;
    }

    @Override
    public synchronized void insert(User user) {
        if (state.users().putIfAbsent(user.iamId(), user) != null) {
            throw new IllegalStateException("duplicate user " + user.iamId());
        }
    }

    @Override
    public synchronized Optional<User> find(String iamId) {
        return Optional.ofNullable(state.users().get(iamId));
    }

    @Override
    public synchronized Optional<User> findByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return state.users().values().stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted))
                .min(Comparator.comparing(User::createdAt));
    }

    @Override
    public synchronized void insertMembership(Membership membership) {
        if (!state.users().containsKey(membership.iamId())) {
            throw new IllegalStateException("no user " + membership.iamId() + " to be a member");
        }
        if (state.members().putIfAbsent(key(membership.accountId(), membership.iamId()),
                new Member(membership, null, null)) != null) {
            throw new IllegalStateException("duplicate membership " + key(membership.accountId(), membership.iamId()));
        }
    }

    @Override
    public synchronized Optional<Membership> membership(String accountId, String iamId) {
        return Optional.ofNullable(state.members().get(key(accountId, iamId))).map(Member::membership);
    }

    @Override
    public synchronized List<Membership> memberships(String iamId) {
        return state.members().values().stream().map(Member::membership).filter(m -> m.iamId().equals(iamId))
                .sorted(Comparator.comparing(Membership::createdAt).thenComparing(Membership::accountId)).toList();
    }

    @Override
    public synchronized Page<Membership> members(String accountId, Membership.Position after, int offset,
                                                 int limit) {
        Comparator<Membership.Position> order = Comparator.comparing(Membership.Position::createdAt)
                .thenComparing(Membership.Position::iamId);
        Page<Membership> page = InMemoryQueries.page(state.members().values().stream().map(Member::membership)
                .filter(m -> m.accountId().equals(accountId))
                .filter(m -> after == null || order.compare(m.position(), after) > 0)
                .sorted(Comparator.comparing(Membership::position, order)).toList(), after == null ? offset : 0, limit);
        return new Page<>(page.items(), offset, limit, page.hasMore());
    }

    @Override
    public synchronized int countMembers(String accountId) {
        return (int) state.members().values().stream().filter(m -> m.membership().accountId().equals(accountId))
                .count();
    }

    @Override
    public synchronized Page<Membership> searchMembers(String accountId, String text, int offset, int limit) {
        Page<Membership> page = InMemoryQueries.page(matching(accountId, text)
                .sorted(Comparator.comparing(Membership::createdAt).thenComparing(Membership::iamId)).toList(),
                offset, limit);
        return new Page<>(page.items(), offset, limit, page.hasMore());
    }

    @Override
    public synchronized int countMatchingMembers(String accountId, String text) {
        return (int) matching(accountId, text).count();
    }

    /** As the JDBC store's LIKE: the e-mail, or "first last" with the profile's names before the user's own. */
    private java.util.stream.Stream<Membership> matching(String accountId, String text) {
        return state.members().values().stream().map(Member::membership).filter(m -> m.accountId().equals(accountId))
                .filter(m -> new UserService.Member(state.users().get(m.iamId()), m).matches(text));
    }

    @Override
    public synchronized void setInvitation(String accountId, String iamId, String secretHash, Instant expiresAt) {
        Member member = state.members().get(key(accountId, iamId));
        if (member == null) {
            return;
        }
        if (secretHash != null && state.members().values().stream()
                .anyMatch(m -> m != member && secretHash.equals(m.invitationHash()))) {
            throw new IllegalStateException("duplicate invitation hash");
        }
        state.members().put(key(accountId, iamId), new Member(member.membership(), secretHash, expiresAt));
    }

    @Override
    public synchronized Optional<Membership> findInvitation(String secretHash, Instant now) {
        return state.members().values().stream()
                .filter(m -> secretHash.equals(m.invitationHash()) && !m.membership().isActive()
                        && Membership.PENDING.equals(m.membership().state())
                        && m.invitationExpiresAt() != null && m.invitationExpiresAt().isAfter(now))
                .map(Member::membership).findFirst();
    }

    @Override
    public synchronized boolean activate(String accountId, String iamId, Instant now) {
        Member member = state.members().get(key(accountId, iamId));
        if (member == null || !Membership.PENDING.equals(member.membership().state())
                || (member.invitationExpiresAt() != null && !member.invitationExpiresAt().isAfter(now))) {
            return false;
        }
        state.members().put(key(accountId, iamId), new Member(member.membership().withState(Membership.ACTIVE), null,
                null));
        return true;
    }

    @Override
    public synchronized boolean updateMember(String accountId, String iamId, MemberProfile profile,
                                             MemberSettings settings, long expectedVersion) {
        Member member = state.members().get(key(accountId, iamId));
        if (member == null || member.membership().version() != expectedVersion) {
            return false;
        }
        state.members().put(key(accountId, iamId), new Member(member.membership().with(profile, settings),
                member.invitationHash(), member.invitationExpiresAt()));
        return true;
    }

    @Override
    public synchronized boolean deleteMembership(String accountId, String iamId) {
        return state.members().remove(key(accountId, iamId)) != null;
    }

    @Override
    public synchronized Optional<String> passwordHash(String iamId) {
        return Optional.ofNullable(state.passwords().get(iamId)).filter(hash -> !hash.isEmpty());
    }

    @Override
    public synchronized void setPasswordHash(String iamId, String hash) {
        if (state.users().containsKey(iamId)) {
            if (hash == null) {
                state.passwords().remove(iamId);
            } else {
                state.passwords().put(iamId, hash);
            }
        }
    }

    @Override
    public synchronized Object snapshot() {
        return state.copy();
    }

    @Override
    public synchronized void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
