package dev.latchkey.core.serviceid;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ServiceIdServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final InMemoryServiceIdStore store = s.stores.serviceIds;
    final ServiceIdService service = s.serviceIds;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    static CreateServiceId named(String name) {
        return new CreateServiceId(null, name, null, null, null, false);
    }

    ApiKey keyFor(Principal caller, ServiceId serviceId, String name) {
        return s.apiKeys.create(caller, new CreateApiKey(name, serviceId.iamId(), null, null, null, null, null, null,
                null, false, false)).key();
    }

    @Test
    void aMemberCreatesAServiceIdAndMayThenManageItButOthersMayNot() {
        ServiceId created = service.create(alice, named("billing")).serviceId();
        assertThat(store.find(created.id())).contains(created);
        assertThat(store.history(created.id())).extracting(HistoryEntry::action).containsExactly("create");
        assertThat(service.get(alice, created.id())).isEqualTo(created);
        refused(ErrorCode.FORBIDDEN, () -> service.get(bob, created.id()));
        refused(ErrorCode.FORBIDDEN, () -> service.setLocked(bob, created.id(), true));
        refused(ErrorCode.FORBIDDEN, () -> service.delete(bob, created.id()));
        ServiceId renamed = service.update(alice, created.id(), EntityTag.of(created.id(), 1),
                new UpdateServiceId("invoicing", null, null));
        assertThat(store.find(created.id())).contains(renamed);
    }

    @Test
    void serviceIdsAndStrangersCannotCreateServiceIds() {
        ServiceId created = service.create(alice, named("billing")).serviceId();
        refused(ErrorCode.FORBIDDEN, () -> service.create(new Principal(created.iamId(), ACCOUNT), named("nested")));
        refused(ErrorCode.FORBIDDEN, () -> service.create(new Principal(STRANGER.iamId(), ACCOUNT), named("x")));
        refused(ErrorCode.INVALID_REQUEST, () -> service.create(STRANGER, new CreateServiceId(ACCOUNT, "x", null,
                null, null, false)));
        assertThat(s.stores.serviceIds.list(new ServiceIdQuery(ACCOUNT, null, null,
                ServiceIdQuery.SortField.CREATED_AT, false, 0, 10)).items()).containsExactly(created);
    }

    @Test
    void aLockedServiceIdCannotBeUpdatedOrDeletedAndLockingTwiceIsAConflict() {
        ServiceId created = service.create(alice, named("billing")).serviceId();
        service.setLocked(alice, created.id(), true);
        refused(ErrorCode.INVALID_STATE, () -> service.setLocked(alice, created.id(), true));
        refused(ErrorCode.INVALID_STATE, () -> service.update(alice, created.id(), "*",
                new UpdateServiceId("renamed", null, null)));
        refused(ErrorCode.INVALID_STATE, () -> service.delete(alice, created.id()));
        assertThat(store.find(created.id()).orElseThrow().name()).isEqualTo("billing");
        service.setLocked(alice, created.id(), false);
        refused(ErrorCode.INVALID_STATE, () -> service.setLocked(alice, created.id(), false));
        service.delete(alice, created.id());
        assertThat(store.find(created.id())).isEmpty();
    }

    @Test
    void anUpdateNeedsTheCurrentEntityTag() {
        ServiceId created = service.create(alice, named("billing")).serviceId();
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> service.update(alice, created.id(), EntityTag.of(created.id(), 2),
                new UpdateServiceId("x", null, null)));
        refused(ErrorCode.MISSING_IF_MATCH, () -> service.update(alice, created.id(), null,
                new UpdateServiceId("x", null, null)));
        assertThat(store.find(created.id())).contains(created);
    }

    @Test
    void deletingAServiceIdDeletesItsKeysAndPoliciesAndNothingElse() {
        ServiceId doomed = service.create(alice, named("doomed")).serviceId();
        ServiceId kept = service.create(alice, named("kept")).serviceId();
        ApiKey first = keyFor(alice, doomed, "one");
        ApiKey second = keyFor(alice, doomed, "two");
        ApiKey other = keyFor(alice, kept, "other");
        s.grant(doomed.iamId(), dev.latchkey.core.access.Role.VIEWER, "serviceName", "kms");
        service.delete(alice, doomed.id());
        assertThat(store.find(doomed.id())).isEmpty();
        assertThat(store.history(doomed.id())).isEmpty();
        assertThat(s.stores.keys.find(first.id())).isEmpty();
        assertThat(s.stores.keys.find(second.id())).isEmpty();
        assertThat(s.stores.keys.find(other.id())).isPresent();
        assertThat(s.stores.policies.forSubject(ACCOUNT, doomed.iamId())).isEmpty();
        assertThat(store.find(kept.id())).isPresent();
    }

    @Test
    void aServiceIdWhoseNestedKeyIsRefusedIsNotCreated() {
        CreateServiceId withBadKey = new CreateServiceId(null, "billing", null, null,
                new CreateServiceId.NestedApiKey("key", null, "too short", null, null, null), false);
        refused(ErrorCode.INVALID_REQUEST, () -> service.create(alice, withBadKey));
        assertThat(store.list(new ServiceIdQuery(ACCOUNT, null, null, ServiceIdQuery.SortField.CREATED_AT, false, 0,
                10)).items()).isEmpty();
        assertThat(s.stores.policies.forSubject(ACCOUNT, alice.iamId())).as("the creator's policy rolled back")
                .isEmpty();
        CreatedServiceId created = service.create(alice, new CreateServiceId(null, "billing", null, null,
                new CreateServiceId.NestedApiKey("key", null, null, true, null, null), false));
        assertThat(created.apiKey()).isNotNull();
        assertThat(s.apiKeys.storedValue(created.apiKey().key()).map(Secret::reveal))
                .contains(created.apiKey().value().reveal());
    }

    @Test
    void theOwnerMayDeleteAnyServiceIdOfTheAccount() {
        ServiceId created = service.create(alice, named("billing")).serviceId();
        service.delete(OWNER, created.id());
        assertThat(store.find(created.id())).isEmpty();
    }
}
