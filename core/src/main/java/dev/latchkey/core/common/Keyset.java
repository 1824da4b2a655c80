package dev.latchkey.core.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keyset paging (decision 0038): a page of a listing read from a position in its order, forwards after it or
 * backwards before it, so that a page at any depth costs what the first one does. The store reads the rows that
 * follow a position ({@link Seek}); this turns a page read backwards round, and a page before a position that reaches
 * the start into the first page. Stateless.
 */
public final class Keyset {
    private Keyset() {
    }

    /**
     * Reads the page of rows that follow {@code position} (null: the first page, at offset 0) in the listing's order,
     * or in the opposite order when {@code descending} is the listing's own reversed; the page's size is the caller's.
     *
     * @param <P> the store's position: a sort value and an id
     */
    @FunctionalInterface
    public interface Seek<P, T> {
        Page<T> read(P position, boolean descending);
    }

    /**
     * The page of {@code limit} rows after {@code position} (or before it, with {@code before}) in the listing's order
     * {@code descending}, answered as the page at {@code offset}: the offset the caller's token carries, which counts
     * along and is only informational. A page before a position with fewer than {@code limit} rows before it is the
     * first page, full, at offset 0.
     */
    public static <P, T> Page<T> page(P position, boolean before, int offset, int limit, boolean descending,
                                      Seek<P, T> seek) {
        if (!before) {
            Page<T> page = seek.read(position, descending);
            return new Page<>(page.items(), offset, limit, page.hasMore());
        }
        Page<T> back = seek.read(position, !descending);
        if (!back.hasMore()) {
            return seek.read(null, descending);
        }
        List<T> items = new ArrayList<>(back.items());
        Collections.reverse(items);
        return new Page<>(items, offset, limit, true);
    }

    /**
     * Reads {@code count} rows of a listing: those that follow {@code position} or, when it is null, those from
     * {@code offset} on.
     *
     * @param <P> the store's position: a sort value and an id
     */
    @FunctionalInterface
    public interface Read<P, T> {
        Page<T> read(P position, int offset, int count);
    }

    /**
     * The page of {@code limit} rows that {@code allowed} keeps, for a listing whose visibility the store cannot
     * decide. After {@code position} (null: from the start) the store is read in batches of {@code batch} rows, each
     * after the last row of the batch before ({@code positionOf}), until the page and one more row are found, so a
     * deep page costs what the first one does; the answer is the page at {@code offset}, which the caller counts
     * along. Without a position, an {@code offset} deeper than 0 (the console's numbered pages, a token of the older
     * offset form) skips that many allowed rows from the start.
     */
    public static <P, T> Page<T> filtered(P position, int offset, int limit, int batch, Read<P, T> read,
                                          Function<T, P> positionOf, Predicate<T> allowed) {
        if (position == null && offset > 0) {
            return Page.filtered((at, count) -> read.read(null, at, count), allowed, offset, limit, batch);
        }
        List<T> items = new ArrayList<>();
        P at = position;
        Page<T> page;
        do {
            page = read.read(at, 0, batch);
            for (T item : page.items()) {
                if (items.size() <= limit && allowed.test(item)) {
                    items.add(item);
                }
            }
            if (!page.items().isEmpty()) {
                at = positionOf.apply(page.items().getLast());
            }
        } while (page.hasMore() && !page.items().isEmpty() && items.size() <= limit);
        boolean more = items.size() > limit;
        return new Page<>(more ? items.subList(0, limit) : items, offset, limit, more);
    }

    /**
     * Every row of a listing, read page by page, each page after the last row of the one before ({@code after} is
     * given null for the first page), so that reading a large account whole costs what its rows do, not the square
     * of their number as pages by offset would.
     */
    public static <T> List<T> walk(Function<T, Page<T>> after) {
        List<T> all = new ArrayList<>();
        Page<T> page = after.apply(null);
        all.addAll(page.items());
        while (page.hasMore() && !page.items().isEmpty()) {
            page = after.apply(page.items().getLast());
            all.addAll(page.items());
        }
        return all;
    }
}
