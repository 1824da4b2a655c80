package dev.latchkey.core.identity;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.Transactor;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Users of an account: invitations (a secret the invitee accepts with, once, within seven days), the
 * acceptance that sets a first password, listing, and removal, which also deletes the user's API keys and
 * policies in that account. Functional IDs are active at once and never get a password. Thread-safe.
 */
public final class UserService {
    public static final String READ = "user-management.user.read";
    public static final String INVITE = "user-management.user.invite";
    public static final String REMOVE = "user-management.user.remove";
    /** Changing another user's profile or settings in the account (IBM: Editor and up on User Management). */
    public static final String UPDATE = "user-management.user.update";
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
    public static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD = 256;
    /** A first or last name; a missing first name is the e-mail's local part, which the address check keeps to 64. */
    private static final int MAX_PERSON_NAME = 128;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final int MAX_PHONE = 32;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().\\-/]+");
    private static final int MAX_PHOTO_URL = 1024;
    private static final String USER_MANAGEMENT = "user-management";

    private final Transactor tx;
    private final UserStore users;
    private final AccountStore accounts;
    private final MemberCredentials credentials;
    private final PolicyStore policies;
    private final AccessGroupService accessGroups;
    private final PolicyService policyService;
    private final AccessDecider access;
    private final PasswordHasher hasher;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final AuditTrail audit;
    private final KeyFormat invitations = new KeyFormat("lkinv");
    private volatile String dummyHash;

    /** Someone to invite, as the request named them. */
    public record Invitee(String email, String firstname, String lastname, boolean functional) {
    }

    /** An invited user; {@code invitation} is the secret to accept with, null when nothing needs accepting. */
    public record Invited(User user, Membership membership, Secret invitation) {
    }

    /** A user together with their membership of the account being looked at. */
    public record Member(User user, Membership membership) {
        /** The first name this account knows the user by: its profile's, else the user's own. */
        public String firstname() {
            String name = membership.profile().firstname();
            return name != null ? name : user.givenName();
        }

        /** The last name this account knows the user by: its profile's, else the user's own. */
        public String lastname() {
            String name = membership.profile().lastname();
            return name != null ? name : user.familyName();
        }

        /** First and last name, as this account knows them. */
        public String name() {
            return (firstname() + " " + lastname()).strip();
        }

        /** Whether the e-mail or "first last" contains {@code text}, ignoring case ({@link UserStore#searchMembers}). */
        boolean matches(String text) {
            String needle = text.toLowerCase(java.util.Locale.ROOT);
            String first = firstname() == null ? "" : firstname();
            String last = lastname() == null ? "" : lastname();
            return user.email().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || (first + " " + last).toLowerCase(java.util.Locale.ROOT).contains(needle);
        }

        /** The entity tag of the member's profile and settings (one version for both). */
        public String entityTag() {
            return Member.entityTag(membership);
        }

        /** The entity tag of a membership's profile and settings, as sent in {@code Etag}. */
        public static String entityTag(Membership membership) {
            return EntityTag.of(membership.accountId() + "/" + membership.iamId(), membership.version());
        }
    }

    /**
     * A PATCH of a member's profile (IBM's {@code updateUserProfile}): null fields were not sent and stay; an empty
     * string clears a field (a name then reads as the user's own again). {@code email} and {@code state} are
     * accepted only as they are: the e-mail is the user's sign-in name in every account, and Latchkey has no
     * state an administrator sets (decision 0044).
     */
    public record ProfileChange(String firstname, String lastname, String phonenumber, String altphonenumber,
                                String photo, String email, String state) {
    }

    /** A page of members and how many the caller may see in all. */
    public record Members(Page<Member> page, int total) {
    }

    /**
     * What an invitation's holder may learn before accepting: who is invited to which account, and whether they
     * already have a password (then they confirm with it instead of choosing one).
     */
    public record Invitation(String email, String accountId, String accountName, boolean hasPassword) {
    }

    public UserService(Transactor tx, UserStore users, AccountStore accounts, MemberCredentials credentials,
                       PolicyStore policies, PolicyService policyService, AccessGroupService accessGroups,
                       AccessDecider access, PasswordHasher hasher, Ids ids, SecureRandom random, Clock clock,
                       AuditTrail audit) {
        this.tx = tx;
        this.users = users;
        this.accounts = accounts;
        this.credentials = credentials;
        this.policies = policies;
        this.policyService = policyService;
        this.accessGroups = accessGroups;
        this.access = access;
        this.hasher = hasher;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.audit = audit;
    }

    /** {@link #invite(Principal, String, List, List, List)} into no access group. */
    public List<Invited> invite(Principal caller, String accountId, List<Invitee> invitees, List<PolicyRequest> policies) {
        return invite(caller, accountId, invitees, policies, List.of());
    }

    /**
     * Invites users and, in the same transaction, gives each the access in {@code policies} (IBM's
     * {@code iam_policy}: policies without a subject, which becomes the invitee) and makes each a member of
     * {@code accessGroups} (IBM's {@code access_groups}), so the access is there the moment they accept. The caller
     * must be allowed to grant every one of them; otherwise nothing is written.
     */
    public List<Invited> invite(Principal caller, String accountId, List<Invitee> invitees, List<PolicyRequest> policies,
                                List<String> accessGroups) {
        if (caller.isServiceId()) {
            throw DomainException.forbidden("Service IDs cannot invite users: use a user's access token.");
        }
        access.require(caller, INVITE, Resource.service(accountId, USER_MANAGEMENT), "invite users to account " + accountId);
        if (invitees.isEmpty()) {
            throw DomainException.invalid("Field 'users' must name at least one user to invite.");
        }
        if (invitees.size() > 100) {
            throw DomainException.invalid("Field 'users' may name at most 100 users per request.");
        }
        for (Invitee invitee : invitees) {
            checkEmail(invitee.email());
            checkPersonName(invitee.firstname(), "firstname");
            checkPersonName(invitee.lastname(), "lastname");
        }
        this.accessGroups.requireMayInviteInto(caller, accountId, accessGroups);
        return tx.inTransaction(() -> {
            List<Invited> invited = new ArrayList<>();
            for (Invitee invitee : invitees) {
                Invited one = inviteOne(caller, accountId, invitee);
                audit.record(caller, accountId, "user-management.user.invite", target(one.user()),
                        Map.of("functional", Boolean.toString(one.user().functional()),
                                "state", one.membership().state()));
                for (PolicyRequest template : policies) {
                    policyService.create(caller, new PolicyRequest(template.type(), List.of(new PolicyRequest.Subject(
                            List.of(new Policy.Attribute("iam_id", one.user().iamId(), null)))), template.roleIds(),
                            template.resources(), template.description()));
                }
                this.accessGroups.joinInvited(caller, accountId, one.user().iamId(), accessGroups);
                invited.add(one);
            }
            return invited;
        });
    }

    private Invited inviteOne(Principal caller, String accountId, Invitee invitee) {
        Instant now = now();
        String email = invitee.email().strip();
        Optional<User> existing = users.findByEmail(email);
        User user;
        if (existing.isPresent()) {
            user = existing.get();
            if (users.membership(accountId, user.iamId()).isPresent()) {
                throw new DomainException(ErrorCode.DUPLICATE_VALUE, "User " + email + " is already a member of account "
                        + accountId + " (or invited to it).");
            }
            if (user.functional() || invitee.functional()) {
                throw DomainException.invalid("User " + email + " exists already; a functional ID belongs to one account only.");
            }
        } else {
            String local = email.substring(0, email.indexOf('@'));
            user = new User(ids.userIamId(), email, blankTo(invitee.firstname(), local), blankTo(invitee.lastname(), ""),
                    invitee.functional(), false, now);
            users.insert(user);
        }
        if (user.functional()) {
            Membership membership = new Membership(accountId, user.iamId(), caller.iamId(), Membership.ACTIVE, now);
            users.insertMembership(membership);
            return new Invited(user, membership, null);
        }
        Membership membership = new Membership(accountId, user.iamId(), caller.iamId(), Membership.PENDING, now);
        users.insertMembership(membership);
        Secret secret = new Secret(invitations.generate(random));
        users.setInvitation(accountId, user.iamId(), ApiKeyHash.of(secret), now.plus(INVITATION_LIFETIME));
        return new Invited(user, membership, secret);
    }

    /**
     * Accepts an invitation with its secret. A user without a password must choose one here; a user who has one
     * must prove it, so that an inviter holding the secret cannot join someone else's identity to an account.
     */
    public Member accept(Secret invitation, Secret password) {
        if (!invitations.isWellFormed(invitation.reveal())) {
            throw invalidInvitation();
        }
        return tx.inTransaction(() -> {
            Membership pending = users.findInvitation(ApiKeyHash.of(invitation), now()).orElseThrow(UserService::invalidInvitation);
            User user = users.find(pending.iamId()).orElseThrow(UserService::invalidInvitation);
            Optional<String> existingHash = users.passwordHash(user.iamId());
            if (existingHash.isPresent()) {
                if (password == null || !hasher.verify(password, existingHash.get())) {
                    throw DomainException.invalid("You have a password already: send it as 'password' to accept.");
                }
            } else {
                users.setPasswordHash(user.iamId(), hasher.hash(checkPassword(password)));
            }
            users.activate(pending.accountId(), user.iamId(), now());
            audit.record(new Principal(user.iamId(), pending.accountId()), pending.accountId(),
                    "user-management.user.accept", target(user), Map.of("password_set", Boolean.toString(
                            existingHash.isEmpty())));
            return new Member(user, users.membership(pending.accountId(), user.iamId()).orElseThrow());
        });
    }

    /** The pending, unexpired invitation this secret accepts, if any; nothing is changed. */
    public Optional<Invitation> invitation(Secret invitation) {
        if (invitation == null || !invitations.isWellFormed(invitation.reveal())) {
            return Optional.empty();
        }
        return users.findInvitation(ApiKeyHash.of(invitation), now()).flatMap(pending -> users.find(pending.iamId())
                .map(user -> new Invitation(user.email(), pending.accountId(), accounts.find(pending.accountId())
                        .map(Account::name).orElse(pending.accountId()), users.passwordHash(user.iamId()).isPresent())));
    }

    /**
     * Accepts a pending invitation to {@code accountId} as the calling user (IBM's {@code POST /v2/users/accept}),
     * within the invitation's seven days as with its secret. False when the membership was active already.
     */
    public boolean acceptAs(String iamId, String accountId) {
        Membership membership = users.membership(accountId, iamId)
                .orElseThrow(() -> DomainException.notFound("Invitation", accountId));
        if (membership.isActive()) {
            return false;
        }
        boolean accepted = tx.inTransaction(() -> {
            if (!users.activate(accountId, iamId, now())) {
                return false;
            }
            audit.record(new Principal(iamId, accountId), accountId, "user-management.user.accept",
                    AuditTarget.of("user", iamId, users.find(iamId).map(User::email).orElse(null)), Map.of());
            return true;
        });
        if (accepted) {
            return true;
        }
        if (users.membership(accountId, iamId).filter(Membership::isActive).isPresent()) {
            return false; // accepted meanwhile by another request
        }
        throw invalidInvitation();
    }

    /** The account's users, {@code limit} from {@code offset} (the console's numbered pages): {@link #list}. */
    public Members list(Principal caller, String accountId, int offset, int limit) {
        return list(caller, accountId, null, offset, limit);
    }

    /**
     * The account's users, oldest first: {@code limit} after {@code after} (keyset paging, decision 0038), or from
     * {@code offset} when that is null; the page's offset is {@code offset}. A caller without the read permission sees
     * only themself, as IBM does.
     */
    public Members list(Principal caller, String accountId, Membership.Position after, int offset, int limit) {
        requireAccount(caller, accountId);
        if (!access.permits(caller, READ, Resource.service(accountId, USER_MANAGEMENT))) {
            List<Member> self = users.membership(accountId, caller.iamId())
                    .flatMap(m -> users.find(m.iamId()).map(u -> new Member(u, m))).stream().toList();
            boolean first = offset == 0 && after == null;
            return new Members(new Page<>(first ? self : List.of(), offset, limit, false), self.size());
        }
        Page<Membership> page = users.members(accountId, after, offset, limit);
        List<Member> members = page.items().stream()
                .map(m -> new Member(users.find(m.iamId()).orElseThrow(), m)).toList();
        return new Members(new Page<>(members, page.offset(), page.limit(), page.hasMore()), users.countMembers(accountId));
    }

    /**
     * The account's users whose e-mail or name (as the account knows it) contains {@code text}, ignoring case, in
     * {@link #list}'s order, {@code limit} from {@code offset}; the total counts every match. As {@link #list}, a
     * caller without the read permission finds only themself.
     */
    public Members search(Principal caller, String accountId, String text, int offset, int limit) {
        requireAccount(caller, accountId);
        if (!access.permits(caller, READ, Resource.service(accountId, USER_MANAGEMENT))) {
            List<Member> self = list(caller, accountId, 0, 1).page().items().stream()
                    .filter(m -> m.matches(text)).toList();
            return new Members(new Page<>(offset == 0 ? self : List.of(), offset, limit, false), self.size());
        }
        Page<Membership> page = users.searchMembers(accountId, text, offset, limit);
        List<Member> members = page.items().stream()
                .map(m -> new Member(users.find(m.iamId()).orElseThrow(), m)).toList();
        return new Members(new Page<>(members, page.offset(), page.limit(), page.hasMore()),
                users.countMatchingMembers(accountId, text));
    }

    /** Whether the caller sees every member of the account, not only themself ({@link #list}). */
    public boolean mayReadAll(Principal caller, String accountId) {
        return caller.accountId().equals(accountId)
                && access.permits(caller, READ, Resource.service(accountId, USER_MANAGEMENT));
    }

    /** Whether the caller may invite users to the account ({@link #invite}). */
    public boolean mayInvite(Principal caller, String accountId) {
        return !caller.isServiceId() && access.permits(caller, INVITE, Resource.service(accountId, USER_MANAGEMENT));
    }

    /** Whether the caller may remove this member from the account ({@link #remove}): never the account's owner. */
    public boolean mayRemove(Principal caller, String accountId, String iamId) {
        return !caller.isServiceId() && access.permits(caller, REMOVE, Resource.service(accountId, USER_MANAGEMENT))
                && accounts.find(accountId).filter(a -> !a.ownerIamId().equals(iamId)).isPresent();
    }

    public Member get(Principal caller, String accountId, String iamId) {
        requireAccount(caller, accountId);
        if (!iamId.equals(caller.iamId())) {
            access.require(caller, READ, Resource.service(accountId, USER_MANAGEMENT), "view the users of account " + accountId);
        }
        Membership membership = users.membership(accountId, iamId).orElseThrow(() -> DomainException.notFound("User", iamId));
        return new Member(users.find(iamId).orElseThrow(() -> DomainException.notFound("User", iamId)), membership);
    }

    /**
     * Whether the caller may change the profile and settings of another member ({@value #UPDATE} on User
     * Management); anyone may change their own profile.
     */
    public boolean mayUpdateOthers(Principal caller, String accountId) {
        return caller.accountId().equals(accountId)
                && access.permits(caller, UPDATE, Resource.service(accountId, USER_MANAGEMENT));
    }

    /**
     * Applies a PATCH of a member's profile in one account. The user may change their own; changing someone else's
     * needs {@value #UPDATE}. {@code ifMatch} is optional (IBM sends none): when sent it must name the current
     * version ({@code *} for any); a concurrent change is a 409 either way. A request that changes nothing writes
     * nothing. Recorded in the account's audit log by field name (the values are personal data, not history).
     */
    public Member updateProfile(Principal caller, String accountId, String iamId, String ifMatch,
                                ProfileChange change) {
        requireAccount(caller, accountId);
        boolean self = iamId.equals(caller.iamId());
        if (!self) {
            access.require(caller, UPDATE, Resource.service(accountId, USER_MANAGEMENT),
                    "change the profiles of the users of account " + accountId);
        }
        Member current = get(caller, accountId, iamId);
        Membership membership = current.membership();
        if (ifMatch != null && !ifMatch.isBlank()) {
            EntityTag.requireMatch(ifMatch, accountId + "/" + iamId, membership.version());
        }
        if (change.email() != null && !change.email().strip().equalsIgnoreCase(current.user().email())) {
            throw DomainException.invalid("Field 'email' cannot be changed here: it is " + iamId
                    + "'s sign-in name in every account they belong to. Send it unchanged or leave it out.");
        }
        if (change.state() != null && !change.state().strip().equals(membership.state())) {
            throw DomainException.invalid("Field 'state' cannot be changed to '" + abbreviate(change.state())
                    + "': Latchkey has no " + "VPN_ONLY or DISABLED_CLASSIC_INFRASTRUCTURE state, and "
                    + Membership.PENDING + " and " + Membership.ACTIVE + " follow the invitation. The user is "
                    + membership.state() + ".");
        }
        MemberProfile before = membership.profile();
        MemberProfile after = new MemberProfile(
                personName(change.firstname(), before.firstname(), "firstname"),
                personName(change.lastname(), before.lastname(), "lastname"),
                phone(change.phonenumber(), before.phonenumber(), "phonenumber"),
                phone(change.altphonenumber(), before.altphonenumber(), "altphonenumber"),
                photo(change.photo(), before.photo()));
        List<String> fields = new ArrayList<>();
        addIfChanged(fields, "firstname", before.firstname(), after.firstname());
        addIfChanged(fields, "lastname", before.lastname(), after.lastname());
        addIfChanged(fields, "phonenumber", before.phonenumber(), after.phonenumber());
        addIfChanged(fields, "altphonenumber", before.altphonenumber(), after.altphonenumber());
        addIfChanged(fields, "photo", before.photo(), after.photo());
        if (fields.isEmpty()) {
            return current;
        }
        return tx.inTransaction(() -> {
            if (!users.updateMember(accountId, iamId, after, membership.settings(), membership.version())) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "The user's profile or settings were "
                        + "changed by another request at the same time; read them again and retry.");
            }
            audit.record(caller, accountId, "user-management.user.update", target(current.user()),
                    Map.of("fields", String.join(",", fields)));
            return new Member(current.user(), membership.with(after, membership.settings()));
        });
    }

    private static void addIfChanged(List<String> fields, String field, String before, String after) {
        if (!java.util.Objects.equals(before, after)) {
            fields.add(field);
        }
    }

    /** A sent name: null keeps {@code current}, blank clears it (the user's own name shows again). */
    private static String personName(String sent, String current, String field) {
        if (sent == null) {
            return current;
        }
        checkPersonName(sent, field);
        checkPrintable(sent, field);
        return sent.isBlank() ? null : sent.strip();
    }

    /** A phone number: digits with an optional leading +, and spaces, dots, dashes, slashes or parentheses. */
    private static String phone(String sent, String current, String field) {
        if (sent == null) {
            return current;
        }
        String value = sent.strip();
        if (value.isEmpty()) {
            return null;
        }
        long digits = value.chars().filter(Character::isDigit).count();
        if (value.length() > MAX_PHONE || !PHONE.matcher(value).matches() || digits < 3) {
            throw DomainException.invalid("Field '" + field + "' must be a phone number of at most " + MAX_PHONE
                    + " characters: digits, an optional leading +, and spaces, dots, dashes, slashes or "
                    + "parentheses; got '" + abbreviate(value) + "'.");
        }
        return value;
    }

    /** A link to a photo: an absolute http or https URL without blanks. */
    private static String photo(String sent, String current) {
        if (sent == null) {
            return current;
        }
        String value = sent.strip();
        if (value.isEmpty()) {
            return null;
        }
        boolean ok = value.length() <= MAX_PHOTO_URL && value.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
        if (ok) {
            try {
                java.net.URI uri = new java.net.URI(value);
                ok = uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                        && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
            } catch (java.net.URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw DomainException.invalid("Field 'photo' must be an http or https URL of at most " + MAX_PHOTO_URL
                    + " characters, without a user name or password in it; got '" + abbreviate(value) + "'.");
        }
        return value;
    }

    private static void checkPrintable(String value, String field) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw DomainException.invalid("Field '" + field + "' must not contain control characters.");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    /** Removes a user from an account with their API keys and policies there, in one transaction. */
    public void remove(Principal caller, String accountId, String iamId) {
        if (caller.isServiceId()) {
            throw DomainException.forbidden("Service IDs cannot remove users: use a user's access token.");
        }
        access.require(caller, REMOVE, Resource.service(accountId, USER_MANAGEMENT), "remove users from account " + accountId);
        Account account = accounts.find(accountId).orElseThrow(() -> DomainException.notFound("Account", accountId));
        if (account.ownerIamId().equals(iamId)) {
            throw new DomainException(ErrorCode.INVALID_STATE, "The account owner cannot be removed from the account.");
        }
        tx.inTransaction(() -> {
            if (!users.deleteMembership(accountId, iamId)) {
                throw DomainException.notFound("User", iamId);
            }
            audit.record(caller, accountId, "user-management.user.remove",
                    AuditTarget.of("user", iamId, users.find(iamId).map(User::email).orElse(null)), Map.of());
            credentials.deleteAllOf(caller, accountId, iamId);
            policies.deleteForSubject(accountId, iamId);
            accessGroups.forget(accountId, iamId);
            return null;
        });
    }

    private static AuditTarget target(User user) {
        return AuditTarget.of("user", user.iamId(), user.email());
    }

    /** The user with this e-mail and password, if both match and the user may log in with a password. */
    public Optional<User> authenticate(String email, Secret password) {
        Optional<User> user = email == null ? Optional.empty() : users.findByEmail(email.strip());
        Optional<String> hash = user.filter(u -> !u.functional()).flatMap(u -> users.passwordHash(u.iamId()));
        if (hash.isEmpty()) {
            hasher.verify(password, dummyHash());
            return Optional.empty();
        }
        return hasher.verify(password, hash.get()) ? user : Optional.empty();
    }

    /** A real hash to verify against when the user does not exist, so both cases cost the same. */
    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = hasher.hash(new Secret("timing-equaliser-not-a-password"));
            dummyHash = hash;
        }
        return hash;
    }

    private void requireAccount(Principal caller, String accountId) {
        if (!caller.accountId().equals(accountId)) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId() + ", not for account "
                    + accountId + ".");
        }
    }

    /** A new password's length rule ({@value #MIN_PASSWORD} to 256 characters); the password when it holds. */
    public static Secret checkPassword(Secret password) {
        if (password == null || password.reveal().length() < MIN_PASSWORD || password.reveal().length() > MAX_PASSWORD) {
            throw DomainException.invalid("Field 'password' must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters long.");
        }
        return password;
    }

    private static void checkPersonName(String name, String field) {
        if (name != null && name.length() > MAX_PERSON_NAME) {
            throw DomainException.invalid("Field '" + field + "' must be at most " + MAX_PERSON_NAME + " characters.");
        }
    }

    private static void checkEmail(String email) {
        if (email == null || email.length() > 320 || !EMAIL.matcher(email.strip()).matches()) {
            throw DomainException.invalid("Field 'email' must be an e-mail address, got '"
                    + (email == null ? "" : email.length() > 60 ? email.substring(0, 60) + "…" : email) + "'.");
        }
    }

    private static DomainException invalidInvitation() {
        return DomainException.invalid("The invitation is unknown, already accepted or expired; ask for a new one.");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
