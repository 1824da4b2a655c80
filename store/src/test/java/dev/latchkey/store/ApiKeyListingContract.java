package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyQuery.SortField;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.TestTexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of key listings (decision 0038): walking from the start, each page read after the last key of the one
 * before, visits every matching key exactly once and in the listing's order, for every sort field and direction,
 * with keys tied on the sort value (names, creation times, creators, descriptions, and keys without a description)
 * and with each kind of condition. Mixed into {@link StoreContract}, so it runs on H2, PostgreSQL and the fakes.
 */
interface ApiKeyListingContract {
    String ACCOUNT = "a".repeat(32);
    String OTHER_ACCOUNT = "c".repeat(32);
    Instant LISTED_AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    StoresUnderTest stores();

    /**
     * 24 keys of four identities, in an order of ids unlike their insertion order, sharing three names, three creation
     * times (one with microseconds), two creators and two descriptions, a third of them without one; and keys of
     * another account with the same values, which no listing of this one may show.
     */
    private List<ApiKey> tiedKeys() {
        ApiKeyStore keys = stores().keys();
        String[] names = {"beta", "alpha", "gamma"};
        String[] identities = {"IBMid-OWNER00001", "IBMid-OTHER00002", "iam-ServiceId-aaaa", "iam-ServiceId-bbbb"};
        Instant[] times = {LISTED_AT, LISTED_AT.plusSeconds(1), LISTED_AT.plusNanos(1_000)};
        List<ApiKey> made = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = (i * 7) % 24; // ids out of step with insertion and with every sort value
            String description = (i / 2) % 3 == 0 ? null : (i / 2) % 3 == 1 ? "described" : "also described";
            ApiKey key = new ApiKey(String.format("ApiKey-list-%02d", n), ACCOUNT, identities[i % 4], names[i % 3],
                    description, i % 5 == 0 ? "IBMid-CREATOR02" : "IBMid-CREATOR01", times[(i / 4) % 3], LISTED_AT, null, false,
                    false, false, LeakAction.NONE, StoreContract.hash(5_000 + i), "lk_list", 1);
            keys.insert(key, StoreContract.entry("create"));
            made.add(key);
            if (i % 6 == 0) {
                keys.insert(new ApiKey("ApiKey-other-" + i, OTHER_ACCOUNT, identities[i % 4], names[i % 3],
                        description, "IBMid-CREATOR01", times[(i / 4) % 3], LISTED_AT, null, false, false, false, LeakAction.NONE,
                        StoreContract.hash(6_000 + i), "lk_list", 1), StoreContract.entry("create"));
            }
        }
        return made;
    }

    /** The order of the listing: the sort value (no value last ascending, first descending), then the id. */
    private static Comparator<ApiKey> order(SortField sort, boolean descending) {
        Function<ApiKey, Comparable<?>> value = switch (sort) {
            case NAME -> ApiKey::name;
            case DESCRIPTION -> ApiKey::description;
            case CREATED_AT -> ApiKey::createdAt;
            case CREATED_BY -> ApiKey::createdBy;
        };
        return ListingWalks.order(value, ApiKey::id, descending);
    }

    /** Every key of {@code base}'s listing, page by page, each page after the last key of the one before. */
    private List<String> walk(ApiKeyQuery base, int pageSize) {
        return ListingWalks.walk((ApiKeyQuery.After after) -> stores().keys()
                        .list(base.seeking(after, base.descending(), pageSize)),
                key -> ApiKeyQuery.After.of(base.sort(), key), ApiKey::id, pageSize);
    }

    private void assertWalks(List<ApiKey> made, Predicate<ApiKey> matching, String iamId, ApiKeyQuery.KeyType type,
                             Filter filter, int... pageSizes) {
        for (SortField sort : SortField.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                List<String> expected = made.stream().filter(matching).sorted(order(sort, descending))
                        .map(ApiKey::id).toList();
                ApiKeyQuery base = new ApiKeyQuery(ACCOUNT, iamId, type, filter, sort, descending, 0, 100);
                assertThat(stores().keys().list(base).items()).extracting(ApiKey::id)
                        .as("one page by offset, %s %s", sort, descending ? "desc" : "asc")
                        .containsExactlyElementsOf(expected);
                for (int size : pageSizes) {
                    assertThat(walk(base, size)).as("pages of %d by position, %s %s", size, sort,
                            descending ? "desc" : "asc").containsExactlyElementsOf(expected);
                }
            }
        }
    }

    @Test
    default void keysetPagesVisitEveryKeyOnceInOrderForEverySortAndDirectionWithTies() {
        List<ApiKey> made = tiedKeys();
        assertWalks(made, k -> true, null, null, null, 1, 2, 5, 7, 24, 30);
    }

    @Test
    default void keysetPagesKeepTheListingsConditions() {
        List<ApiKey> made = tiedKeys();
        assertWalks(made, k -> k.iamId().equals("IBMid-OWNER00001"), "IBMid-OWNER00001", null, null, 1, 4);
        assertWalks(made, ApiKey::isServiceIdKey, null, ApiKeyQuery.KeyType.SERVICEID, null, 2, 5);
        assertWalks(made, k -> !k.isServiceIdKey(), null, ApiKeyQuery.KeyType.USER, null, 3);
        Filter filter = new Filter.Or(new Filter.Comparison("name", Filter.Operator.SW, "al"),
                new Filter.Comparison("description", Filter.Operator.CO, "also"));
        assertWalks(made, k -> k.name().startsWith("al") || k.description() != null
                && k.description().contains("also"), null, null, filter, 2, 3);
    }

    /**
     * A description of 1,024 varied characters of three bytes each is 3 KB, more than PostgreSQL takes in an index
     * entry: before V32 such a key could not be stored there. It is stored, and listings by description sort it by its
     * first 256 characters, so two keys that differ only after them sort by id, in pages too.
     */
    @Test
    default void aKeysLongDescriptionIsStoredAndSortedByItsFirstCharacters() {
        String shared = TestTexts.ideographs(1_000, 1);
        List<ApiKey> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiKey key = new ApiKey("ApiKey-long-" + i, ACCOUNT, "IBMid-LONG00001", "long",
                    shared + (char) ('z' - i) + TestTexts.ideographs(23, 2 + i), "IBMid-CREATOR01", LISTED_AT,
                    LISTED_AT, null, false, false, false, LeakAction.NONE, StoreContract.hash(7_000 + i), "lk_long", 1);
            stores().keys().insert(key, StoreContract.entry("create"));
            made.add(key);
        }
        assertThat(stores().keys().find("ApiKey-long-2")).map(ApiKey::description).hasValue(made.get(2).description());
        for (boolean descending : new boolean[] {false, true}) {
            ApiKeyQuery base = new ApiKeyQuery(ACCOUNT, "IBMid-LONG00001", null, null, SortField.DESCRIPTION,
                    descending, 0, 10);
            List<String> byId = descending ? List.of("ApiKey-long-2", "ApiKey-long-1", "ApiKey-long-0")
                    : List.of("ApiKey-long-0", "ApiKey-long-1", "ApiKey-long-2");
            assertThat(stores().keys().list(base).items()).extracting(ApiKey::id).containsExactlyElementsOf(byId);
            assertThat(walk(base, 1)).containsExactlyElementsOf(byId);
        }
    }

    @Test
    default void aPositionWhoseKeyIsGoneStillSeeksToTheKeysAfterIt() {
        List<ApiKey> made = tiedKeys();
        List<ApiKey> byName = made.stream().sorted(order(SortField.NAME, false)).toList();
        ApiKey gone = byName.get(10);
        assertThat(stores().keys().delete(gone.id(), gone.version())).isTrue();
        Page<ApiKey> after = stores().keys().list(new ApiKeyQuery(ACCOUNT, null, null, null, SortField.NAME, false, 0,
                3, ApiKeyQuery.After.of(SortField.NAME, gone)));
        assertThat(after.items()).containsExactlyElementsOf(byName.subList(11, 14));
        assertThat(after.hasMore()).isTrue();
    }
}
