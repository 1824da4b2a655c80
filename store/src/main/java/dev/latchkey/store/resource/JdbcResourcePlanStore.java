package dev.latchkey.store.resource;

import dev.latchkey.core.common.Page;
import dev.latchkey.core.resource.ResourcePlan;
import dev.latchkey.core.resource.ResourcePlanStore;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The plans registered in accounts, in {@code resource_plans} (migration V28). A duplicate id inserts nothing
 * ({@code ON CONFLICT DO NOTHING}, which H2 accepts in PostgreSQL mode). Thread-safe.
 */
public final class JdbcResourcePlanStore implements ResourcePlanStore {
    private static final String COLUMNS = "account_id, id, service_name, name, created_at, created_by";
    private static final RowMapper<ResourcePlan> PLAN = (rs, ctx) -> new ResourcePlan(rs.getString("id"),
            rs.getString("account_id"), rs.getString("service_name"), rs.getString("name"),
            Sql.instant(rs, "created_at"), rs.getString("created_by"));

    private final Jdbi jdbi;

    public JdbcResourcePlanStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insert(ResourcePlan plan) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO resource_plans (" + COLUMNS + ") VALUES (:accountId, "
                        + ":id, :serviceName, :name, :createdAt, :createdBy) ON CONFLICT DO NOTHING")
                .bind("accountId", plan.accountId()).bind("id", plan.id()).bind("serviceName", plan.serviceName())
                .bind("name", plan.name()).bind("createdAt", Sql.time(plan.createdAt()))
                .bind("createdBy", plan.createdBy()).execute()) == 1;
    }

    @Override
    public Optional<ResourcePlan> find(String accountId, String id) {
        return select(accountId, id, "");
    }

    @Override
    public Optional<ResourcePlan> lock(String accountId, String id) {
        return select(accountId, id, " FOR UPDATE");
    }

    private Optional<ResourcePlan> select(String accountId, String id, String suffix) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM resource_plans "
                        + "WHERE account_id = :accountId AND id = :id" + suffix)
                .bind("accountId", accountId).bind("id", id).map(PLAN).findOne());
    }

    @Override
    public Page<ResourcePlan> list(Query query) {
        String service = query.serviceName() == null ? "" : " AND service_name = :service";
        List<ResourcePlan> rows = jdbi.withHandle(h -> {
            var statement = h.createQuery("SELECT " + COLUMNS + " FROM resource_plans WHERE account_id = :accountId"
                            + service + " ORDER BY created_at, id LIMIT :limit OFFSET :offset")
                    .bind("accountId", query.accountId()).bind("limit", query.limit() + 1)
                    .bind("offset", query.offset());
            if (query.serviceName() != null) {
                statement.bind("service", query.serviceName());
            }
            return statement.map(PLAN).list();
        });
        boolean more = rows.size() > query.limit();
        return new Page<>(more ? rows.subList(0, query.limit()) : rows, query.offset(), query.limit(), more);
    }

    @Override
    public boolean delete(String accountId, String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM resource_plans WHERE account_id = :accountId AND id = :id")
                .bind("accountId", accountId).bind("id", id).execute()) == 1;
    }
}
