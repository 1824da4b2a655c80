package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.identity.MemberProfile;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keyset paging of an account's members (decision 0038), as {@link ServiceIdListingContract} proves it for service
 * IDs: walking from the start, each page read after the last member of the one before, visits every member of the
 * account exactly once, oldest first and by {@code iam_id} among members who joined at the same time; the same pages
 * by offset agree. Mixed into {@link StoreContract}: H2, PostgreSQL and the fakes.
 */
interface MemberListingContract {
    String MEMBER_ACCOUNT = "a".repeat(32);
    String MEMBER_OTHER_ACCOUNT = "f".repeat(32);
    Instant JOINED = Instant.parse("2026-04-01T08:00:00.123456Z");

    StoresUnderTest stores();

    /**
     * 17 members besides the owner (whom {@link StoreContract} makes), joined at three times, their ids out of step
     * with the order they were added in; each third of them is also a member of another account, which no page of
     * this one may show.
     */
    private List<Membership> tiedMembers() {
        stores().accounts().insert(new Account(MEMBER_OTHER_ACCOUNT, "Other", "IBMid-OWNER00001", JOINED));
        Instant[] times = {JOINED.plusSeconds(1), JOINED, JOINED.plusNanos(1_000)};
        List<Membership> made = new ArrayList<>(stores().users().members(MEMBER_ACCOUNT, null, 0, 100).items());
        for (int i = 0; i < 17; i++) {
            String iamId = String.format("IBMid-MEMBER%04d", (i * 7) % 17);
            stores().users().insert(new User(iamId, iamId + "@example.com", "Mem", "Ber", false, JOINED));
            Membership membership = new Membership(MEMBER_ACCOUNT, iamId, "IBMid-OWNER00001",
                    i % 4 == 0 ? Membership.PENDING : Membership.ACTIVE, times[i % 3]);
            stores().users().insertMembership(membership);
            made.add(membership);
            if (i % 3 == 0) {
                stores().users().insertMembership(new Membership(MEMBER_OTHER_ACCOUNT, iamId, "IBMid-OWNER00001",
                        JOINED.minusSeconds(1)));
            }
        }
        return made;
    }

    private static List<String> inOrder(List<Membership> members) {
        return members.stream().map(Membership::position)
                .sorted(Comparator.comparing(Membership.Position::createdAt)
                        .thenComparing(Membership.Position::iamId))
                .map(Membership.Position::iamId).toList();
    }

    @Test
    default void memberPagesVisitEveryMemberOnceOldestFirstWithTies() {
        List<String> expected = inOrder(tiedMembers());
        assertThat(expected).hasSize(18);
        assertThat(stores().users().members(MEMBER_ACCOUNT, null, 0, 100).items()).extracting(Membership::iamId)
                .as("one page by offset").containsExactlyElementsOf(expected);
        for (int size : new int[] {1, 2, 5, 6, 18, 30}) {
            assertThat(ListingWalks.walk((Membership.Position after) -> stores().users().members(MEMBER_ACCOUNT,
                            after, 0, size), Membership::position, Membership::iamId, size))
                    .as("pages of %d by position", size).containsExactlyElementsOf(expected);
            List<String> byOffset = new ArrayList<>();
            for (int offset = 0; offset < expected.size(); offset += size) {
                byOffset.addAll(stores().users().members(MEMBER_ACCOUNT, null, offset, size).items().stream()
                        .map(Membership::iamId).toList());
            }
            assertThat(byOffset).as("pages of %d by offset", size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    default void aPageAfterAMemberWhoLeftStartsWithTheMembersAfterThem() {
        List<Membership> made = tiedMembers();
        List<String> expected = inOrder(made);
        Membership gone = made.stream().filter(m -> m.iamId().equals(expected.get(7))).findFirst().orElseThrow();
        assertThat(stores().users().deleteMembership(MEMBER_ACCOUNT, gone.iamId())).isTrue();
        Page<Membership> after = stores().users().members(MEMBER_ACCOUNT, gone.position(), 7, 3);
        assertThat(after.items()).extracting(Membership::iamId).containsExactlyElementsOf(expected.subList(8, 11));
        assertThat(after.offset()).as("the offset the caller counted").isEqualTo(7);
        assertThat(after.hasMore()).isTrue();
        Membership last = made.stream().filter(m -> m.iamId().equals(expected.getLast())).findFirst().orElseThrow();
        Page<Membership> end = stores().users().members(MEMBER_ACCOUNT, last.position(), 18, 3);
        assertThat(end.items()).isEmpty();
        assertThat(end.hasMore()).isFalse();
    }

    @Test
    default void aSearchFindsMembersByEMailOrByTheNameTheAccountKnowsThemByIgnoringCase() {
        tiedMembers();
        String[][] people = {
            {"IBMid-SEARCH0001", "alice.ng@example.com", "Alice", "Ng"},
            {"IBMid-SEARCH0002", "r.jones@example.com", "Bob", "Jones"},
            {"IBMid-SEARCH0003", "x_y%z@example.com", "Zoe", "Quinn"},
        };
        for (int i = 0; i < people.length; i++) {
            stores().users().insert(new User(people[i][0], people[i][1], people[i][2], people[i][3], false, JOINED));
            stores().users().insertMembership(new Membership(MEMBER_ACCOUNT, people[i][0], "IBMid-OWNER00001",
                    JOINED.plusSeconds(10 + i)));
        }
        // this account knows Bob Jones as Robert Jones; the other account keeps his own name
        stores().users().insertMembership(new Membership(MEMBER_OTHER_ACCOUNT, "IBMid-SEARCH0002", "IBMid-OWNER00001",
                JOINED));
        assertThat(stores().users().updateMember(MEMBER_ACCOUNT, "IBMid-SEARCH0002", new MemberProfile("Robert", null,
                null, null, null), MemberSettings.DEFAULTS, 0)).isTrue();

        java.util.function.Function<String, List<String>> found = text -> stores().users()
                .searchMembers(MEMBER_ACCOUNT, text, 0, 50).items().stream().map(Membership::iamId).toList();
        assertThat(found.apply("ALICE")).containsExactly("IBMid-SEARCH0001");
        assertThat(found.apply("robert jones")).as("the profile's first name").containsExactly("IBMid-SEARCH0002");
        assertThat(found.apply("bob")).as("not the name this account no longer uses").isEmpty();
        assertThat(stores().users().searchMembers(MEMBER_OTHER_ACCOUNT, "bob jones", 0, 50).items())
                .extracting(Membership::iamId).containsExactly("IBMid-SEARCH0002");
        assertThat(found.apply("%")).as("a wildcard is a character").containsExactly("IBMid-SEARCH0003");
        assertThat(found.apply("_y")).containsExactly("IBMid-SEARCH0003");
        assertThat(found.apply("quinn@")).as("not across the e-mail and the name").isEmpty();
        assertThat(found.apply("mem ber")).as("the tied members, in the listing's order")
                .containsExactlyElementsOf(found.apply("Mem").stream().toList()).hasSize(17);
        assertThat(stores().users().countMatchingMembers(MEMBER_ACCOUNT, "mem ber")).isEqualTo(17);
        assertThat(stores().users().countMatchingMembers(MEMBER_ACCOUNT, "@example.com")).isEqualTo(21);

        Page<Membership> second = stores().users().searchMembers(MEMBER_ACCOUNT, "example.com", 5, 5);
        assertThat(second.items()).extracting(Membership::iamId)
                .containsExactlyElementsOf(found.apply("example.com").subList(5, 10));
        assertThat(second.hasMore()).isTrue();
        assertThat(stores().users().searchMembers(MEMBER_ACCOUNT, "example.com", 16, 5).hasMore()).isFalse();
    }
}
