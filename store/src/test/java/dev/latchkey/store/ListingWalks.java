package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** What the listing contracts share: a listing's order as the database sorts it, and a walk through its pages. */
final class ListingWalks {
    private ListingWalks() {
    }

    /**
     * The order of a listing by {@code value}: rows without one last ascending and first descending, as PostgreSQL
     * sorts NULL and H2 does with {@code DEFAULT_NULL_ORDERING=HIGH}, then by {@code id}.
     */
    static <T> Comparator<T> order(Function<T, Comparable<?>> value, Function<T, String> id, boolean descending) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<T> ascending = Comparator.comparing((Function) value,
                Comparator.nullsLast(Comparator.naturalOrder()));
        ascending = ascending.thenComparing(id);
        return descending ? ascending.reversed() : ascending;
    }

    /**
     * The ids of every row of a listing, page by page: the first page is {@code pageAfter} of null, each next one
     * {@code pageAfter} the position ({@code positionOf}) of the last row of the page before. Every page that says
     * more follow must be full ({@code pageSize}).
     */
    static <T, P> List<String> walk(Function<P, Page<T>> pageAfter, Function<T, P> positionOf, Function<T, String> id,
                                    int pageSize) {
        List<String> seen = new ArrayList<>();
        P after = null;
        for (int pages = 0; pages < 100; pages++) {
            Page<T> page = pageAfter.apply(after);
            assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
            page.items().forEach(row -> seen.add(id.apply(row)));
            if (!page.hasMore()) {
                return seen;
            }
            assertThat(page.items()).as("a page that says more follow is full").hasSize(pageSize);
            after = positionOf.apply(page.items().getLast());
        }
        throw new AssertionError("more than 100 pages: the walk does not advance");
    }
}
