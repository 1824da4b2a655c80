package dev.latchkey.store.identity;

import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.store.Sql;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Users in {@code users} and memberships in {@code account_members}. Thread-safe. */
public final class JdbcUserStore implements UserStore {
    private static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getString("iam_id"), rs.getString("email"),
            rs.getString("given_name"), rs.getString("family_name"), rs.getBoolean("functional"),
            Sql.instant(rs, "created_at"));
    private static final RowMapper<Membership> MEMBERSHIP = (rs, ctx) -> new Membership(rs.getString("account_id"),
            rs.getString("iam_id"), rs.getString("invited_by"), Sql.instant(rs, "created_at"));
    private final Jdbi jdbi;

    public JdbcUserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(User user) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO users (iam_id, email, given_name, family_name, functional, created_at)
                        VALUES (:iamId, :email, :given, :family, :functional, :at)""")
                .bind("iamId", user.iamId()).bind("email", user.email()).bind("given", user.givenName())
                .bind("family", user.familyName()).bind("functional", user.functional())
                .bind("at", Sql.time(user.createdAt())).execute());
    }

    @Override
    public Optional<User> find(String iamId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE iam_id = :iamId")
                .bind("iamId", iamId).map(USER).findOne());
    }

    @Override
    public void insertMembership(Membership membership) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO account_members (account_id, iam_id, invited_by, created_at)
                        VALUES (:account, :iamId, :invitedBy, :at)""")
                .bind("account", membership.accountId()).bind("iamId", membership.iamId())
                .bind("invitedBy", membership.invitedBy()).bind("at", Sql.time(membership.createdAt())).execute());
    }

    @Override
    public Optional<Membership> membership(String accountId, String iamId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM account_members WHERE account_id = :account AND iam_id = :iamId")
                .bind("account", accountId).bind("iamId", iamId).map(MEMBERSHIP).findOne());
    }
}
