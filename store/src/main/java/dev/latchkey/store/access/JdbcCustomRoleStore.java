package dev.latchkey.store.access;

import dev.latchkey.core.access.CustomRole;
import dev.latchkey.core.access.CustomRoleStore;
import dev.latchkey.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Custom roles in {@code custom_roles}, their actions comma-separated. Thread-safe. */
public final class JdbcCustomRoleStore implements CustomRoleStore {
    private final Jdbi jdbi;

    public JdbcCustomRoleStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The unique (account, name) constraint decides a race: the later insert writes nothing. */
    @Override
    public boolean insert(CustomRole role) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO custom_roles (id, account_id, name, display_name, description, service_name, actions,
                            created_at, created_by, modified_at, modified_by, version)
                        VALUES (:id, :account, :name, :displayName, :description, :service, :actions, :createdAt,
                            :createdBy, :modifiedAt, :modifiedBy, :version) ON CONFLICT DO NOTHING""")
                .bind("id", role.id()).bind("account", role.accountId()).bind("name", role.name())
                .bind("displayName", role.displayName()).bind("description", role.description())
                .bind("service", role.serviceName()).bind("actions", String.join(",", role.actions()))
                .bind("createdAt", Sql.time(role.createdAt())).bind("createdBy", role.createdBy())
                .bind("modifiedAt", Sql.time(role.modifiedAt())).bind("modifiedBy", role.modifiedBy())
                .bind("version", role.version()).execute()) == 1;
    }

    @Override
    public Optional<CustomRole> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM custom_roles WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> role(rs)).findOne());
    }

    @Override
    public Optional<CustomRole> findByName(String accountId, String name) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM custom_roles WHERE account_id = :account AND name = :name")
                .bind("account", accountId).bind("name", name).map((rs, ctx) -> role(rs)).findOne());
    }

    @Override
    public boolean update(CustomRole role, long expectedVersion) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE custom_roles SET display_name = :displayName, description = :description,
                            actions = :actions, modified_at = :modifiedAt, modified_by = :modifiedBy, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("displayName", role.displayName()).bind("description", role.description())
                .bind("actions", String.join(",", role.actions())).bind("modifiedAt", Sql.time(role.modifiedAt()))
                .bind("modifiedBy", role.modifiedBy()).bind("version", role.version()).bind("id", role.id())
                .bind("expected", expectedVersion).execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM custom_roles WHERE id = :id").bind("id", id)
                .execute()) == 1;
    }

    @Override
    public List<CustomRole> inAccount(String accountId, String serviceName) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM custom_roles WHERE account_id = :account"
                        + (serviceName == null ? "" : " AND service_name = :service") + " ORDER BY name")
                .bind("account", accountId).bind("service", serviceName).map((rs, ctx) -> role(rs)).list());
    }

    private static CustomRole role(ResultSet rs) throws SQLException {
        return new CustomRole(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                rs.getString("display_name"), rs.getString("description"), rs.getString("service_name"),
                Arrays.asList(rs.getString("actions").split(",")), Sql.instant(rs, "created_at"),
                rs.getString("created_by"), Sql.instant(rs, "modified_at"), rs.getString("modified_by"),
                rs.getLong("version"));
    }
}
