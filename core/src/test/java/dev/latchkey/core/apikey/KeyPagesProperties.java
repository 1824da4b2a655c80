package dev.latchkey.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Keyset paging (decision 0038) over any keys, with ties and missing descriptions: walking {@code next} positions
 * visits the whole listing once and in order, and a page read before a page's first key is the page before it, or
 * the first page when fewer than a page's keys come before.
 */
class KeyPagesProperties {
    private static final String ACCOUNT = "a".repeat(32);
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    record Row(String name, String description, int second, boolean serviceId) {
    }

    /** Up to 30 keys that share few names, descriptions (a third without one) and creation times. */
    @Provide
    Arbitrary<List<Row>> rows() {
        return Combinators.combine(Arbitraries.of("a", "b", "B", "c"),
                Arbitraries.of("x", "y").injectNull(0.3), Arbitraries.integers().between(0, 3),
                Arbitraries.of(false, true)).as(Row::new).list().ofMaxSize(30);
    }

    @Property(tries = 300)
    void pagesByPositionWalkTheListingAndBackAgain(@ForAll("rows") List<Row> rows,
                                                   @ForAll ApiKeyQuery.SortField sort, @ForAll boolean descending,
                                                   @ForAll @IntRange(min = 1, max = 7) int limit) {
        InMemoryApiKeyStore store = new InMemoryApiKeyStore();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            store.insert(new ApiKey("ApiKey-" + (i * 17 % 31), ACCOUNT,
                    row.serviceId() ? "iam-ServiceId-1" : "IBMid-1", row.name(), row.description(), "IBMid-" + row.name(),
                    T.plusSeconds(row.second()), T, null, false, false, false, LeakAction.NONE, "h" + i, "lk_x", 1),
                    new HistoryEntry(T, "IBMid-1", ACCOUNT, "create", List.of(), "m"));
        }
        ApiKeyQuery query = new ApiKeyQuery(ACCOUNT, null, null, null, sort, descending, 0, limit);
        List<ApiKey> all = store.list(query.seeking(null, descending, 100)).items();

        List<Page<ApiKey>> pages = new ArrayList<>();
        Page<ApiKey> page = KeyPages.page(request(sort, descending, limit, 0, null, false), query, store::list);
        pages.add(page);
        while (page.hasMore() && pages.size() <= all.size()) {
            int offset = page.offset() + page.items().size();
            page = KeyPages.page(request(sort, descending, limit, offset,
                    ApiKeyQuery.After.of(sort, page.items().getLast()), false), query, store::list);
            pages.add(page);
        }
        assertThat(pages.stream().flatMap(p -> p.items().stream()).toList()).containsExactlyElementsOf(all);

        for (Page<ApiKey> later : pages.subList(1, pages.size())) {
            ApiKey first = later.items().getFirst();
            int at = all.indexOf(first);
            Page<ApiKey> back = KeyPages.page(request(sort, descending, limit, Math.max(0, at - limit),
                    ApiKeyQuery.After.of(sort, first), true), query, store::list);
            if (at > limit) {
                assertThat(back.items()).containsExactlyElementsOf(all.subList(at - limit, at));
                assertThat(back.hasMore()).isTrue();
            } else {
                assertThat(back.items()).containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
                assertThat(back.offset()).isZero();
            }
        }
    }

    @Property(tries = 200)
    void aFilteredListingPagedByPositionShowsEachAllowedKeyOnce(@ForAll("rows") List<Row> rows,
                                                               @ForAll ApiKeyQuery.SortField sort,
                                                               @ForAll boolean descending,
                                                               @ForAll @IntRange(min = 1, max = 5) int limit,
                                                               @ForAll @IntRange(min = 1, max = 4) int batch) {
        InMemoryApiKeyStore store = new InMemoryApiKeyStore();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            store.insert(new ApiKey("ApiKey-" + (i * 17 % 31), ACCOUNT, "iam-ServiceId-" + (i % 3), row.name(),
                    row.description(), "IBMid-1", T.plusSeconds(row.second()), T, null, false, false, false,
                    LeakAction.NONE, "h" + i, "lk_x", 1), new HistoryEntry(T, "IBMid-1", ACCOUNT, "create", List.of(), "m"));
        }
        ApiKeyQuery query = new ApiKeyQuery(ACCOUNT, null, null, null, sort, descending, 0, limit);
        List<ApiKey> allowed = store.list(query.seeking(null, descending, 100)).items().stream()
                .filter(k -> !k.iamId().endsWith("-0")).toList();
        List<ApiKey> seen = new ArrayList<>();
        ApiKeyQuery.After after = null;
        for (int pages = 0; pages <= rows.size(); pages++) {
            Page<ApiKey> page = KeyPages.filtered(store::list, query.seeking(after, descending, limit),
                    k -> !k.iamId().endsWith("-0"), batch);
            seen.addAll(page.items());
            if (!page.hasMore()) {
                break;
            }
            after = ApiKeyQuery.After.of(sort, page.items().getLast());
        }
        assertThat(seen).containsExactlyElementsOf(allowed);
    }

    private static ListApiKeys request(ApiKeyQuery.SortField sort, boolean descending, int limit, int offset,
                                       ApiKeyQuery.After after, boolean before) {
        return new ListApiKeys(ACCOUNT, null, ListApiKeys.Scope.ACCOUNT, null, null, sort, descending, offset, limit,
                after, before);
    }
}
