package dev.latchkey.core.serviceid;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.ListApiKeys;
import dev.latchkey.core.common.Principal;
import org.junit.jupiter.api.Test;

/** The questions the console asks before it offers a service ID, its actions or its keys. */
class ServiceIdQueriesTest {
    final InMemoryServices s = new InMemoryServices();
    final ServiceIdService service = s.serviceIds;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    static CreateServiceId named(String name) {
        return new CreateServiceId(null, name, null, null, null, false);
    }

    static ListServiceIds page(int offset, int limit) {
        return new ListServiceIds(null, null, null, ServiceIdQuery.SortField.NAME, false, offset, limit);
    }

    @Test
    void aMemberSeesTheServiceIdsTheyMayViewAndAnAdministratorSeesAll() {
        ServiceId a1 = service.create(alice, named("a-one")).serviceId();
        ServiceId a2 = service.create(alice, named("a-two")).serviceId();
        ServiceId b1 = service.create(bob, named("b-one")).serviceId();
        assertThat(service.listVisible(alice, page(0, 10)).items()).containsExactly(a1, a2);
        assertThat(service.listVisible(bob, page(0, 10)).items()).containsExactly(b1);
        assertThat(service.listVisible(OWNER, page(0, 10)).items()).containsExactly(a1, a2, b1);
        var first = service.listVisible(alice, page(0, 1));
        assertThat(first.items()).containsExactly(a1);
        assertThat(first.hasMore()).isTrue();
        var second = service.listVisible(alice, page(1, 1));
        assertThat(second.items()).containsExactly(a2);
        assertThat(second.hasMore()).isFalse();
        Principal viewer = s.member("IBMid-VIEWER0001");
        s.grantOnIdentity(viewer, Role.VIEWER);
        assertThat(service.listVisible(viewer, page(0, 10)).items()).containsExactly(a1, a2, b1);
        assertThat(service.listVisible(s.member("IBMid-NOBODY0001"), page(0, 10)).items()).isEmpty();
    }

    @Test
    void mayChangeAndMayDeleteFollowThePolicies() {
        ServiceId mine = service.create(alice, named("mine")).serviceId();
        assertThat(service.mayChange(alice, mine)).isTrue();
        assertThat(service.mayDelete(alice, mine)).isTrue();
        assertThat(service.mayChange(bob, mine)).isFalse();
        assertThat(service.mayDelete(bob, mine)).isFalse();
        s.grantOnIdentity(bob, Role.EDITOR);
        assertThat(service.mayChange(bob, mine)).isTrue();
        assertThat(service.mayDelete(bob, mine)).isFalse();
    }

    @Test
    void whyNoCreateSaysWhyAServiceIdOrTheRestrictionRefuses() {
        assertThat(service.whyNoCreate(alice)).isEmpty();
        ServiceId made = service.create(alice, named("x")).serviceId();
        assertThat(service.whyNoCreate(new Principal(made.iamId(), ACCOUNT))).get().asString()
                .contains("Service IDs cannot create service IDs");
    }

    @Test
    void keysOfAServiceIdAreForWhoMayUpdateItAndAStoredValueIsKnownWithoutOpeningIt() {
        ServiceId mine = service.create(alice, named("mine")).serviceId();
        assertThat(s.apiKeys.mayManageKeysOf(alice, ACCOUNT, mine.iamId())).isTrue();
        assertThat(s.apiKeys.mayManageKeysOf(bob, ACCOUNT, mine.iamId())).isFalse();
        assertThat(s.apiKeys.mayManageKeysOf(bob, ACCOUNT, bob.iamId())).isTrue();
        assertThat(s.apiKeys.mayManageKeysOf(OWNER, ACCOUNT, bob.iamId())).isTrue();
        ApiKey saved = s.apiKeys.create(alice, new CreateApiKey("saved", mine.iamId(), null, null, null, true, null,
                null, null, false, false)).key();
        ApiKey unsaved = s.apiKeys.create(alice, new CreateApiKey("unsaved", mine.iamId(), null, null, null, false,
                null, null, null, false, false)).key();
        assertThat(s.apiKeys.hasStoredValue(saved)).isTrue();
        assertThat(s.apiKeys.hasStoredValue(unsaved)).isFalse();
        assertThat(s.apiKeys.list(alice, new ListApiKeys(null, mine.iamId(), ListApiKeys.Scope.ENTITY, null, null,
                dev.latchkey.core.apikey.ApiKeyQuery.SortField.NAME, false, 0, 10)).items())
                .containsExactly(saved, unsaved);
    }
}
