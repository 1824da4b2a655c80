package dev.latchkey.core.resource;

import java.util.List;

/**
 * A listing: optional exact-match filters and the page. {@code states} applies to instances only (the states
 * wanted; empty finds nothing); {@code instance} (a guid or CRN) to keys only. The page starts after {@code after}
 * (keyset paging, decision 0038), answered as the page at {@code offset}, or, when that is null, at {@code offset}.
 */
public record ResourceFilter(String guid, String name, String resourceId, String resourceGroupId, String planId,
                             List<ResourceState> states, String instance, int offset, int limit,
                             ResourceStore.Position after) {

    /** A page by offset, as the console's numbered pages read. */
    public ResourceFilter(String guid, String name, String resourceId, String resourceGroupId, String planId,
                          List<ResourceState> states, String instance, int offset, int limit) {
        this(guid, name, resourceId, resourceGroupId, planId, states, instance, offset, limit, null);
    }
}
