package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.Filter;

/**
 * What a key listing asks the store for. {@code iamId} null means every identity in the account; {@code type}
 * null means both user and service ID keys; {@code filter} null means no filter. A page starts after {@code after}
 * (keyset paging: the rows that follow that position in this order, whatever their number) or, when it is null,
 * at {@code offset} rows from the start.
 */
public record ApiKeyQuery(String accountId, String iamId, KeyType type, Filter filter, SortField sort,
                          boolean descending, int offset, int limit, After after) {

    /** A page by offset, as the console's numbered pages and the reports read. */
    public ApiKeyQuery(String accountId, String iamId, KeyType type, Filter filter, SortField sort, boolean descending,
                       int offset, int limit) {
        this(accountId, iamId, type, filter, sort, descending, offset, limit, null);
    }

    public enum KeyType { USER, SERVICEID }

    /** The sort fields IBM documents; the id breaks ties so pages are stable. */
    public enum SortField {
        NAME, DESCRIPTION, CREATED_AT, CREATED_BY;

        /**
         * The key's value of this field as a position carries it: the text, or for {@link #CREATED_AT} the instant
         * in ISO-8601 ({@link java.time.Instant#toString()}); null only for a key without a description.
         */
        public String valueOf(ApiKey key) {
            return switch (this) {
                case NAME -> key.name();
                case DESCRIPTION -> key.description();
                case CREATED_AT -> key.createdAt().toString();
                case CREATED_BY -> key.createdBy();
            };
        }

        /** Whether {@code value} is one {@link #valueOf} could have made: for {@link #CREATED_AT} an ISO-8601 instant. */
        public boolean canHold(String value) {
            return this != CREATED_AT || Fields.isInstant(value);
        }

        /** Whether keys may lack this field (null sorts last ascending, first descending, as PostgreSQL sorts it). */
        public boolean nullable() {
            return this == DESCRIPTION;
        }
    }

    /**
     * The position a page continues from: the sort value ({@link SortField#valueOf}) and id of the last row of the
     * page before, in the query's order. The row itself need not exist any more.
     */
    public record After(String value, String id) {
        public static After of(SortField sort, ApiKey key) {
            return new After(sort.valueOf(key), key.id());
        }
    }

    /** The same query from {@code after} (null: from the start, offset 0), in the order {@code descending}. */
    public ApiKeyQuery seeking(After position, boolean inDescendingOrder, int count) {
        return new ApiKeyQuery(accountId, iamId, type, filter, sort, inDescendingOrder, 0, count, position);
    }
}
