package dev.latchkey.store;

import dev.latchkey.core.common.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The statement of one page of a listing on H2 or PostgreSQL, by offset or after a position (keyset paging, decision
 * 0038). Every order starts with the columns the listing fixes (the account, say) and ends with the id that breaks
 * ties (a listing without an {@code id} column names its own unique key instead, {@code iam_id} for an account's
 * members): the order is the same, and it lets both databases read it straight off an index of those columns, the sort
 * column and the id, with no sort. A page after a position is one index range from the position on, or a union of
 * such ranges, each limited to a page, that an outer sort puts in order (at most three pages): for a nullable sort
 * the rows without a value are a range of their own, as they sort last ascending and first descending on both
 * databases ({@code DEFAULT_NULL_ORDERING=HIGH} on H2). It selects one row more than the page, to tell whether more
 * follow.
 *
 * <p>The two databases need the position said differently to read it as an index range. PostgreSQL seeks a row
 * comparison, {@code (name, id) > (:value, :id)}, straight in the index; given the rows tied on the value as a range
 * of their own it may read them by the primary key instead. H2 reads a row comparison as a range on its first column
 * only, which would scan every row tied on the value before the position, so on H2 those ties ({@code name = :value
 * AND id > :id}) and the rest ({@code name > :value}) are two ranges. H2 also weighs an order only when it is
 * ascending and takes indexes that start with the same columns as equally good, so on H2 each range names its index
 * ({@code USE INDEX}). The plan tests read both plans.
 */
public final class KeysetSql {
    /** SQL with named parameters, and their values. */
    public record Statement(String sql, Map<String, Object> bindings) {
    }

    /**
     * A listing: {@code columns} of {@code table} where {@code where} holds (its parameters in {@code bindings}, to
     * which the position's are added), in the order of the {@code fixed} columns (which {@code where} sets to one
     * value each), then {@code column} (nullable or not), then {@code key} (unique once the fixed columns are set),
     * all {@code descending} or not; {@code limit} rows from {@code offset} (a page by offset) or after a position.
     */
    public record Listing(String table, String columns, String where, Map<String, Object> bindings, List<String> fixed,
                          String column, boolean nullable, String key, boolean descending, int offset, int limit) {
        /** A listing whose rows' {@code id} breaks ties. */
        public Listing(String table, String columns, String where, Map<String, Object> bindings, List<String> fixed,
                       String column, boolean nullable, boolean descending, int offset, int limit) {
            this(table, columns, where, bindings, fixed, column, nullable, "id", descending, offset, limit);
        }
    }

    /**
     * Where a page continues from: the sort value of the row before it, as the database holds it (a timestamp as
     * {@link Sql#time}), null when that row has none, and its id (its {@link Listing#key}).
     */
    public record Position(Object value, String id) {
    }

    private KeysetSql() {
    }

    /**
     * A description as its listings order it, the value of {@code description_order} (V32), counted as the database
     * counts characters: PostgreSQL in code points ({@link Fields#descriptionOrder}), H2 in UTF-16 units, as Java
     * does.
     */
    public static String descriptionOrder(String description, boolean postgres) {
        if (postgres || description == null || description.length() <= Fields.DESCRIPTION_ORDER_LENGTH) {
            return Fields.descriptionOrder(description);
        }
        return description.substring(0, Fields.DESCRIPTION_ORDER_LENGTH);
    }

    /**
     * The statement of the page of {@code listing} after {@code position} (null: by offset). {@code h2Index} is the
     * index that serves the order, named on H2 (which needs it to pick it) and null on PostgreSQL (which does not
     * understand it).
     */
    public static Statement of(Listing listing, Position position, String h2Index) {
        String columns = listing.columns();
        String table = listing.table() + (h2Index != null ? " USE INDEX (" + h2Index + ")" : "");
        String direction = listing.descending() ? " DESC" : "";
        StringBuilder order = new StringBuilder();
        for (String fixed : listing.fixed()) {
            order.append(fixed).append(direction).append(", ");
        }
        String key = listing.key();
        order.append(listing.column()).append(direction).append(", ").append(key).append(direction);
        // The limit and offset are whole numbers written into the text, not bound: H2 2.3 reuses a union's earlier
        // result when only a LIMIT parameter of its branches changed (found by ApiKeyListingContract).
        String limit = " LIMIT " + (listing.limit() + 1);
        String where = listing.where();
        if (position == null) {
            return new Statement("SELECT " + columns + " FROM " + table + " WHERE " + where + " ORDER BY " + order
                    + limit + " OFFSET " + listing.offset(), listing.bindings());
        }
        List<String> ranges = ranges(listing, position, h2Index != null);
        if (ranges.size() == 1) {
            return new Statement("SELECT " + columns + " FROM " + table + " WHERE " + where + " AND "
                    + ranges.getFirst() + " ORDER BY " + order + limit, listing.bindings());
        }
        // Each branch carries its sort value as sort_value, which the outer sort orders by: the sort column need not
        // be one of the columns selected (description_order is not).
        StringBuilder union = new StringBuilder();
        for (int i = 0; i < ranges.size(); i++) {
            union.append(i == 0 ? "" : " UNION ALL ").append("(SELECT ").append(columns).append(", ")
                    .append(listing.column()).append(" AS sort_value, ").append(i).append(" AS branch FROM ")
                    .append(table).append(" WHERE ").append(where).append(" AND ").append(ranges.get(i))
                    .append(" ORDER BY ").append(order).append(limit).append(")");
        }
        return new Statement("SELECT " + columns + " FROM (" + union + ") page ORDER BY branch, sort_value" + direction
                + ", " + key + direction + limit, listing.bindings());
    }

    /** The conditions of the index ranges that follow the position, in order; binds the position. */
    private static List<String> ranges(Listing listing, Position position, boolean h2) {
        String column = listing.column();
        String key = listing.key();
        boolean descending = listing.descending();
        String past = descending ? " < " : " > ";
        Map<String, Object> bindings = listing.bindings();
        bindings.put("afterId", position.id());
        if (position.value() == null) {
            if (!listing.nullable()) {
                throw new IllegalArgumentException("a position without a value for column " + column);
            }
            // Without a value: the others without one, then (descending) every row with one. ">= ''" holds for every
            // text and no NULL, and unlike IS NOT NULL both databases read it as an index range.
            return descending
                    ? List.of(column + " IS NULL AND " + key + " < :afterId", column + " >= ''")
                    : List.of(column + " IS NULL AND " + key + " > :afterId");
        }
        bindings.put("afterValue", position.value());
        List<String> ranges = new ArrayList<>(h2
                ? List.of(column + " = :afterValue AND " + key + past + ":afterId", column + past + ":afterValue")
                : List.of("(" + column + ", " + key + ")" + past + "(:afterValue, :afterId)"));
        if (listing.nullable() && !descending) {
            ranges.add(column + " IS NULL");
        }
        return ranges;
    }
}
