package dev.latchkey.store.identity;

import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.identity.MemberProfile;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.FilterSql;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Users in {@code users}; memberships, invitations and each member's profile and settings in the account
 * ({@code account_members}). Every write to a membership's cached columns publishes it on the change feed. Thread-safe.
 */
public final class JdbcUserStore implements UserStore {
    private static final String USER_COLUMNS = "iam_id, email, given_name, family_name, functional, platform_admin, created_at";
    private static final String MEMBER_COLUMNS = "account_id, iam_id, invited_by, state, created_at, firstname, lastname,"
            + " phonenumber, altphonenumber, photo, language, notification_language, allowed_ip_addresses, self_manage,"
            + " profile_version";
    private static final String PREFIXED_MEMBER_COLUMNS = Arrays.stream(MEMBER_COLUMNS.split(","))
            .map(column -> "m." + column.strip()).collect(Collectors.joining(", "));
    /** An account's members with their users, for a search ({@link #searchMembers}); the condition follows. */
    private static final String MATCHING = " FROM account_members m JOIN users u ON u.iam_id = m.iam_id"
            + " WHERE m.account_id = :account AND ";
    private static final Map<String, String> SEARCHED = Map.of("email", "u.email", "name",
            "CONCAT(COALESCE(m.firstname, u.given_name, ''), ' ', COALESCE(m.lastname, u.family_name, ''))");
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getString("iam_id"), rs.getString("email"),
            rs.getString("given_name"), rs.getString("family_name"), rs.getBoolean("functional"),
            rs.getBoolean("platform_admin"), Sql.instant(rs, "created_at"));
    private static final RowMapper<Membership> MEMBERSHIP = (rs, ctx) -> new Membership(rs.getString("account_id"),
            rs.getString("iam_id"), rs.getString("invited_by"), rs.getString("state"), Sql.instant(rs, "created_at"),
            new MemberProfile(rs.getString("firstname"), rs.getString("lastname"), rs.getString("phonenumber"),
                    rs.getString("altphonenumber"), rs.getString("photo")),
            new MemberSettings(rs.getString("language"), rs.getString("notification_language"),
                    rs.getString("allowed_ip_addresses"), rs.getBoolean("self_manage")),
            rs.getLong("profile_version"));
    /** Change-feed topic of memberships; the id is {@code <account>/<iam_id>}. */
    public static final String TOPIC = "membership";
    private final Jdbi jdbi;
    private final ChangeFeed changes;
    private final boolean postgres;

    /** {@code postgres}: the database is PostgreSQL ({@code Database.isPostgres}), otherwise H2. */
    public JdbcUserStore(Jdbi jdbi, ChangeFeed changes, boolean postgres) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.postgres = postgres;
    }

    @Override
    public void insert(User user) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO users (iam_id, email, given_name, family_name, functional, platform_admin, created_at)
                        VALUES (:iamId, :email, :given, :family, :functional, :admin, :at)""")
                .bind("iamId", user.iamId()).bind("email", user.email()).bind("given", user.givenName())
                .bind("family", user.familyName()).bind("functional", user.functional())
                .bind("admin", user.platformAdmin()).bind("at", Sql.time(user.createdAt())).execute());
    }

    @Override
    public Optional<User> find(String iamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS + " FROM users WHERE iam_id = :iamId")
                .bind("iamId", iamId).map(USER).findOne());
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + USER_COLUMNS
                        + " FROM users WHERE LOWER(email) = LOWER(:email) ORDER BY created_at LIMIT 1")
                .bind("email", email).map(USER).findOne());
    }

    @Override
    public void insertMembership(Membership membership) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO account_members (account_id, iam_id, invited_by, state, created_at)
                        VALUES (:account, :iamId, :invitedBy, :state, :at)""")
                .bind("account", membership.accountId()).bind("iamId", membership.iamId())
                .bind("invitedBy", membership.invitedBy()).bind("state", membership.state())
                .bind("at", Sql.time(membership.createdAt())).execute());
    }

    @Override
    public Optional<Membership> membership(String accountId, String iamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS
                        + " FROM account_members WHERE account_id = :account AND iam_id = :iamId")
                .bind("account", accountId).bind("iamId", iamId).map(MEMBERSHIP).findOne());
    }

    @Override
    public List<Membership> memberships(String iamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS
                        + " FROM account_members WHERE iam_id = :iamId ORDER BY created_at, account_id")
                .bind("iamId", iamId).map(MEMBERSHIP).list());
    }

    /** By offset, or after a position as an index range of V33 read in order at any depth (decision 0038). */
    @Override
    public Page<Membership> members(String accountId, Membership.Position after, int offset, int limit) {
        KeysetSql.Statement statement = listing(accountId, after, offset, limit, postgres);
        List<Membership> rows = jdbi.withHandle(h -> h.createQuery(statement.sql()).bindMap(statement.bindings())
                .map(MEMBERSHIP).list());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    /**
     * The statement of a page of an account's members ({@link #members}), as {@link KeysetSql} writes it: ordered by
     * {@code account_id, created_at, iam_id}, which both databases read straight off V33's index with no sort.
     */
    public static KeysetSql.Statement listing(String accountId, Membership.Position after, int offset, int limit,
                                              boolean postgres) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("account", accountId);
        KeysetSql.Position position = after == null ? null
                : new KeysetSql.Position(Sql.time(after.createdAt()), after.iamId());
        return KeysetSql.of(new KeysetSql.Listing("account_members", MEMBER_COLUMNS, "account_id = :account", bindings,
                List.of("account_id"), "created_at", false, "iam_id", false, offset, limit),
                position, postgres ? null : "account_members_by_account_created_at");
    }

    @Override
    public int countMembers(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM account_members WHERE account_id = :account")
                .bind("account", accountId).mapTo(Integer.class).one());
    }

    @Override
    public Page<Membership> searchMembers(String accountId, String text, int offset, int limit) {
        Map<String, Object> bindings = new HashMap<>();
        String sql = "SELECT " + PREFIXED_MEMBER_COLUMNS + MATCHING + matching(text, bindings)
                + " ORDER BY m.created_at, m.iam_id LIMIT :limit OFFSET :offset";
        bindings.put("account", accountId);
        bindings.put("limit", limit + 1);
        bindings.put("offset", offset);
        List<Membership> rows = jdbi.withHandle(h -> h.createQuery(sql).bindMap(bindings).map(MEMBERSHIP).list());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    @Override
    public int countMatchingMembers(String accountId, String text) {
        Map<String, Object> bindings = new HashMap<>();
        String sql = "SELECT COUNT(*)" + MATCHING + matching(text, bindings);
        bindings.put("account", accountId);
        return jdbi.withHandle(h -> h.createQuery(sql).bindMap(bindings).mapTo(Integer.class).one());
    }

    /** The e-mail or "first last" (the profile's names, else the user's own) contains the text, ignoring case. */
    private static String matching(String text, Map<String, Object> bindings) {
        return new FilterSql(SEARCHED, bindings).render(new Filter.Or(
                new Filter.Comparison("email", Filter.Operator.CO_CI, text),
                new Filter.Comparison("name", Filter.Operator.CO_CI, text)));
    }

    @Override
    public void setInvitation(String accountId, String iamId, String secretHash, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE account_members SET invitation_hash = :hash, invitation_expires_at = :expires
                        WHERE account_id = :account AND iam_id = :iamId""")
                .bind("hash", secretHash).bind("expires", Sql.time(expiresAt)).bind("account", accountId)
                .bind("iamId", iamId).execute());
    }

    @Override
    public Optional<Membership> findInvitation(String secretHash, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM account_members"
                        + " WHERE invitation_hash = :hash AND state = 'PENDING' AND invitation_expires_at > :now")
                .bind("hash", secretHash).bind("now", Sql.time(now)).map(MEMBERSHIP).findOne());
    }

    @Override
    public boolean activate(String accountId, String iamId, Instant now) {
        return jdbi.inTransaction(h -> {
            boolean activated = h.createUpdate("""
                            UPDATE account_members SET state = 'ACTIVE', invitation_hash = NULL, invitation_expires_at = NULL
                            WHERE account_id = :account AND iam_id = :iamId AND state = 'PENDING'
                                AND (invitation_expires_at IS NULL OR invitation_expires_at > :now)""")
                    .bind("account", accountId).bind("iamId", iamId).bind("now", Sql.time(now)).execute() == 1;
            changes.publish(h, TOPIC, accountId + "/" + iamId);
            return activated;
        });
    }

    @Override
    public boolean deleteMembership(String accountId, String iamId) {
        return jdbi.inTransaction(h -> {
            boolean deleted = h.createUpdate("DELETE FROM account_members WHERE account_id = :account AND iam_id = :iamId")
                    .bind("account", accountId).bind("iamId", iamId).execute() == 1;
            changes.publish(h, TOPIC, accountId + "/" + iamId);
            return deleted;
        });
    }

    @Override
    public boolean updateMember(String accountId, String iamId, MemberProfile profile, MemberSettings settings,
                                long expectedVersion) {
        return jdbi.inTransaction(h -> {
            boolean updated = h.createUpdate("""
                            UPDATE account_members SET firstname = :firstname, lastname = :lastname,
                                phonenumber = :phone, altphonenumber = :altPhone, photo = :photo, language = :language,
                                notification_language = :notificationLanguage, allowed_ip_addresses = :allowed,
                                self_manage = :selfManage, profile_version = profile_version + 1
                            WHERE account_id = :account AND iam_id = :iamId AND profile_version = :expected""")
                    .bind("firstname", profile.firstname()).bind("lastname", profile.lastname())
                    .bind("phone", profile.phonenumber()).bind("altPhone", profile.altphonenumber())
                    .bind("photo", profile.photo()).bind("language", settings.language())
                    .bind("notificationLanguage", settings.notificationLanguage())
                    .bind("allowed", settings.allowedIpAddresses()).bind("selfManage", settings.selfManage())
                    .bind("account", accountId).bind("iamId", iamId).bind("expected", expectedVersion)
                    .execute() == 1;
            if (updated) {
                changes.publish(h, TOPIC, accountId + "/" + iamId);
            }
            return updated;
        });
    }

    @Override
    public Optional<String> passwordHash(String iamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM users WHERE iam_id = :iamId")
                .bind("iamId", iamId).mapTo(String.class).findOne()).filter(hash -> !hash.isEmpty());
    }

    @Override
    public void setPasswordHash(String iamId, String hash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE iam_id = :iamId")
                .bind("hash", hash).bind("iamId", iamId).execute());
    }
}
