package dev.latchkey.core.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** One page of a listing: the items, the offset they start at, and whether more follow. */
public record Page<T>(List<T> items, int offset, int limit, boolean hasMore) {

    /**
     * The page at {@code offset} of the items {@code allowed} keeps, for listings whose visibility the store cannot
     * decide: reads {@code fetch(offset, count)} in batches of {@code batch} until the page and one more are found.
     */
    public static <T> Page<T> filtered(BiFunction<Integer, Integer, Page<T>> fetch, Predicate<T> allowed, int offset,
                                       int limit, int batch) {
        List<T> items = new ArrayList<>();
        int skipped = 0;
        int at = 0;
        Page<T> read;
        do {
            read = fetch.apply(at, batch);
            for (T item : read.items()) {
                if (!allowed.test(item)) {
                    continue;
                }
                if (skipped < offset) {
                    skipped++;
                } else if (items.size() <= limit) {
                    items.add(item);
                }
            }
            at += read.items().size();
        } while (read.hasMore() && items.size() <= limit);
        boolean more = items.size() > limit;
        return new Page<>(more ? items.subList(0, limit) : items, offset, limit, more);
    }
}
