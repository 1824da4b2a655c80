package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.Filter;
import java.time.Instant;

/**
 * What a service ID listing asks the store for: one account, optionally an exact {@code name}, a SCIM
 * {@code filter} and a {@code groupId} (null means none: every group), sorted with the id breaking ties so pages
 * are stable. A page starts after {@code after} (keyset paging, decision 0038: the rows that follow that position in
 * this order, whatever their number) or, when it is null, at {@code offset} rows from the start.
 */
public record ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                             int offset, int limit, String groupId, After after) {

    /** A page by offset, as the console and the reports read. */
    public ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                          int offset, int limit, String groupId) {
        this(accountId, name, filter, sort, descending, offset, limit, groupId, null);
    }

    /** A page by offset over every group's service IDs. */
    public ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                          int offset, int limit) {
        this(accountId, name, filter, sort, descending, offset, limit, null, null);
    }

    /** The sort fields IBM documents for service IDs. */
    public enum SortField {
        NAME, DESCRIPTION, CREATED_AT, MODIFIED_AT;

        /**
         * The service ID's value of this field as a position carries it: the text, or for the two times the instant
         * in ISO-8601 ({@link Instant#toString()}); null only for a service ID without a description.
         */
        public String valueOf(ServiceId serviceId) {
            return switch (this) {
                case NAME -> serviceId.name();
                case DESCRIPTION -> serviceId.description();
                case CREATED_AT -> serviceId.createdAt().toString();
                case MODIFIED_AT -> serviceId.modifiedAt().toString();
            };
        }

        /** Whether this field is a time, which a position carries as an ISO-8601 instant. */
        public boolean isTime() {
            return this == CREATED_AT || this == MODIFIED_AT;
        }

        /** Whether {@code value} is one {@link #valueOf} could have made: for a time, an ISO-8601 instant. */
        public boolean canHold(String value) {
            return !isTime() || Fields.isInstant(value);
        }

        /** Whether service IDs may lack this field (null sorts last ascending, first descending). */
        public boolean nullable() {
            return this == DESCRIPTION;
        }
    }

    /**
     * The position a page continues from: the sort value ({@link SortField#valueOf}) and id of the last row of the
     * page before, in the query's order. The row itself need not exist any more.
     */
    public record After(String value, String id) {
        public static After of(SortField sort, ServiceId serviceId) {
            return new After(sort.valueOf(serviceId), serviceId.id());
        }
    }

    /** The same query from {@code position} (null: from the start, offset 0), in order {@code inDescendingOrder}. */
    public ServiceIdQuery seeking(After position, boolean inDescendingOrder, int count) {
        return new ServiceIdQuery(accountId, name, filter, sort, inDescendingOrder, 0, count, groupId, position);
    }
}
