package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.TestTexts;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdQuery.SortField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of service ID listings (decision 0038), as {@link ApiKeyListingContract} proves it for keys: walking
 * from the start, each page read after the last service ID of the one before, visits every matching one exactly once
 * and in the listing's order, for every sort field and direction, with service IDs tied on every sort value and with
 * each kind of condition. Mixed into {@link StoreContract}: H2, PostgreSQL and the fakes.
 */
interface ServiceIdListingContract {
    String SID_ACCOUNT = "a".repeat(32);
    String SID_OTHER_ACCOUNT = "e".repeat(32);
    Instant SID_LISTED_AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    StoresUnderTest stores();

    /**
     * 24 service IDs in an order of ids unlike their insertion order, sharing three names, three creation and two
     * modification times, and two descriptions, a third of them without one; and service IDs of another account with
     * the same values, which no listing of this one may show.
     */
    private List<ServiceId> tiedServiceIds() {
        stores().accounts().insert(new Account(SID_OTHER_ACCOUNT, "Other", "IBMid-OWNER00001", SID_LISTED_AT));
        String[] names = {"beta", "alpha", "gamma"};
        Instant[] times = {SID_LISTED_AT, SID_LISTED_AT.plusSeconds(1), SID_LISTED_AT.plusNanos(1_000)};
        List<ServiceId> made = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = (i * 7) % 24; // ids out of step with insertion and with every sort value
            String description = (i / 2) % 3 == 0 ? null : (i / 2) % 3 == 1 ? "described" : "also described";
            ServiceId serviceId = new ServiceId(String.format("ServiceId-list-%02d", n), "iam-ServiceId-list-" + n,
                    SID_ACCOUNT, names[i % 3], description, List.of(), false, times[(i / 4) % 3], times[i % 2],
                    "IBMid-OWNER00001", 1);
            stores().serviceIds().insert(serviceId, StoreContract.entry("create"));
            made.add(serviceId);
            if (i % 6 == 0) {
                stores().serviceIds().insert(new ServiceId("ServiceId-other-" + i, "iam-ServiceId-other-" + i,
                        SID_OTHER_ACCOUNT, names[i % 3], description, List.of(), false, times[(i / 4) % 3],
                        times[i % 2], "IBMid-OWNER00001", 1), StoreContract.entry("create"));
            }
        }
        return made;
    }

    /** The order of the listing: the sort value (no value last ascending, first descending), then the id. */
    private static Comparator<ServiceId> order(SortField sort, boolean descending) {
        Function<ServiceId, Comparable<?>> value = switch (sort) {
            case NAME -> ServiceId::name;
            case DESCRIPTION -> ServiceId::description;
            case CREATED_AT -> ServiceId::createdAt;
            case MODIFIED_AT -> ServiceId::modifiedAt;
        };
        return ListingWalks.order(value, ServiceId::id, descending);
    }

    /** Every service ID of {@code base}'s listing, page by page, each page after the last one of the page before. */
    private List<String> walk(ServiceIdQuery base, int pageSize) {
        return ListingWalks.walk((ServiceIdQuery.After after) -> stores().serviceIds()
                        .list(base.seeking(after, base.descending(), pageSize)),
                serviceId -> ServiceIdQuery.After.of(base.sort(), serviceId), ServiceId::id, pageSize);
    }

    private void assertWalks(List<ServiceId> made, Predicate<ServiceId> matching, String name, Filter filter,
                             int... pageSizes) {
        for (SortField sort : SortField.values()) {
            for (boolean descending : new boolean[] {false, true}) {
                List<String> expected = made.stream().filter(matching).sorted(order(sort, descending))
                        .map(ServiceId::id).toList();
                ServiceIdQuery base = new ServiceIdQuery(SID_ACCOUNT, name, filter, sort, descending, 0, 100);
                assertThat(stores().serviceIds().list(base).items()).extracting(ServiceId::id)
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
    default void serviceIdPagesVisitEveryOneOnceInOrderForEverySortAndDirectionWithTies() {
        List<ServiceId> made = tiedServiceIds();
        assertWalks(made, s -> true, null, null, 1, 2, 5, 7, 24, 30);
    }

    @Test
    default void serviceIdPagesKeepTheListingsConditions() {
        List<ServiceId> made = tiedServiceIds();
        assertWalks(made, s -> s.name().equals("alpha"), "alpha", null, 1, 3);
        Filter filter = new Filter.Or(new Filter.Comparison("name", Filter.Operator.SW, "ga"),
                new Filter.Comparison("description", Filter.Operator.CO, "also"));
        assertWalks(made, s -> s.name().startsWith("ga") || s.description() != null
                && s.description().contains("also"), null, filter, 2, 3);
    }

    @Test
    default void aPositionWhoseServiceIdIsGoneStillSeeksToTheOnesAfterIt() {
        List<ServiceId> made = tiedServiceIds();
        List<ServiceId> byModification = made.stream().sorted(order(SortField.MODIFIED_AT, true)).toList();
        ServiceId gone = byModification.get(10);
        assertThat(stores().serviceIds().delete(gone.id(), gone.version())).isTrue();
        Page<ServiceId> after = stores().serviceIds().list(new ServiceIdQuery(SID_ACCOUNT, null, null,
                SortField.MODIFIED_AT, true, 0, 3, null, ServiceIdQuery.After.of(SortField.MODIFIED_AT, gone)));
        assertThat(after.items()).containsExactlyElementsOf(byModification.subList(11, 14));
        assertThat(after.hasMore()).isTrue();
    }

    /**
     * A description of 1,024 varied characters of three bytes each is 3 KB, more than PostgreSQL takes in an index
     * entry: it is stored, and listings by description sort it by its first 256 characters, so two service IDs that
     * differ only after them sort by id, in pages too.
     */
    @Test
    default void aServiceIdsLongDescriptionIsStoredAndSortedByItsFirstCharacters() {
        String shared = TestTexts.ideographs(1_000, 1);
        List<ServiceId> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServiceId serviceId = new ServiceId("ServiceId-long-" + i, "iam-ServiceId-long-" + i, SID_ACCOUNT, "long",
                    shared + (char) ('z' - i) + TestTexts.ideographs(23, 2 + i), List.of(), false, SID_LISTED_AT,
                    SID_LISTED_AT, "IBMid-OWNER00001", 1);
            stores().serviceIds().insert(serviceId, StoreContract.entry("create"));
            made.add(serviceId);
        }
        assertThat(stores().serviceIds().find("ServiceId-long-2")).hasValue(made.get(2));
        for (boolean descending : new boolean[] {false, true}) {
            ServiceIdQuery base = new ServiceIdQuery(SID_ACCOUNT, "long", null, SortField.DESCRIPTION,
                    descending, 0, 10);
            List<String> byId = descending ? List.of("ServiceId-long-2", "ServiceId-long-1", "ServiceId-long-0")
                    : List.of("ServiceId-long-0", "ServiceId-long-1", "ServiceId-long-2");
            assertThat(stores().serviceIds().list(base).items()).extracting(ServiceId::id)
                    .containsExactlyElementsOf(byId);
            assertThat(walk(base, 1)).containsExactlyElementsOf(byId);
        }
    }
}
