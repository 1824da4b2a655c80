package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.store.FilterSql;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statement of a key listing ({@link ApiKeyQuery}) for H2 or PostgreSQL. Every order starts with the columns the
 * query fixes ({@code account_id}, and {@code iam_id} when given): the order is the same, and it lets both databases
 * read it straight off an index of V23 with no sort. A page after a position (keyset paging, decision 0038) is one
 * index range from the position on, or a union of such ranges, each limited to a page, that an outer sort puts in
 * order (at most three pages): for a nullable sort the rows without a value are a range of their own, as they sort
 * last ascending and first descending on both databases ({@code DEFAULT_NULL_ORDERING=HIGH} on H2). It selects one
 * row more than the page, to tell whether more follow.
 *
 * <p>The two databases need the position said differently to read it as an index range. PostgreSQL seeks a row
 * comparison, {@code (name, id) > (:value, :id)}, straight in the index; given the rows tied on the value as a range
 * of their own it may read them by the primary key instead. H2 reads a row comparison as a range on its first column
 * only, which would scan every key tied on the value before the position, so on H2 those ties ({@code name = :value
 * AND id > :id}) and the rest ({@code name > :value}) are two ranges. H2 also weighs an order only when it is
 * ascending and takes indexes that start with {@code account_id} as equally good, so on H2 each range names its index
 * ({@code USE INDEX}). The plan tests read both plans.
 */
public final class ApiKeyListSql {
    private static final Map<String, String> FILTER_COLUMNS = Map.of("name", "name", "description", "description",
            "iam_id", "iam_id", "created_by", "created_by");

    /** SQL with named parameters, and their values. */
    public record Statement(String sql, Map<String, Object> bindings) {
    }

    private ApiKeyListSql() {
    }

    /**
     * The statement that selects {@code columns} of the page {@code query} asks for; {@code h2} names the index of
     * each range, which H2 needs to pick it and PostgreSQL does not understand.
     */
    public static Statement of(ApiKeyQuery query, String columns, boolean h2) {
        StringBuilder where = new StringBuilder("account_id = :accountId");
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", query.accountId());
        if (query.iamId() != null) {
            where.append(" AND iam_id = :iamId");
            bindings.put("iamId", query.iamId());
        }
        if (query.type() != null) {
            where.append(query.type() == ApiKeyQuery.KeyType.SERVICEID ? " AND iam_id LIKE :svc" : " AND iam_id NOT LIKE :svc");
            bindings.put("svc", IamIds.SERVICE_ID_PREFIX + "%");
        }
        if (query.filter() != null) {
            where.append(" AND ").append(new FilterSql(FILTER_COLUMNS, bindings).render(query.filter()));
        }
        String column = column(query.sort());
        String table = "api_keys" + (h2 ? " USE INDEX (" + index(query) + ")" : "");
        String direction = query.descending() ? " DESC" : "";
        String order = "account_id" + direction + (query.iamId() != null ? ", iam_id" + direction : "") + ", "
                + column + direction + ", id" + direction;
        // The limit and offset are whole numbers written into the text, not bound: H2 2.3 reuses a union's earlier
        // result when only a LIMIT parameter of its branches changed (found by ApiKeyListingContract).
        String limit = " LIMIT " + (query.limit() + 1);
        if (query.after() == null) {
            return new Statement("SELECT " + columns + " FROM " + table + " WHERE " + where + " ORDER BY " + order
                    + limit + " OFFSET " + query.offset(), bindings);
        }
        List<String> ranges = ranges(query, column, bindings, h2);
        if (ranges.size() == 1) {
            return new Statement("SELECT " + columns + " FROM " + table + " WHERE " + where + " AND " + ranges.getFirst()
                    + " ORDER BY " + order + limit, bindings);
        }
        StringBuilder union = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            union.append(i == 0 ? "" : " UNION ALL ").append("(SELECT ").append(columns).append(", ").append(i)
                    .append(" AS branch FROM ").append(table).append(" WHERE ").append(where).append(" AND ").append(ranges.get(i))
                    .append(" ORDER BY ").append(order).append(limit).append(")");
        }
        return new Statement("SELECT " + columns + " FROM (" + union + ") page ORDER BY branch, " + column
                + direction + ", id" + direction + limit, bindings);
    }

    /** The conditions of the index ranges that follow the query's position, in order; binds the position. */
    private static List<String> ranges(ApiKeyQuery query, String column, Map<String, Object> bindings, boolean h2) {
        ApiKeyQuery.After after = query.after();
        String past = query.descending() ? " < " : " > ";
        bindings.put("afterId", after.id());
        if (after.value() == null) {
            if (!query.sort().nullable()) {
                throw new IllegalArgumentException("a position without a value for sort " + query.sort());
            }
            // Without a value: the others without one, then (descending) every key with one. ">= ''" holds for every
            // text and no NULL, and unlike IS NOT NULL both databases read it as an index range.
            return query.descending()
                    ? List.of(column + " IS NULL AND id < :afterId", column + " >= ''")
                    : List.of(column + " IS NULL AND id > :afterId");
        }
        bindings.put("afterValue", query.sort() == ApiKeyQuery.SortField.CREATED_AT
                ? Sql.time(Instant.parse(after.value())) : after.value());
        List<String> ranges = new ArrayList<>(h2
                ? List.of(column + " = :afterValue AND id" + past + ":afterId", column + past + ":afterValue")
                : List.of("(" + column + ", id)" + past + "(:afterValue, :afterId)"));
        if (query.sort().nullable() && !query.descending()) {
            ranges.add(column + " IS NULL");
        }
        return ranges;
    }

    /** The V23 index that serves the query's order: one identity's keys, or the account's by the sort field. */
    private static String index(ApiKeyQuery query) {
        return query.iamId() != null ? "api_keys_by_identity" : "api_keys_by_account_" + column(query.sort());
    }

    private static String column(ApiKeyQuery.SortField sort) {
        return switch (sort) {
            case NAME -> "name";
            case DESCRIPTION -> "description";
            case CREATED_AT -> "created_at";
            case CREATED_BY -> "created_by";
        };
    }
}
