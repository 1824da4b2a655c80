package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Filter;
import java.util.Set;

/**
 * A key listing: the account (null: the caller's), whose keys, which kind, an optional filter, the order and the
 * page. {@code iamId} null means the caller's own keys in {@link Scope#ENTITY}, every identity's in
 * {@link Scope#ACCOUNT}; {@code type} null means user and service ID keys; {@code filter} null means none. The page
 * is the {@code limit} keys after {@code after} (keyset paging; {@code offset} is then only what the caller says the
 * page's offset is), or with {@code before} the {@code limit} keys before it, or, when {@code after} is null, the
 * keys at {@code offset}.
 */
public record ListApiKeys(String accountId, String iamId, Scope scope, ApiKeyQuery.KeyType type, Filter filter,
                          ApiKeyQuery.SortField sort, boolean descending, int offset, int limit,
                          ApiKeyQuery.After after, boolean before) {

    /** The attributes a filter may name. */
    public static final Set<String> FILTER_ATTRIBUTES = Set.of("name", "description", "iam_id", "created_by");

    /** A page by offset. */
    public ListApiKeys(String accountId, String iamId, Scope scope, ApiKeyQuery.KeyType type, Filter filter,
                       ApiKeyQuery.SortField sort, boolean descending, int offset, int limit) {
        this(accountId, iamId, scope, type, filter, sort, descending, offset, limit, null, false);
    }

    /** One identity's keys, or every key in the account. */
    public enum Scope { ENTITY, ACCOUNT }
}
