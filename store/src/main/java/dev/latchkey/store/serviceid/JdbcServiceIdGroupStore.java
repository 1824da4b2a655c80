package dev.latchkey.store.serviceid;

import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroupStore;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Service ID groups in {@code serviceid_groups} (decision 0043). The rules that span rows are kept under locks, so
 * that concurrent requests queue instead of failing on a constraint: an insert or a rename locks the account's row
 * while it looks for the name (and counts the groups), and a delete locks the group's row before it looks for a
 * service ID naming it, as {@link #lock} does for a service ID joining the group. The unique (account, name) and the
 * foreign key from {@code service_ids.group_id} stand behind both. Thread-safe.
 */
public final class JdbcServiceIdGroupStore implements ServiceIdGroupStore {
    private static final String COLUMNS = "id, account_id, name, description, created_at, created_by, modified_at, "
            + "version";
    private static final RowMapper<ServiceIdGroup> ROW = (rs, ctx) -> new ServiceIdGroup(rs.getString("id"),
            rs.getString("account_id"), rs.getString("name"), rs.getString("description"),
            Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "modified_at"),
            rs.getLong("version"));

    private final Jdbi jdbi;

    public JdbcServiceIdGroupStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Outcome insert(ServiceIdGroup group, int limit) {
        return jdbi.inTransaction(h -> {
            lockAccount(h, group.accountId());
            if (nameTaken(h, group.accountId(), group.name(), group.id())) {
                return Outcome.NAME_TAKEN;
            }
            int count = h.createQuery("SELECT COUNT(*) FROM serviceid_groups WHERE account_id = :account")
                    .bind("account", group.accountId()).mapTo(Integer.class).one();
            if (count >= limit) {
                return Outcome.LIMIT_REACHED;
            }
            h.createUpdate("INSERT INTO serviceid_groups (" + COLUMNS + ") VALUES (:id, :account, :name, "
                            + ":description, :createdAt, :createdBy, :modifiedAt, :version)")
                    .bind("id", group.id()).bind("account", group.accountId()).bind("name", group.name())
                    .bind("description", group.description()).bind("createdAt", Sql.time(group.createdAt()))
                    .bind("createdBy", group.createdBy()).bind("modifiedAt", Sql.time(group.modifiedAt()))
                    .bind("version", group.version()).execute();
            return Outcome.DONE;
        });
    }

    @Override
    public Optional<ServiceIdGroup> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM serviceid_groups WHERE id = :id")
                .bind("id", id).map(ROW).findOne());
    }

    @Override
    public Optional<ServiceIdGroup> lock(String id) {
        return jdbi.inTransaction(h -> h.createQuery("SELECT " + COLUMNS + " FROM serviceid_groups WHERE id = :id "
                + "FOR UPDATE").bind("id", id).map(ROW).findOne());
    }

    @Override
    public Outcome update(ServiceIdGroup group, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            Optional<ServiceIdGroup> stored = find(h, group.id());
            if (stored.isEmpty() || stored.get().version() != expectedVersion) {
                return Outcome.STALE;
            }
            lockAccount(h, stored.get().accountId());
            if (nameTaken(h, stored.get().accountId(), group.name(), group.id())) {
                return Outcome.NAME_TAKEN;
            }
            int rows = h.createUpdate("""
                            UPDATE serviceid_groups SET name = :name, description = :description,
                                modified_at = :modifiedAt, version = :version
                            WHERE id = :id AND version = :expected""")
                    .bind("name", group.name()).bind("description", group.description())
                    .bind("modifiedAt", Sql.time(group.modifiedAt())).bind("version", group.version())
                    .bind("id", group.id()).bind("expected", expectedVersion).execute();
            return rows == 1 ? Outcome.DONE : Outcome.STALE;
        });
    }

    @Override
    public Outcome delete(String id, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            Optional<ServiceIdGroup> held = h.createQuery("SELECT " + COLUMNS + " FROM serviceid_groups WHERE id = :id "
                    + "FOR UPDATE").bind("id", id).map(ROW).findOne();
            if (held.isEmpty() || held.get().version() != expectedVersion) {
                return Outcome.STALE;
            }
            boolean named = h.createQuery("SELECT COUNT(*) FROM service_ids WHERE group_id = :id")
                    .bind("id", id).mapTo(Integer.class).one() > 0;
            if (named) {
                return Outcome.IN_USE;
            }
            h.createUpdate("DELETE FROM serviceid_groups WHERE id = :id").bind("id", id).execute();
            return Outcome.DONE;
        });
    }

    @Override
    public List<ServiceIdGroup> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM serviceid_groups WHERE account_id = :account ORDER BY created_at, id")
                .bind("account", accountId).map(ROW).list());
    }

    private static Optional<ServiceIdGroup> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM serviceid_groups WHERE id = :id").bind("id", id).map(ROW)
                .findOne();
    }

    /** Queues writers of one account's groups behind each other, as the webhook endpoints' insert does. */
    private static void lockAccount(Handle h, String accountId) {
        h.createQuery("SELECT id FROM accounts WHERE id = :account FOR UPDATE").bind("account", accountId)
                .mapTo(String.class).list();
    }

    /** Whether a group of the account other than {@code id} has the name. */
    private static boolean nameTaken(Handle h, String accountId, String name, String id) {
        return h.createQuery("SELECT COUNT(*) FROM serviceid_groups WHERE account_id = :account AND name = :name "
                        + "AND id <> :id")
                .bind("account", accountId).bind("name", name).bind("id", id).mapTo(Integer.class).one() > 0;
    }
}
