package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Filter;
import java.util.Set;

/**
 * A service ID listing: the account (null: the caller's), optionally an exact {@code name}, a {@code filter} and a
 * {@code groupId} (null: none; a group narrows the listing to its service IDs), the order and the page.
 */
public record ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                             boolean descending, int offset, int limit, String groupId) {

    /** A listing of every group's service IDs. */
    public ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                          boolean descending, int offset, int limit) {
        this(accountId, name, filter, sort, descending, offset, limit, null);
    }

    /** The attributes a filter may name. */
    public static final Set<String> FILTER_ATTRIBUTES = Set.of("name", "description");
}
