package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.store.FilterSql;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statement of a key listing ({@link ApiKeyQuery}) for H2 or PostgreSQL, as {@link KeysetSql} writes it: every
 * order starts with the columns the query fixes ({@code account_id}, and {@code iam_id} when given), so both
 * databases read it straight off an index of V23 with no sort, at any depth.
 */
public final class ApiKeyListSql {
    private static final Map<String, String> FILTER_COLUMNS = Map.of("name", "name", "description", "description",
            "iam_id", "iam_id", "created_by", "created_by");

    private ApiKeyListSql() {
    }

    /**
     * The statement that selects {@code columns} of the page {@code query} asks for; {@code h2} names the index of
     * each range, which H2 needs to pick it and PostgreSQL does not understand.
     */
    public static KeysetSql.Statement of(ApiKeyQuery query, String columns, boolean h2) {
        StringBuilder where = new StringBuilder("account_id = :accountId");
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", query.accountId());
        List<String> fixed = new ArrayList<>(List.of("account_id"));
        if (query.iamId() != null) {
            where.append(" AND iam_id = :iamId");
            bindings.put("iamId", query.iamId());
            fixed.add("iam_id");
        }
        if (query.type() != null) {
            where.append(query.type() == ApiKeyQuery.KeyType.SERVICEID ? " AND iam_id LIKE :svc" : " AND iam_id NOT LIKE :svc");
            bindings.put("svc", IamIds.SERVICE_ID_PREFIX + "%");
        }
        if (query.filter() != null) {
            where.append(" AND ").append(new FilterSql(FILTER_COLUMNS, bindings).render(query.filter()));
        }
        ApiKeyQuery.After after = query.after();
        KeysetSql.Position position = after == null ? null : new KeysetSql.Position(value(query.sort(), after.value(),
                !h2), after.id());
        return KeysetSql.of(new KeysetSql.Listing("api_keys", columns, where.toString(), bindings, fixed,
                column(query.sort()), query.sort().nullable(), query.descending(), query.offset(), query.limit()),
                position, h2 ? index(query) : null);
    }

    /** A position's sort value as the column holds it: a time as a timestamp, a description's ordering prefix. */
    private static Object value(ApiKeyQuery.SortField sort, String value, boolean postgres) {
        return switch (sort) {
            case CREATED_AT -> value == null ? null : Sql.time(Instant.parse(value));
            case DESCRIPTION -> KeysetSql.descriptionOrder(value, postgres);
            case NAME, CREATED_BY -> value;
        };
    }

    /** The index that serves the query's order (V23, V32): one identity's keys, or the account's by the sort field. */
    private static String index(ApiKeyQuery query) {
        if (query.iamId() != null) {
            return "api_keys_by_identity";
        }
        return "api_keys_by_account_" + switch (query.sort()) {
            case NAME -> "name";
            case DESCRIPTION -> "description";
            case CREATED_AT -> "created_at";
            case CREATED_BY -> "created_by";
        };
    }

    /** The column a listing orders by: a description by the first characters the database keeps of it (V32). */
    private static String column(ApiKeyQuery.SortField sort) {
        return switch (sort) {
            case NAME -> "name";
            case DESCRIPTION -> "description_order";
            case CREATED_AT -> "created_at";
            case CREATED_BY -> "created_by";
        };
    }
}
