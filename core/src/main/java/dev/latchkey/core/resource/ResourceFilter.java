package dev.latchkey.core.resource;

import java.util.List;

/**
 * A listing: optional exact-match filters and the page. {@code states} applies to instances only (the states
 * wanted; empty finds nothing); {@code instance} (a guid or CRN) to keys only.
 */
public record ResourceFilter(String guid, String name, String resourceId, String resourceGroupId, String planId,
                             List<ResourceState> states, String instance, int offset, int limit) {
}
