package dev.latchkey.store.resource;

import dev.latchkey.core.common.Page;
import dev.latchkey.core.resource.ResourceInstance;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.core.resource.ResourceState;
import dev.latchkey.core.resource.ResourceStore;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/** Resource instances in {@code resource_instances}, resource keys in {@code resource_keys}. Thread-safe. */
public final class JdbcResourceStore implements ResourceStore {
    private static final String INSTANCE_COLUMNS = "guid, account_id, name, service_name, plan_id, resource_group_id, "
            + "target, state, locked, last_operation, created_at, created_by, updated_at, updated_by, deleted_at, "
            + "deleted_by, plan_since, plan_set_by, version";
    private static final String KEY_COLUMNS = "guid, account_id, instance_guid, service_name, resource_group_id, "
            + "name, role_crn, service_id, service_id_owned, api_key_id, policy_id, state, created_at, created_by, "
            + "updated_at, updated_by, deleted_at, deleted_by, version";
    private static final RowMapper<ResourceInstance> INSTANCE = (rs, ctx) -> new ResourceInstance(rs.getString("guid"),
            rs.getString("account_id"), rs.getString("name"), rs.getString("service_name"), rs.getString("plan_id"),
            rs.getString("resource_group_id"), rs.getString("target"), ResourceState.fromWire(rs.getString("state")),
            rs.getBoolean("locked"), rs.getString("last_operation"), Sql.instant(rs, "created_at"),
            rs.getString("created_by"), Sql.instant(rs, "updated_at"), rs.getString("updated_by"),
            Sql.instant(rs, "deleted_at"), rs.getString("deleted_by"), Sql.instant(rs, "plan_since"),
            rs.getString("plan_set_by"), rs.getLong("version"));
    private static final RowMapper<ResourceKey> KEY = (rs, ctx) -> new ResourceKey(rs.getString("guid"),
            rs.getString("account_id"), rs.getString("instance_guid"), rs.getString("service_name"),
            rs.getString("resource_group_id"), rs.getString("name"), rs.getString("role_crn"),
            rs.getString("service_id"), rs.getBoolean("service_id_owned"), rs.getString("api_key_id"),
            rs.getString("policy_id"), ResourceState.fromWire(rs.getString("state")), Sql.instant(rs, "created_at"),
            rs.getString("created_by"), Sql.instant(rs, "updated_at"), rs.getString("updated_by"),
            Sql.instant(rs, "deleted_at"), rs.getString("deleted_by"), rs.getLong("version"));

    private final Jdbi jdbi;
    private final boolean postgres;

    /** @param postgres whether {@code jdbi} is PostgreSQL (else H2): the listings are written for each */
    public JdbcResourceStore(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    @Override
    public void insertInstance(ResourceInstance instance) {
        jdbi.useHandle(h -> bindInstance(h.createUpdate("INSERT INTO resource_instances (" + INSTANCE_COLUMNS
                + ") VALUES (:guid, :accountId, :name, :serviceName, :planId, :resourceGroupId, :target, :state, "
                + ":locked, :lastOperation, :createdAt, :createdBy, :updatedAt, :updatedBy, :deletedAt, :deletedBy, "
                + ":planSince, :planSetBy, :version)"), instance).execute());
    }

    @Override
    public Optional<ResourceInstance> findInstance(String guid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + INSTANCE_COLUMNS
                + " FROM resource_instances WHERE guid = :guid").bind("guid", guid).map(INSTANCE).findOne());
    }

    @Override
    public Optional<ResourceInstance> lockInstance(String guid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + INSTANCE_COLUMNS
                + " FROM resource_instances WHERE guid = :guid FOR UPDATE").bind("guid", guid).map(INSTANCE).findOne());
    }

    @Override
    public boolean updateInstance(ResourceInstance instance, long expectedVersion) {
        return jdbi.withHandle(h -> bindInstance(h.createUpdate("""
                UPDATE resource_instances SET name = :name, plan_id = :planId, plan_since = :planSince,
                    plan_set_by = :planSetBy, state = :state, locked = :locked,
                    last_operation = :lastOperation, updated_at = :updatedAt, updated_by = :updatedBy,
                    deleted_at = :deletedAt, deleted_by = :deletedBy, version = :version
                WHERE guid = :guid AND version = :expected"""), instance).bind("expected", expectedVersion)
                .execute()) == 1;
    }

    /** By offset, or after a position as a range of {@code resource_instances_by_account} (decision 0038). */
    @Override
    public Page<ResourceInstance> listInstances(InstanceQuery query) {
        if (query.states() != null && query.states().isEmpty()) {
            return new Page<>(List.of(), query.offset(), query.limit(), false);
        }
        KeysetSql.Statement statement = instanceListing(query, postgres);
        return page(jdbi.withHandle(h -> h.createQuery(statement.sql()).bindMap(statement.bindings()).map(INSTANCE)
                .list()), query.offset(), query.limit());
    }

    /**
     * The statement of the page of instances {@code query} asks for, as {@link KeysetSql} writes it: oldest first, by
     * guid among those made at the same time, read off {@code resource_instances_by_account} (V9) in order.
     */
    public static KeysetSql.Statement instanceListing(InstanceQuery query, boolean postgres) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder where = new StringBuilder("account_id = :accountId");
        bindings.put("accountId", query.accountId());
        equal(where, bindings, "guid", query.guid());
        equal(where, bindings, "name", query.name());
        equal(where, bindings, "service_name", query.serviceName());
        equal(where, bindings, "resource_group_id", query.resourceGroupId());
        equal(where, bindings, "plan_id", query.planId());
        if (query.states() != null) {
            where.append(" AND state IN (");
            for (int i = 0; i < query.states().size(); i++) {
                where.append(i == 0 ? ":state" : ", :state").append(i);
                bindings.put("state" + i, query.states().get(i).wire());
            }
            where.append(")");
        }
        return listing("resource_instances", INSTANCE_COLUMNS, where, bindings, query.after(), query.offset(),
                query.limit(), postgres);
    }

    @Override
    public void insertKey(ResourceKey key) {
        jdbi.useHandle(h -> bindKey(h.createUpdate("INSERT INTO resource_keys (" + KEY_COLUMNS + ") VALUES (:guid, "
                + ":accountId, :instanceGuid, :serviceName, :resourceGroupId, :name, :roleCrn, :serviceId, "
                + ":serviceIdOwned, :apiKeyId, :policyId, :state, :createdAt, :createdBy, :updatedAt, :updatedBy, "
                + ":deletedAt, :deletedBy, :version)"), key).execute());
    }

    @Override
    public Optional<ResourceKey> findKey(String guid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + KEY_COLUMNS + " FROM resource_keys WHERE guid = :guid")
                .bind("guid", guid).map(KEY).findOne());
    }

    @Override
    public boolean updateKey(ResourceKey key, long expectedVersion) {
        return jdbi.withHandle(h -> bindKey(h.createUpdate("""
                UPDATE resource_keys SET name = :name, state = :state, updated_at = :updatedAt,
                    updated_by = :updatedBy, deleted_at = :deletedAt, deleted_by = :deletedBy, version = :version
                WHERE guid = :guid AND version = :expected"""), key).bind("expected", expectedVersion).execute()) == 1;
    }

    /** By offset, or after a position as a range of {@code resource_keys_by_account} (decision 0038). */
    @Override
    public Page<ResourceKey> listKeys(KeyQuery query) {
        KeysetSql.Statement statement = keyListing(query, postgres);
        return page(jdbi.withHandle(h -> h.createQuery(statement.sql()).bindMap(statement.bindings()).map(KEY)
                .list()), query.offset(), query.limit());
    }

    /**
     * The statement of the page of active keys {@code query} asks for, as {@link KeysetSql} writes it: oldest first,
     * by guid among those made at the same time, read off {@code resource_keys_by_account} (V9) in order.
     */
    public static KeysetSql.Statement keyListing(KeyQuery query, boolean postgres) {
        Map<String, Object> bindings = new HashMap<>();
        StringBuilder where = new StringBuilder("account_id = :accountId AND state = 'active'");
        bindings.put("accountId", query.accountId());
        equal(where, bindings, "guid", query.guid());
        equal(where, bindings, "name", query.name());
        equal(where, bindings, "service_name", query.serviceName());
        equal(where, bindings, "resource_group_id", query.resourceGroupId());
        equal(where, bindings, "instance_guid", query.instanceGuid());
        return listing("resource_keys", KEY_COLUMNS, where, bindings, query.after(), query.offset(), query.limit(),
                postgres);
    }

    /** A listing of {@code table} by creation, then guid, off its index {@code <table>_by_account}. */
    private static KeysetSql.Statement listing(String table, String columns, CharSequence where,
                                               Map<String, Object> bindings, Position after, int offset, int limit,
                                               boolean postgres) {
        KeysetSql.Position position = after == null ? null
                : new KeysetSql.Position(Sql.time(after.createdAt()), after.guid());
        return KeysetSql.of(new KeysetSql.Listing(table, columns, where.toString(), bindings, List.of("account_id"),
                "created_at", false, "guid", false, offset, limit), position, postgres ? null : table + "_by_account");
    }

    @Override
    public List<ResourceKey> activeKeysOf(String instanceGuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + KEY_COLUMNS + " FROM resource_keys "
                        + "WHERE instance_guid = :instance AND state = 'active' ORDER BY created_at, guid")
                .bind("instance", instanceGuid).map(KEY).list());
    }

    @Override
    public Map<String, String> activeKeyCrnsByApiKey(Collection<String> apiKeyIds) {
        if (apiKeyIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> crns = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT " + KEY_COLUMNS + " FROM resource_keys "
                        + "WHERE api_key_id IN (<ids>) AND state = 'active'")
                .bindList("ids", List.copyOf(apiKeyIds)).map(KEY).forEach(key -> crns.put(key.apiKeyId(), key.crn())));
        return crns;
    }

    private static void equal(StringBuilder where, Map<String, Object> bindings, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            bindings.put(column, value);
        }
    }

    private static <T> Page<T> page(List<T> rows, int offset, int limit) {
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    private static Update bindInstance(Update update, ResourceInstance i) {
        return update.bind("guid", i.guid()).bind("accountId", i.accountId()).bind("name", i.name())
                .bind("serviceName", i.serviceName()).bind("planId", i.planId())
                .bind("resourceGroupId", i.resourceGroupId()).bind("target", i.target())
                .bind("state", i.state().wire()).bind("locked", i.locked()).bind("lastOperation", i.lastOperation())
                .bind("createdAt", Sql.time(i.createdAt())).bind("createdBy", i.createdBy())
                .bind("updatedAt", Sql.time(i.updatedAt())).bind("updatedBy", i.updatedBy())
                .bind("deletedAt", Sql.time(i.deletedAt())).bind("deletedBy", i.deletedBy())
                .bind("planSince", Sql.time(i.planSince())).bind("planSetBy", i.planSetBy())
                .bind("version", i.version());
    }

    private static Update bindKey(Update update, ResourceKey k) {
        return update.bind("guid", k.guid()).bind("accountId", k.accountId()).bind("instanceGuid", k.instanceGuid())
                .bind("serviceName", k.serviceName()).bind("resourceGroupId", k.resourceGroupId())
                .bind("name", k.name()).bind("roleCrn", k.roleCrn()).bind("serviceId", k.serviceId())
                .bind("serviceIdOwned", k.serviceIdOwned()).bind("apiKeyId", k.apiKeyId())
                .bind("policyId", k.policyId()).bind("state", k.state().wire())
                .bind("createdAt", Sql.time(k.createdAt())).bind("createdBy", k.createdBy())
                .bind("updatedAt", Sql.time(k.updatedAt())).bind("updatedBy", k.updatedBy())
                .bind("deletedAt", Sql.time(k.deletedAt())).bind("deletedBy", k.deletedBy())
                .bind("version", k.version());
    }
}
