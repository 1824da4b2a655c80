package dev.latchkey.core.access;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IBM's v2 policies: their operators, their time-based conditions at decision time, and the v1 view of them. */
class PolicyV2Test {
    /** A Wednesday. */
    static final Instant WEDNESDAY_NOON = Instant.parse("2026-12-02T12:00:00Z");
    final InMemoryServices s = new InMemoryServices();
    final Principal alice = s.member("IBMid-ALICE00001");
    final Resource fiction = Resource.of(ACCOUNT, "books", "shelf", "fiction");

    static Policy.Attribute attribute(String key, String operator, String value) {
        return new Policy.Attribute(key, value, operator);
    }

    PolicyRequest v2(String subject, List<Policy.Attribute> resource, String pattern, Policy.Rule rule) {
        return new PolicyRequest(PolicyRequest.Api.V2, "access", List.of(new PolicyRequest.Subject(List.of(
                attribute("iam_id", "stringEquals", subject)))), List.of(Role.READER.crn()),
                List.of(new PolicyRequest.ResourceSpec(resource, null)), null, pattern, rule);
    }

    List<Policy.Attribute> books(Policy.Attribute... more) {
        List<Policy.Attribute> attributes = new java.util.ArrayList<>(List.of(
                attribute("accountId", "stringEquals", ACCOUNT), attribute("serviceName", "stringEquals", "books")));
        attributes.addAll(List.of(more));
        return attributes;
    }

    static Policy.Rule weekdaysNineToFive() {
        return Policy.Rule.group("and", List.of(
                Policy.Rule.condition(Conditions.DAY_OF_WEEK, "dayOfWeekAnyOf",
                        AttributeValues.encode(List.of("1+00:00", "2+00:00", "3+00:00", "4+00:00", "5+00:00"))),
                Policy.Rule.condition(Conditions.CURRENT_TIME, "timeGreaterThanOrEquals", "09:00:00+00:00"),
                Policy.Rule.condition(Conditions.CURRENT_TIME, "timeLessThanOrEquals", "17:00:00+00:00")));
    }

    boolean readsAt(Instant at) {
        s.clock.set(at);
        return s.access.permits(alice, "books.shelf.read", fiction);
    }

    @Test
    void aWeeklyCustomHoursPolicyGrantsOnlyInItsHoursOnItsDays() {
        s.policies.create(OWNER, v2(alice.iamId(), books(), "time-based-conditions:weekly:custom-hours",
                weekdaysNineToFive()));
        assertThat(readsAt(WEDNESDAY_NOON)).isTrue();
        assertThat(readsAt(Instant.parse("2026-12-02T08:59:59Z"))).as("before nine").isFalse();
        assertThat(readsAt(Instant.parse("2026-12-02T17:00:00Z"))).as("five o'clock itself").isTrue();
        assertThat(readsAt(Instant.parse("2026-12-02T17:00:01Z"))).isFalse();
        assertThat(readsAt(Instant.parse("2026-12-05T12:00:00Z"))).as("a Saturday").isFalse();
    }

    @Test
    void conditionsAreComparedInTheOffsetTheyAreWrittenWith() {
        Policy.Rule tokyoMornings = Policy.Rule.group("and", List.of(
                Policy.Rule.condition(Conditions.DAY_OF_WEEK, "dayOfWeekEquals", "4+09:00"),
                Policy.Rule.condition(Conditions.CURRENT_TIME, "timeLessThan", "12:00:00+09:00")));
        s.policies.create(OWNER, v2(alice.iamId(), books(), "time-based-conditions:weekly:custom-hours",
                tokyoMornings));
        // Wednesday 20:00 UTC is Thursday 05:00 in Tokyo
        assertThat(readsAt(Instant.parse("2026-12-02T20:00:00Z"))).isTrue();
        assertThat(readsAt(WEDNESDAY_NOON)).as("Wednesday 21:00 in Tokyo").isFalse();
    }

    @Test
    void aOncePolicyGrantsBetweenItsDateTimes() {
        Policy.Rule december = Policy.Rule.group("and", List.of(
                Policy.Rule.condition(Conditions.CURRENT_DATE_TIME, "dateTimeGreaterThanOrEquals",
                        "2026-12-01T00:00:00+00:00"),
                Policy.Rule.condition(Conditions.CURRENT_DATE_TIME, "dateTimeLessThan", "2027-01-01T00:00:00Z")));
        s.policies.create(OWNER, v2(alice.iamId(), books(), "time-based-conditions:once", december));
        assertThat(readsAt(WEDNESDAY_NOON)).isTrue();
        assertThat(readsAt(Instant.parse("2026-11-30T23:59:59Z"))).isFalse();
        assertThat(readsAt(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void theListAndExistenceOperatorsMatchTheTarget() {
        s.clock.set(WEDNESDAY_NOON);
        s.policies.create(OWNER, v2(alice.iamId(), books(attribute("resource", "stringEqualsAnyOf",
                AttributeValues.encode(List.of("fiction", "poetry")))), null, null));
        assertThat(s.access.permits(alice, "books.shelf.read", fiction)).isTrue();
        assertThat(s.access.permits(alice, "books.shelf.read", Resource.of(ACCOUNT, "books", "shelf", "history")))
                .isFalse();
        Principal bob = s.member("IBMid-BOB0000001");
        s.policies.create(OWNER, v2(bob.iamId(), books(attribute("serviceInstance", "stringExists", "false")),
                null, null));
        assertThat(s.access.permits(bob, "books.shelf.read", fiction)).as("no instance on the target").isTrue();
        assertThat(s.access.permits(bob, "books.shelf.read", new Resource(java.util.Map.of("accountId", ACCOUNT,
                "serviceName", "books", "serviceInstance", "i-1")))).isFalse();
    }

    @Test
    void theV1ApiReadsV2PoliciesButCannotReplaceOnesWithConditions() {
        Policy timed = s.policies.create(OWNER, v2(alice.iamId(), books(), "time-based-conditions:weekly:custom-hours",
                weekdaysNineToFive()));
        assertThat(s.policies.get(OWNER, timed.id()).rule()).isEqualTo(weekdaysNineToFive());
        PolicyRequest v1 = new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(
                new Policy.Attribute("iam_id", alice.iamId(), null)))), List.of(Role.READER.crn()),
                List.of(new PolicyRequest.ResourceSpec(List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", "books", null)), null)), null);
        assertThatThrownBy(() -> s.policies.replace(OWNER, timed.id(), "*", v1))
                .hasMessageContaining("through PUT /v2/policies/" + timed.id());
        Policy other = s.policies.create(OWNER, v1);
        assertThat(other.rule()).isNull();
        Policy deactivated = s.policies.updateState(OWNER, timed.id(), "*", "deleted");
        assertThat(deactivated.rule()).as("a state change keeps the conditions").isEqualTo(weekdaysNineToFive());
    }

    @Test
    void aPolicyForSomeoneNotYetAMemberIsKeptAndGrantsNothingUntilTheyJoin() {
        Policy early = s.policies.create(OWNER, v2("IBMid-NEWCOMER01", books(), null, null));
        assertThat(s.policies.subjectIsMember(early)).isFalse();
        Principal newcomer = s.member("IBMid-NEWCOMER01");
        assertThat(s.policies.subjectIsMember(early)).isTrue();
        assertThat(s.access.permits(newcomer, "books.shelf.read", fiction)).isTrue();
    }

    @Test
    void listsFilterByTheResourceAndSortAsIbmAsks() {
        Policy books = s.policies.create(OWNER, v2(alice.iamId(), books(), null, null));
        s.clock.set(s.clock.instant().plusSeconds(60));
        Policy music = s.policies.create(OWNER, v2(alice.iamId(), List.of(attribute("accountId", "stringEquals", ACCOUNT),
                attribute("serviceName", "stringEquals", "music")), null, null));
        ListPolicies all = new ListPolicies(ACCOUNT, alice.iamId(), null, null, ListPolicies.State.ACTIVE, 0, 10);
        assertThat(s.policies.list(OWNER, all).items()).containsExactly(books, music);
        assertThat(s.policies.list(OWNER, new ListPolicies(ACCOUNT, alice.iamId(), null, null,
                ListPolicies.State.ACTIVE, 0, 10, "music", null, null, null, null, null)).items())
                .containsExactly(music);
        assertThat(s.policies.list(OWNER, new ListPolicies(ACCOUNT, alice.iamId(), null, null,
                ListPolicies.State.ACTIVE, 0, 10, null, null, null, null, null, "-created_at")).items())
                .containsExactly(music, books);
        assertThat(s.policies.list(alice, new ListPolicies(ACCOUNT, alice.iamId(), null, null,
                ListPolicies.State.ACTIVE, 0, 1, null, null, null, null, null, "-created_at")).items())
                .as("a subject reads its own, filtered and sorted too").containsExactly(music);
        assertThatThrownBy(() -> s.policies.list(OWNER, new ListPolicies(ACCOUNT, null, null, null,
                ListPolicies.State.ACTIVE, 0, 10, null, null, null, null, null, "colour")))
                .hasMessageContaining("Parameter 'sort'");
        assertThatThrownBy(() -> s.policies.list(OWNER, new ListPolicies(ACCOUNT, null, null, null,
                ListPolicies.State.ACTIVE, 0, 10, null, "everything", null, null, null, null)))
                .hasMessageContaining("Parameter 'service_type'");
    }

    @Test
    void badV2RequestsNameTheField() {
        record Case(PolicyRequest request, String message) {
        }
        Policy.Rule ipRule = Policy.Rule.condition("{{environment.attributes.ip}}", "stringEquals", "10.0.0.1");
        List<Case> cases = List.of(
                new Case(new PolicyRequest(PolicyRequest.Api.V2, "access", List.of(new PolicyRequest.Subject(List.of(
                        attribute("iam_id", "stringMatch", alice.iamId())))), List.of(Role.READER.crn()),
                        List.of(new PolicyRequest.ResourceSpec(books(), null)), null, null, null),
                        "'subject.attributes[0].operator' must be stringEquals"),
                new Case(v2(alice.iamId(), books(attribute("resource", "stringEqualsAnyOf", "fiction")), null, null),
                        "must be a list of strings"),
                new Case(v2(alice.iamId(), books(attribute("resource", "stringExists", "maybe")), null, null),
                        "must be true or false"),
                new Case(v2(alice.iamId(), books(), null, weekdaysNineToFive()), "'pattern'"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:once", weekdaysNineToFive()),
                        "takes conditions on"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:once", ipRule), "'rule.key'"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:once",
                        Policy.Rule.condition(null, null, null)), "'rule.key'"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:weekly:all-day",
                        Policy.Rule.condition(Conditions.DAY_OF_WEEK, "dayOfWeekEquals", "8+00:00")), "'rule.value'"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:weekly:custom-hours",
                        Policy.Rule.group("and", List.of(Policy.Rule.condition(Conditions.CURRENT_TIME,
                                "dateTimeLessThan", "09:00:00+00:00")))), "'rule.conditions[0].operator'"),
                new Case(v2(alice.iamId(), books(), "time-based-conditions:weekly:custom-hours",
                        Policy.Rule.group("xor", List.of())), "'rule.operator'"));
        for (Case c : cases) {
            assertThatThrownBy(() -> s.policies.create(OWNER, c.request())).as(c.message())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains(c.message());
                    });
        }
        assertThat(s.stores.policies.forSubject(ACCOUNT, alice.iamId())).isEmpty();
    }
}
