package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.access.CustomRole;
import dev.latchkey.core.access.CustomRoleStore;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.identity.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custom role store's behaviour, and the policy store's v2 parts ("does a policy name this role", a policy's
 * pattern and rule, list values), run against each database (H2 and PostgreSQL subclasses) and against core's
 * in-memory fakes.
 */
abstract class CustomRoleStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER = "b".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";
    StoresUnderTest stores;
    CustomRoleStore store;

    abstract StoresUnderTest open();

    @BeforeEach
    void setUp() {
        stores = open();
        store = stores.customRoles();
        stores.users().insert(new User(OWNER, "owner@example.com", "O", "W", false, T0));
        stores.accounts().insert(new Account(ACCOUNT, "Acme", OWNER, T0));
        stores.accounts().insert(new Account(OTHER, "Other", OWNER, T0));
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    static CustomRole role(String id, String account, String name, String service, String... actions) {
        return new CustomRole(id, account, name, name + " role", null, service, List.of(actions), T0, OWNER, T0,
                OWNER, 1);
    }

    @Test
    void rolesRoundTripWithOneNamePerAccountAndUpdateOnlyAtTheirVersion() {
        CustomRole writer = role("a".repeat(32), ACCOUNT, "Writer", "books", "books.shelf.read", "books.shelf.write");
        assertThat(store.insert(writer)).isTrue();
        assertThat(store.insert(role("b".repeat(32), ACCOUNT, "Writer", "music", "music.song.play")))
                .as("the name is taken in this account").isFalse();
        assertThat(store.insert(role("c".repeat(32), OTHER, "Writer", "music", "music.song.play"))).isTrue();
        assertThat(store.insert(role("d".repeat(32), ACCOUNT, "Auditor", "music", "music.song.play"))).isTrue();
        assertThat(store.find(writer.id())).contains(writer);
        assertThat(store.findByName(ACCOUNT, "Writer")).contains(writer);
        assertThat(store.findByName(ACCOUNT, "Nobody")).isEmpty();
        assertThat(store.inAccount(ACCOUNT, null)).extracting(CustomRole::name).containsExactly("Auditor", "Writer");
        assertThat(store.inAccount(ACCOUNT, "books")).containsExactly(writer);

        CustomRole reader = new CustomRole(writer.id(), ACCOUNT, "Writer", "Reader", "reads", "books",
                List.of("books.shelf.read"), T0, OWNER, T0.plusSeconds(1), OWNER, 2);
        assertThat(store.update(reader, 2)).isFalse();
        assertThat(store.update(reader, 1)).isTrue();
        assertThat(store.find(writer.id())).contains(reader);
        assertThat(store.delete(writer.id())).isTrue();
        assertThat(store.delete(writer.id())).isFalse();
    }

    @Test
    void thePolicyStoreSaysWhetherAnyPolicyNamesARoleInAnyState() {
        CustomRole writer = role("a".repeat(32), ACCOUNT, "Writer", "books", "books.shelf.write");
        store.insert(writer);
        assertThat(stores.policies().namesRole(ACCOUNT, writer.crn())).isFalse();
        Policy policy = Policy.grant("p-1", ACCOUNT, OWNER, List.of("crn:v1:bluemix:public:iam::::role:Viewer",
                writer.crn()), List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                new Policy.Attribute("serviceName", "books", null)), null, OWNER, T0);
        stores.policies().insert(policy);
        assertThat(stores.policies().namesRole(ACCOUNT, writer.crn())).isTrue();
        assertThat(stores.policies().namesRole(OTHER, writer.crn())).isFalse();
        assertThat(stores.policies().namesRole(ACCOUNT, writer.crn().replace("Writer", "Write"))).as("a prefix")
                .isFalse();
        stores.policies().update(new Policy(policy.id(), policy.type(), ACCOUNT, OWNER, policy.roleIds(),
                policy.resourceAttributes(), null, null, "deleted", T0, OWNER, T0, OWNER, 2), 1);
        assertThat(stores.policies().namesRole(ACCOUNT, writer.crn())).as("a deactivated policy").isTrue();
    }

    @Test
    void aPolicysPatternRuleAndListValuesRoundTripThroughCreateAndUpdate() {
        Policy.Rule rule = Policy.Rule.group("and", List.of(
                Policy.Rule.condition("{{environment.attributes.day_of_week}}", "dayOfWeekAnyOf",
                        "[\"1+00:00\",\"2+00:00\"]"),
                Policy.Rule.group("or", List.of(
                        Policy.Rule.condition("{{environment.attributes.current_time}}", "timeLessThan",
                                "12:00:00+00:00"),
                        Policy.Rule.condition("{{environment.attributes.current_time}}", "timeGreaterThan",
                                "13:00:00+00:00")))));
        Policy timed = new Policy("p-2", "access", ACCOUNT, OWNER, List.of("crn:v1:bluemix:public:iam::::role:Viewer"),
                List.of(new Policy.Attribute("accountId", ACCOUNT, "stringEquals"),
                        new Policy.Attribute("serviceName", "books", "stringEquals"),
                        new Policy.Attribute("resource", "[\"fiction\",\"poetry\"]", "stringEqualsAnyOf")),
                null, null, "active", T0, OWNER, T0, OWNER, 1, "time-based-conditions:weekly:custom-hours", rule);
        stores.policies().insert(timed);
        assertThat(stores.policies().find("p-2")).contains(timed);
        Policy plain = new Policy("p-2", "access", ACCOUNT, OWNER, timed.roleIds(), timed.resourceAttributes(), null,
                null, "active", T0, OWNER, T0.plusSeconds(1), OWNER, 2, null, null);
        assertThat(stores.policies().update(plain, 1)).isTrue();
        assertThat(stores.policies().find("p-2")).contains(plain);
        Policy again = new Policy("p-2", "access", ACCOUNT, OWNER, timed.roleIds(), timed.resourceAttributes(), null,
                null, "active", T0, OWNER, T0.plusSeconds(2), OWNER, 3, "time-based-conditions:once",
                Policy.Rule.condition("{{environment.attributes.current_date_time}}", "dateTimeLessThan",
                        "2027-01-01T00:00:00+00:00"));
        assertThat(stores.policies().update(again, 2)).isTrue();
        assertThat(stores.policies().forSubject(ACCOUNT, OWNER)).containsExactly(again);
    }
}
