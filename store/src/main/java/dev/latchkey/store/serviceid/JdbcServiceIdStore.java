package dev.latchkey.store.serviceid;

import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.FilterSql;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Service IDs in {@code service_ids} (with the group each names, {@code group_id}), their unique instance CRNs (in
 * the order sent) in {@code service_id_crns} and their history in {@code service_id_history}. Thread-safe.
 */
public final class JdbcServiceIdStore implements ServiceIdStore {
    /** Change-feed topic: {@code serviceid:<id>} evicts one cached service ID on every node. */
    public static final String TOPIC = "serviceid";
    private static final String COLUMNS = "id, iam_id, account_id, name, description, locked, created_at, "
            + "modified_at, created_by, version, group_id";
    private static final String FIND_WITH_CRNS = "SELECT " + COLUMNS.replaceAll("(\\w+)", "s.$1")
            + ", c.crn FROM service_ids s LEFT JOIN service_id_crns c ON c.service_id = s.id WHERE s.id = :id "
            + "ORDER BY c.position";
    private static final RowMapper<Row> ROW = (rs, ctx) -> new Row(rs.getString("id"), rs.getString("iam_id"),
            rs.getString("account_id"), rs.getString("name"), rs.getString("description"), rs.getBoolean("locked"),
            Sql.instant(rs, "created_at"), Sql.instant(rs, "modified_at"), rs.getString("created_by"),
            rs.getLong("version"), rs.getString("group_id"));
    private static final RowMapper<HistoryEntry> HISTORY = (rs, ctx) -> new HistoryEntry(Sql.instant(rs, "at"),
            rs.getString("iam_id"), rs.getString("iam_id_account"), rs.getString("action"),
            Arrays.stream(rs.getString("params").split(",")).filter(s -> !s.isEmpty()).toList(),
            rs.getString("message"));
    private static final Map<String, String> FILTER_COLUMNS = Map.of("name", "name", "description", "description");

    private final Jdbi jdbi;
    private final ChangeFeed changes;
    private final boolean postgres;

    /** {@code postgres}: the database is PostgreSQL ({@code Database.isPostgres}), otherwise H2. */
    public JdbcServiceIdStore(Jdbi jdbi, ChangeFeed changes, boolean postgres) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.postgres = postgres;
    }

    private record Row(String id, String iamId, String accountId, String name, String description, boolean locked,
                       Instant createdAt, Instant modifiedAt, String createdBy, long version, String groupId) {
        ServiceId with(List<String> crns) {
            return new ServiceId(id, iamId, accountId, name, description, crns, locked, createdAt, modifiedAt,
                    createdBy, version, groupId);
        }
    }

    @Override
    public void insert(ServiceId s, HistoryEntry entry) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO service_ids (" + COLUMNS + ") VALUES (:id, :iamId, :accountId, :name, "
                            + ":description, :locked, :createdAt, :modifiedAt, :createdBy, :version, :groupId)")
                    .bind("id", s.id()).bind("iamId", s.iamId()).bind("accountId", s.accountId())
                    .bind("name", s.name()).bind("description", s.description()).bind("locked", s.locked())
                    .bind("createdAt", Sql.time(s.createdAt())).bind("modifiedAt", Sql.time(s.modifiedAt()))
                    .bind("createdBy", s.createdBy()).bind("version", s.version()).bind("groupId", s.groupId())
                    .execute();
            insertCrns(h, s);
            insertHistory(h, s.id(), entry);
        });
    }

    @Override
    public Optional<ServiceId> find(String id) {
        // One round trip, the row with its CRNs in order: the token path reads this on every cache miss (decision
        // 0039). A service ID without CRNs is one row with a null crn.
        List<Map.Entry<Row, Optional<String>>> rows = jdbi.withHandle(h -> h.createQuery(FIND_WITH_CRNS)
                .bind("id", id).map((rs, ctx) -> Map.entry(ROW.map(rs, ctx), Optional.ofNullable(rs.getString("crn"))))
                .list());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rows.get(0).getKey().with(rows.stream().map(Map.Entry::getValue).flatMap(Optional::stream)
                .toList()));
    }

    @Override
    public boolean update(ServiceId s, long expectedVersion, HistoryEntry entry) {
        return jdbi.inTransaction(h -> {
            int rows = h.createUpdate("""
                    UPDATE service_ids SET name = :name, description = :description, locked = :locked,
                        modified_at = :modifiedAt, version = :version, group_id = :groupId
                    WHERE id = :id AND version = :expected""")
                    .bind("name", s.name()).bind("description", s.description()).bind("locked", s.locked())
                    .bind("modifiedAt", Sql.time(s.modifiedAt())).bind("version", s.version()).bind("id", s.id())
                    .bind("groupId", s.groupId()).bind("expected", expectedVersion).execute();
            if (rows == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM service_id_crns WHERE service_id = :id").bind("id", s.id()).execute();
            insertCrns(h, s);
            insertHistory(h, s.id(), entry);
            changes.publish(h, TOPIC, s.id());
            return true;
        });
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            boolean deleted = h.createUpdate("DELETE FROM service_ids WHERE id = :id AND version = :expected")
                    .bind("id", id).bind("expected", expectedVersion).execute() == 1;
            if (deleted) {
                changes.publish(h, TOPIC, id);
            }
            return deleted;
        });
    }

    /**
     * One statement for the page ({@link #listing}) and one for its CRNs: by offset, or after a position as an index
     * range of V32 read in order at any depth (decision 0038).
     */
    @Override
    public Page<ServiceId> list(ServiceIdQuery query) {
        KeysetSql.Statement statement = listing(query, postgres);
        List<ServiceId> rows = jdbi.withHandle(h -> load(h, h.createQuery(statement.sql())
                .bindMap(statement.bindings()).map(ROW).list()));
        boolean more = rows.size() > query.limit();
        int offset = query.after() == null ? query.offset() : 0;
        return new Page<>(more ? rows.subList(0, query.limit()) : rows, offset, query.limit(), more);
    }

    /**
     * The statement of the page {@code query} asks for, its rows without their CRNs, as {@link KeysetSql} writes it:
     * every order starts with {@code account_id}, so both databases read it straight off an index of V32 with no sort.
     */
    public static KeysetSql.Statement listing(ServiceIdQuery query, boolean postgres) {
        StringBuilder where = new StringBuilder("account_id = :accountId");
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", query.accountId());
        if (query.name() != null) {
            where.append(" AND name = :name");
            bindings.put("name", query.name());
        }
        if (query.groupId() != null) {
            where.append(" AND group_id = :groupId");
            bindings.put("groupId", query.groupId());
        }
        if (query.filter() != null) {
            where.append(" AND ").append(new FilterSql(FILTER_COLUMNS, bindings).render(query.filter()));
        }
        ServiceIdQuery.After after = query.after();
        KeysetSql.Position position = after == null ? null
                : new KeysetSql.Position(value(query.sort(), after.value(), postgres), after.id());
        return KeysetSql.of(new KeysetSql.Listing("service_ids", COLUMNS, where.toString(), bindings,
                List.of("account_id"), column(query.sort()), query.sort().nullable(), query.descending(),
                query.offset(), query.limit()), position, postgres ? null : index(query.sort()));
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM service_id_history WHERE service_id = :id ORDER BY seq")
                .bind("id", id).map(HISTORY).list());
    }

    /** Adds each row's CRNs with one more query for the whole page. */
    private static List<ServiceId> load(Handle h, List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> crns = new LinkedHashMap<>();
        rows.forEach(row -> crns.put(row.id(), new ArrayList<>()));
        h.createQuery("SELECT service_id, crn FROM service_id_crns WHERE service_id IN (<ids>) "
                        + "ORDER BY service_id, position")
                .bindList("ids", List.copyOf(crns.keySet()))
                .map((rs, ctx) -> Map.entry(rs.getString("service_id"), rs.getString("crn")))
                .forEach(e -> crns.get(e.getKey()).add(e.getValue()));
        return rows.stream().map(row -> row.with(crns.get(row.id()))).toList();
    }

    private static void insertCrns(Handle h, ServiceId s) {
        if (s.uniqueInstanceCrns().isEmpty()) {
            return;
        }
        var batch = h.prepareBatch("INSERT INTO service_id_crns (service_id, position, crn) VALUES (:id, :position, :crn)");
        int position = 0;
        for (String crn : s.uniqueInstanceCrns()) {
            batch.bind("id", s.id()).bind("position", position++).bind("crn", crn).add();
        }
        batch.execute();
    }

    private static void insertHistory(Handle h, String id, HistoryEntry entry) {
        h.createUpdate("""
                        INSERT INTO service_id_history (service_id, at, iam_id, iam_id_account, action, params, message)
                        VALUES (:id, :at, :iamId, :account, :action, :params, :message)""")
                .bind("id", id).bind("at", Sql.time(entry.timestamp())).bind("iamId", entry.iamId())
                .bind("account", entry.iamIdAccount()).bind("action", entry.action())
                .bind("params", String.join(",", entry.params())).bind("message", entry.message()).execute();
    }

    /** A position's sort value as the column holds it: a time as a timestamp, a description's ordering prefix. */
    private static Object value(ServiceIdQuery.SortField sort, String value, boolean postgres) {
        return switch (sort) {
            case CREATED_AT, MODIFIED_AT -> value == null ? null : Sql.time(Instant.parse(value));
            case DESCRIPTION -> KeysetSql.descriptionOrder(value, postgres);
            case NAME -> value;
        };
    }

    /** The V32 index that serves the listing's order, which H2 is told to use. */
    private static String index(ServiceIdQuery.SortField sort) {
        return "service_ids_by_account_" + switch (sort) {
            case NAME -> "name";
            case DESCRIPTION -> "description";
            case CREATED_AT -> "created_at";
            case MODIFIED_AT -> "modified_at";
        };
    }

    /** The column a listing orders by: a description by the first characters the database keeps of it (V32). */
    private static String column(ServiceIdQuery.SortField sort) {
        return switch (sort) {
            case NAME -> "name";
            case DESCRIPTION -> "description_order";
            case CREATED_AT -> "created_at";
            case MODIFIED_AT -> "modified_at";
        };
    }
}
