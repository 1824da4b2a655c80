package dev.latchkey.core.leak;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.serviceid.ServiceId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who reviews which leak sightings: administrators every key's, everyone else their own keys'. */
class LeakServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final LeakService leaks = s.leaks;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");
    final Principal admin = s.member("IBMid-ADMIN00001");

    LeakServiceTest() {
        s.grantOnIdentity(admin, Role.ADMINISTRATOR);
    }

    CreatedApiKey key(Principal creator, String iamId, String name, String action) {
        return s.apiKeys.create(creator, new CreateApiKey(name, iamId, null, ACCOUNT, null, null, null, action, null,
                false, false));
    }

    void leak(CreatedApiKey key) {
        s.clock.advance(Duration.ofMinutes(1));
        leaks.report(List.of(new LeakReport(new Secret(key.value().reveal()), "latchkey_api_key",
                "https://github.com/acme/app/blob/main/.env", "commit")), "IBMid-REPORTER01");
    }

    String serviceIdIamId() {
        String id = "ServiceId-0000-1111";
        s.stores.serviceIds.insert(new ServiceId(id, IamIds.ofServiceId(id), ACCOUNT, "deployer", null, List.of(),
                false, T0, T0, OWNER.iamId(), 1), new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return IamIds.ofServiceId(id);
    }

    static List<String> names(List<LeakService.Review> reviews) {
        return reviews.stream().map(r -> r.sighting().keyName()).toList();
    }

    @Test
    void aKeyOwnerSeesTheSightingsOfTheirOwnKeysOnlyAndTheAdministratorEveryonesNewestFirst() {
        leak(key(alice, alice.iamId(), "alice-ci", "disable"));
        leak(key(bob, bob.iamId(), "bob-laptop", "delete"));
        leak(key(OWNER, serviceIdIamId(), "deployer-key", "none"));

        assertThat(names(leaks.reviewManaged(alice, ACCOUNT, null, 0, 10).items())).containsExactly("alice-ci");
        assertThat(names(leaks.reviewManaged(bob, ACCOUNT, null, 0, 10).items()))
                .as("the deleted key's sighting stays with its owner").containsExactly("bob-laptop");
        assertThat(leaks.reviewsAll(alice, ACCOUNT)).isFalse();
        assertThat(leaks.reviewsAll(admin, ACCOUNT)).isTrue();
        assertThat(leaks.reviewsAll(OWNER, ACCOUNT)).as("the account owner").isTrue();
        assertThat(names(leaks.reviewManaged(admin, ACCOUNT, null, 0, 10).items()))
                .containsExactly("deployer-key", "bob-laptop", "alice-ci");
        assertThat(names(leaks.reviewManaged(OWNER, ACCOUNT, null, 0, 10).items()))
                .containsExactly("deployer-key", "bob-laptop", "alice-ci");
        assertThat(leaks.reviewManaged(alice, ACCOUNT, null, 0, 10).items().get(0).sighting().action())
                .isEqualTo("disabled");
    }

    @Test
    void theFilterNarrowsToUserOrServiceIdKeysAndPagesAfterIt() {
        leak(key(alice, alice.iamId(), "alice-1", "none"));
        leak(key(OWNER, serviceIdIamId(), "deployer-key", "none"));
        leak(key(alice, alice.iamId(), "alice-2", "none"));

        assertThat(names(leaks.reviewManaged(admin, ACCOUNT, LeakStore.Owners.SERVICE_IDS, 0, 10).items()))
                .containsExactly("deployer-key");
        var first = leaks.reviewManaged(admin, ACCOUNT, LeakStore.Owners.USERS, 0, 1);
        assertThat(names(first.items())).containsExactly("alice-2");
        assertThat(first.hasMore()).isTrue();
        var second = leaks.reviewManaged(admin, ACCOUNT, LeakStore.Owners.USERS, 1, 1);
        assertThat(names(second.items())).containsExactly("alice-1");
        assertThat(second.hasMore()).isFalse();
        assertThat(leaks.reviewManaged(alice, ACCOUNT, LeakStore.Owners.SERVICE_IDS, 0, 10).items())
                .as("alice owns no service ID key").isEmpty();
    }

    @Test
    void theApisReviewStaysForAdministratorsAndNobodyReadsAnotherAccountsSightings() {
        leak(key(alice, alice.iamId(), "alice-ci", "none"));
        assertThatThrownBy(() -> leaks.review(alice, ACCOUNT, 0, 10)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(names(leaks.review(admin, ACCOUNT, 0, 10).items())).containsExactly("alice-ci");
        assertThatThrownBy(() -> leaks.reviewManaged(STRANGER, ACCOUNT, null, 0, 10))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(leaks.reviewManaged(STRANGER, OTHER_ACCOUNT, null, 0, 10).items())
                .as("the other account's owner sees their own account's, none of these").isEmpty();
    }

    @Test
    void eachReportedTokenIsCountedOnceWithWhatWasDoneAboutIt() {
        CreatedApiKey disabled = key(alice, alice.iamId(), "alice-ci", "disable");
        leak(disabled);
        leak(key(bob, bob.iamId(), "bob-laptop", "delete"));
        leak(key(alice, alice.iamId(), "alice-docs", "none"));
        leak(disabled);
        leaks.report(List.of(new LeakReport(new Secret("not-a-latchkey-key-but-long-enough-0123456789"), null, null,
                null)), "IBMid-REPORTER01");
        assertThat(s.leakActions).containsExactly("disabled", "deleted", "none", "repeat", "not_a_key");
        assertThat(LeakMetrics.ACTIONS).containsAll(s.leakActions);
    }
}
