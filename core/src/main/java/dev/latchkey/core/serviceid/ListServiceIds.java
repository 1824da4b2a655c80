package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Filter;
import java.util.Set;

/**
 * A service ID listing: the account (null: the caller's), optionally an exact {@code name} and a {@code filter}
 * (null: none), the order and the page.
 */
public record ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                             boolean descending, int offset, int limit) {

    /** The attributes a filter may name. */
    public static final Set<String> FILTER_ATTRIBUTES = Set.of("name", "description");
}
