package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Filter;
import java.util.Set;

/**
 * A service ID listing: the account (null: the caller's), optionally an exact {@code name}, a {@code filter} and a
 * {@code groupId} (null: none; a group narrows the listing to its service IDs), the order and the page. The page is
 * the {@code limit} service IDs after {@code after} (keyset paging; {@code offset} is then only what the caller says
 * the page's offset is), or with {@code before} the {@code limit} before it, or, when {@code after} is null, the
 * page at {@code offset}.
 */
public record ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                             boolean descending, int offset, int limit, String groupId, ServiceIdQuery.After after,
                             boolean before) {

    /** A listing by offset. */
    public ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                          boolean descending, int offset, int limit, String groupId) {
        this(accountId, name, filter, sort, descending, offset, limit, groupId, null, false);
    }

    /** A listing by offset of every group's service IDs. */
    public ListServiceIds(String accountId, String name, Filter filter, ServiceIdQuery.SortField sort,
                          boolean descending, int offset, int limit) {
        this(accountId, name, filter, sort, descending, offset, limit, null);
    }

    /** The attributes a filter may name. */
    public static final Set<String> FILTER_ATTRIBUTES = Set.of("name", "description");
}
