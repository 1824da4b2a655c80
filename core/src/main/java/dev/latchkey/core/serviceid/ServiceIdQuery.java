package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Filter;

/**
 * What a service ID listing asks the store for: one account, optionally an exact {@code name}, a SCIM
 * {@code filter} and a {@code groupId} (null means none: every group), sorted with the id breaking ties so pages
 * are stable.
 */
public record ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                             int offset, int limit, String groupId) {

    /** A query over every group's service IDs. */
    public ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                          int offset, int limit) {
        this(accountId, name, filter, sort, descending, offset, limit, null);
    }

    /** The sort fields IBM documents for service IDs. */
    public enum SortField { NAME, DESCRIPTION, CREATED_AT, MODIFIED_AT }
}
