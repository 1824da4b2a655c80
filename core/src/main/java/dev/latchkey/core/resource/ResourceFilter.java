package dev.latchkey.core.resource;

/**
 * A listing request as the client sent it: optional exact-match filters and the page. {@code state} applies to
 * instances only (null: active ones); {@code instance} (a guid or CRN) to keys only.
 */
public record ResourceFilter(String guid, String name, String resourceId, String resourceGroupId, String planId,
                             String state, String instance, int offset, int limit) {
}
