package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Filter;
import java.util.Set;

/**
 * A key listing: the account (null: the caller's), whose keys, which kind, an optional filter, the order and the
 * page. {@code iamId} null means the caller's own keys in {@link Scope#ENTITY}, every identity's in
 * {@link Scope#ACCOUNT}; {@code type} null means user and service ID keys; {@code filter} null means none.
 */
public record ListApiKeys(String accountId, String iamId, Scope scope, ApiKeyQuery.KeyType type, Filter filter,
                          ApiKeyQuery.SortField sort, boolean descending, int offset, int limit) {

    /** The attributes a filter may name. */
    public static final Set<String> FILTER_ATTRIBUTES = Set.of("name", "description", "iam_id", "created_by");

    /** One identity's keys, or every key in the account. */
    public enum Scope { ENTITY, ACCOUNT }
}
