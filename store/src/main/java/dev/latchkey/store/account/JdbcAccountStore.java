package dev.latchkey.store.account;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.store.Sql;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Accounts in the {@code accounts} table. Thread-safe. */
public final class JdbcAccountStore implements AccountStore {
    private static final RowMapper<Account> MAPPER = (rs, ctx) -> new Account(rs.getString("id"),
            rs.getString("name"), rs.getString("owner_iam_id"), Sql.instant(rs, "created_at"));
    private final Jdbi jdbi;

    public JdbcAccountStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Account account) {
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO accounts (id, name, owner_iam_id, created_at) VALUES (:id, :name, :owner, :at)")
                .bind("id", account.id()).bind("name", account.name()).bind("owner", account.ownerIamId())
                .bind("at", Sql.time(account.createdAt())).execute());
    }

    @Override
    public Optional<Account> find(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM accounts WHERE id = :id")
                .bind("id", accountId).map(MAPPER).findOne());
    }

    @Override
    public boolean isEmpty() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one()) == 0;
    }
}
