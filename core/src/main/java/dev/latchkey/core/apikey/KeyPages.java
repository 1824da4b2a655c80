package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Page;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads one page of a key listing from a store: by offset, or by position (keyset paging, decision 0038), forwards
 * after a position or backwards before it. Each read asks the store for the rows that follow a position, so a deep
 * page costs what the first one does. Stateless.
 */
final class KeyPages {
    private KeyPages() {
    }

    /**
     * The page {@code request} asks for, read with {@code read} from {@code query} (its order and limit). A page
     * before a position that reaches the start becomes the first page (offset 0), as many rows as a page holds.
     */
    static Page<ApiKey> page(ListApiKeys request, ApiKeyQuery query, Function<ApiKeyQuery, Page<ApiKey>> read) {
        if (request.after() == null) {
            return read.apply(query);
        }
        return Keyset.page(request.after(), request.before(), request.offset(), query.limit(), query.descending(),
                (position, descending) -> read.apply(query.seeking(position, descending, query.limit())));
    }

    /**
     * The page of {@code query} among the keys {@code allowed} keeps, for a listing whose visibility the store cannot
     * decide ({@link Keyset#filtered}): from its position, or from the start, in batches of {@code batch} rows.
     */
    static Page<ApiKey> filtered(Function<ApiKeyQuery, Page<ApiKey>> store, ApiKeyQuery query,
                                 Predicate<ApiKey> allowed, int batch) {
        return Keyset.filtered(query.after(), query.offset(), query.limit(), batch,
                (at, offset, count) -> store.apply(at != null ? query.seeking(at, query.descending(), count)
                        : new ApiKeyQuery(query.accountId(), query.iamId(), query.type(), query.filter(), query.sort(),
                        query.descending(), offset, count)),
                key -> ApiKeyQuery.After.of(query.sort(), key), allowed);
    }
}
