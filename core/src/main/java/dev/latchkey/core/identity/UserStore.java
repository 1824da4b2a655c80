package dev.latchkey.core.identity;

import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Persistence port for users, their memberships and invitations. Implementations are thread-safe. */
public interface UserStore {
    void insert(User user);

    Optional<User> find(String iamId);

    /** Users are found by e-mail case-insensitively; e-mails are unique among users. */
    Optional<User> findByEmail(String email);

    void insertMembership(Membership membership);

    Optional<Membership> membership(String accountId, String iamId);

    /** The memberships of one user, oldest first. */
    List<Membership> memberships(String iamId);

    /**
     * An account's members, oldest first (then by {@code iam_id}): {@code limit} of them after {@code after} (keyset
     * paging, decision 0038: a page at any depth costs what the first does), or from {@code offset} when
     * {@code after} is null. The page's offset is {@code offset} either way.
     */
    Page<Membership> members(String accountId, Membership.Position after, int offset, int limit);

    int countMembers(String accountId);

    /**
     * The account's members whose e-mail or name (first and last as the account knows them: its profile's, else the
     * user's own) contains {@code text}, ignoring case; in {@link #members}' order, {@code limit} from
     * {@code offset}. The console's search of the users page and of an access group's new members.
     */
    Page<Membership> searchMembers(String accountId, String text, int offset, int limit);

    /** How many members {@link #searchMembers} finds in all. */
    int countMatchingMembers(String accountId, String text);

    /** Records a pending membership's invitation: the SHA-256 of its secret and when it expires. */
    void setInvitation(String accountId, String iamId, String secretHash, Instant expiresAt);

    /** The pending membership whose invitation secret hashes to {@code secretHash}, if not expired at {@code now}. */
    Optional<Membership> findInvitation(String secretHash, Instant now);

    /**
     * Makes a pending membership active and forgets its invitation, unless the invitation expired before
     * {@code now}. False when there was nothing to activate: no pending membership, or an expired invitation.
     */
    boolean activate(String accountId, String iamId, Instant now);

    boolean deleteMembership(String accountId, String iamId);

    /**
     * Replaces a member's profile and settings and counts the membership's version up, if it is still at
     * {@code expectedVersion}. False when it is not (changed by another request meanwhile) or gone; nothing is
     * written then. The token path caches memberships, so implementations evict it everywhere, as
     * {@link #deleteMembership} does.
     */
    boolean updateMember(String accountId, String iamId, MemberProfile profile, MemberSettings settings,
                         long expectedVersion);

    /** The Argon2id hash of the user's password, or empty when the user has none. */
    Optional<String> passwordHash(String iamId);

    void setPasswordHash(String iamId, String hash);
}
