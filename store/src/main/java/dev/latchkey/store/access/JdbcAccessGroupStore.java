package dev.latchkey.store.access;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupMember;
import dev.latchkey.core.access.AccessGroupSettings;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.common.Page;
import dev.latchkey.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Access groups in {@code access_groups}, their members in {@code access_group_members} (removed with the group by
 * the foreign key's cascade), the account's group settings in {@code access_group_settings}. Thread-safe.
 */
public final class JdbcAccessGroupStore implements AccessGroupStore {
    private final Jdbi jdbi;

    public JdbcAccessGroupStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(AccessGroup group) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO access_groups (id, account_id, name, description, created_at, created_by,
                            modified_at, modified_by, version)
                        VALUES (:id, :account, :name, :description, :createdAt, :createdBy, :modifiedAt, :modifiedBy,
                            :version)""")
                .bind("id", group.id()).bind("account", group.accountId()).bind("name", group.name())
                .bind("description", group.description()).bind("createdAt", Sql.time(group.createdAt()))
                .bind("createdBy", group.createdBy()).bind("modifiedAt", Sql.time(group.modifiedAt()))
                .bind("modifiedBy", group.modifiedBy()).bind("version", group.version()).execute());
    }

    @Override
    public Optional<AccessGroup> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM access_groups WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> group(rs)).findOne());
    }

    @Override
    public boolean update(AccessGroup group, long expectedVersion) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE access_groups SET name = :name, description = :description, modified_at = :modifiedAt,
                            modified_by = :modifiedBy, version = :version
                        WHERE id = :id AND version = :expected""")
                .bind("name", group.name()).bind("description", group.description())
                .bind("modifiedAt", Sql.time(group.modifiedAt())).bind("modifiedBy", group.modifiedBy())
                .bind("version", group.version()).bind("id", group.id()).bind("expected", expectedVersion)
                .execute()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM access_groups WHERE id = :id").bind("id", id)
                .execute()) == 1;
    }

    @Override
    public List<AccessGroup> inAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM access_groups WHERE account_id = :account ORDER BY name, id")
                .bind("account", accountId).map((rs, ctx) -> group(rs)).list());
    }

    @Override
    public boolean addMember(AccessGroupMember member) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO access_group_members (group_id, account_id, iam_id, member_type, created_at,
                            created_by)
                        VALUES (:group, :account, :iamId, :type, :createdAt, :createdBy) ON CONFLICT DO NOTHING""")
                .bind("group", member.groupId()).bind("account", member.accountId()).bind("iamId", member.iamId())
                .bind("type", member.type().wire()).bind("createdAt", Sql.time(member.createdAt()))
                .bind("createdBy", member.createdBy()).execute()) == 1;
    }

    @Override
    public Optional<AccessGroupMember> member(String groupId, String iamId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM access_group_members WHERE group_id = :group AND iam_id = :iamId")
                .bind("group", groupId).bind("iamId", iamId).map((rs, ctx) -> member(rs)).findOne());
    }

    @Override
    public boolean removeMember(String groupId, String iamId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM access_group_members WHERE group_id = :group AND iam_id = :iamId")
                .bind("group", groupId).bind("iamId", iamId).execute()) == 1;
    }

    @Override
    public Page<AccessGroupMember> members(String groupId, AccessGroupMember.Type type, MemberSort sort, int offset,
                                           int limit) {
        String order = switch (sort) {
            case CREATED_AT -> "created_at, iam_id";
            case IAM_ID -> "iam_id";
            case TYPE -> "member_type, iam_id";
        };
        List<AccessGroupMember> rows = jdbi.withHandle(h -> h.createQuery("SELECT * FROM access_group_members"
                        + " WHERE group_id = :group" + (type == null ? "" : " AND member_type = :type")
                        + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .bind("group", groupId).bind("type", type == null ? null : type.wire()).bind("limit", limit + 1)
                .bind("offset", offset).map((rs, ctx) -> member(rs)).list());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    @Override
    public int memberCount(String groupId, AccessGroupMember.Type type) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM access_group_members WHERE group_id = :group"
                        + (type == null ? "" : " AND member_type = :type"))
                .bind("group", groupId).bind("type", type == null ? null : type.wire()).mapTo(Integer.class).one());
    }

    @Override
    public List<String> groupsOf(String accountId, String iamId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT group_id FROM access_group_members WHERE account_id = :account AND iam_id = :iamId
                        ORDER BY group_id""")
                .bind("account", accountId).bind("iamId", iamId).mapTo(String.class).list());
    }

    @Override
    public List<String> removeEverywhere(String accountId, String iamId) {
        return jdbi.inTransaction(h -> {
            List<String> groups = h.createQuery("""
                            SELECT group_id FROM access_group_members WHERE account_id = :account AND iam_id = :iamId
                            ORDER BY group_id""")
                    .bind("account", accountId).bind("iamId", iamId).mapTo(String.class).list();
            h.createUpdate("DELETE FROM access_group_members WHERE account_id = :account AND iam_id = :iamId")
                    .bind("account", accountId).bind("iamId", iamId).execute();
            return groups;
        });
    }

    @Override
    public Optional<AccessGroupSettings> settings(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM access_group_settings WHERE account_id = :account")
                .bind("account", accountId)
                .map((rs, ctx) -> new AccessGroupSettings(rs.getString("account_id"),
                        rs.getBoolean("public_access_enabled"), Sql.instant(rs, "modified_at"),
                        rs.getString("modified_by")))
                .findOne());
    }

    /** Insert-or-update without a race: the insert yields to a concurrent one, then the update wins in order. */
    @Override
    public void saveSettings(AccessGroupSettings settings) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO access_group_settings (account_id, public_access_enabled, modified_at, modified_by)
                            VALUES (:account, :enabled, :at, :by) ON CONFLICT DO NOTHING""")
                    .bind("account", settings.accountId()).bind("enabled", settings.publicAccessEnabled())
                    .bind("at", Sql.time(settings.modifiedAt())).bind("by", settings.modifiedBy()).execute();
            h.createUpdate("""
                            UPDATE access_group_settings SET public_access_enabled = :enabled, modified_at = :at,
                                modified_by = :by
                            WHERE account_id = :account""")
                    .bind("account", settings.accountId()).bind("enabled", settings.publicAccessEnabled())
                    .bind("at", Sql.time(settings.modifiedAt())).bind("by", settings.modifiedBy()).execute();
        });
    }

    private static AccessGroup group(ResultSet rs) throws SQLException {
        return new AccessGroup(rs.getString("id"), rs.getString("account_id"), rs.getString("name"),
                rs.getString("description"), Sql.instant(rs, "created_at"), rs.getString("created_by"),
                Sql.instant(rs, "modified_at"), rs.getString("modified_by"), rs.getLong("version"));
    }

    private static AccessGroupMember member(ResultSet rs) throws SQLException {
        return new AccessGroupMember(rs.getString("group_id"), rs.getString("account_id"), rs.getString("iam_id"),
                "service".equals(rs.getString("member_type")) ? AccessGroupMember.Type.SERVICE
                        : AccessGroupMember.Type.USER, Sql.instant(rs, "created_at"), rs.getString("created_by"));
    }
}
