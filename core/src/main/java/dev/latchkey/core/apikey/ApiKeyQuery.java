package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Filter;

/**
 * What a key listing asks the store for. {@code iamId} null means every identity in the account; {@code type}
 * null means both user and service ID keys; {@code filter} null means no filter.
 */
public record ApiKeyQuery(String accountId, String iamId, KeyType type, Filter filter, SortField sort,
                          boolean descending, int offset, int limit) {

    public enum KeyType { USER, SERVICEID }

    /** The sort fields IBM documents; the id breaks ties so pages are stable. */
    public enum SortField { NAME, DESCRIPTION, CREATED_AT, CREATED_BY }
}
