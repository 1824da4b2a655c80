package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Filter;

/**
 * What a service ID listing asks the store for: one account, optionally an exact {@code name} and a SCIM
 * {@code filter} (null means none), sorted with the id breaking ties so pages are stable.
 */
public record ServiceIdQuery(String accountId, String name, Filter filter, SortField sort, boolean descending,
                             int offset, int limit) {

    /** The sort fields IBM documents for service IDs. */
    public enum SortField { NAME, DESCRIPTION, CREATED_AT, MODIFIED_AT }
}
