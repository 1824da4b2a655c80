package dev.latchkey.core.apikey;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.serviceid.ServiceId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ApiKeyServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final InMemoryApiKeyStore keys = s.stores.keys;
    final ApiKeyService service = s.apiKeys;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    static CreateApiKey userKey(String name, String iamId) {
        return new CreateApiKey(name, iamId, null, null, null, null, null, null, null, false, false);
    }

    static UpdateApiKey rename(String name) {
        return new UpdateApiKey(name, null, null, null, null, false);
    }

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    ServiceId serviceId(String uuid) {
        String id = "ServiceId-" + uuid;
        ServiceId serviceId = new ServiceId(id, IamIds.ofServiceId(id), ACCOUNT, "svc " + uuid, null, List.of(), false,
                T0, T0, OWNER.iamId(), 1);
        s.stores.serviceIds.insert(serviceId, new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return serviceId;
    }

    @Test
    void theOwnerOfAKeyMayReadChangeLockDisableAndDeleteIt() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        assertThat(service.get(alice, key.id())).isEqualTo(key);
        ApiKey renamed = service.update(alice, key.id(), EntityTag.of(key.id(), key.version()), rename("renamed"));
        assertThat(keys.find(key.id())).contains(renamed);
        service.setLocked(alice, key.id(), true);
        service.setLocked(alice, key.id(), false);
        service.setDisabled(alice, key.id(), true);
        service.setDisabled(alice, key.id(), false);
        assertThat(keys.history(key.id())).extracting(HistoryEntry::action)
                .containsExactly("create", "update", "lock", "unlock", "disable", "enable");
        service.delete(alice, key.id());
        assertThat(keys.find(key.id())).isEmpty();
        assertThat(s.notified).as("nobody else acted on the key").isEmpty();
    }

    @Test
    void othersAreRefusedEveryOperationAndNothingChanges() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        refused(ErrorCode.FORBIDDEN, () -> service.get(bob, key.id()));
        refused(ErrorCode.FORBIDDEN, () -> service.update(bob, key.id(), "*", rename("taken")));
        refused(ErrorCode.FORBIDDEN, () -> service.setLocked(bob, key.id(), true));
        refused(ErrorCode.FORBIDDEN, () -> service.setDisabled(bob, key.id(), true));
        refused(ErrorCode.FORBIDDEN, () -> service.delete(bob, key.id()));
        refused(ErrorCode.FORBIDDEN, () -> service.get(STRANGER, key.id()));
        assertThat(keys.find(key.id())).contains(key);
        assertThat(keys.history(key.id())).hasSize(1);
    }

    @Test
    void anIdentityAdministratorMayActOnOthersKeysAndTheOwnerHearsOfIt() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        s.grantOnIdentity(bob, Role.ADMINISTRATOR);
        assertThat(service.get(bob, key.id())).isEqualTo(key);
        service.setDisabled(bob, key.id(), true);
        assertThat(keys.find(key.id()).orElseThrow().disabled()).isTrue();
        service.delete(bob, key.id());
        assertThat(keys.find(key.id())).isEmpty();
        assertThat(s.notified).extracting(KeyEvent::kind)
                .containsExactly(KeyEvent.Kind.DISABLED_BY_OTHER, KeyEvent.Kind.DELETED_BY_OTHER);
        assertThat(s.notified).allSatisfy(e -> assertThat(e.actorIamId()).isEqualTo(bob.iamId()));
    }

    @Test
    void aViewerOnTheIdentityServiceIsNoAdministrator() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        s.grantOnIdentity(bob, Role.VIEWER);
        refused(ErrorCode.FORBIDDEN, () -> service.delete(bob, key.id()));
        assertThat(keys.find(key.id())).isPresent();
    }

    @Test
    void aServiceIdsKeysAreForWhoeverMayUpdateThatServiceId() {
        ServiceId mine = serviceId("1");
        ServiceId other = serviceId("2");
        s.grant(bob.iamId(), Role.EDITOR, "serviceName", Policy.IAM_IDENTITY, "resourceType", "serviceid",
                "resource", mine.id());
        refused(ErrorCode.FORBIDDEN, () -> service.create(alice, userKey("svc", mine.iamId())));
        ApiKey key = service.create(bob, userKey("svc", mine.iamId())).key();
        assertThat(key.isServiceIdKey()).isTrue();
        refused(ErrorCode.FORBIDDEN, () -> service.create(bob, userKey("other", other.iamId())));
        service.setLocked(bob, key.id(), true);
        service.setLocked(bob, key.id(), false);
        refused(ErrorCode.FORBIDDEN, () -> service.get(alice, key.id()));
        service.delete(bob, key.id());
        assertThat(keys.find(key.id())).isEmpty();
    }

    @Test
    void theAccountWideServiceIdKeyListingShowsAManagerOfSomeServiceIdsJustTheirKeys() {
        ServiceId mine = serviceId("1");
        ServiceId other = serviceId("2");
        s.grant(bob.iamId(), Role.EDITOR, "serviceName", Policy.IAM_IDENTITY, "resourceType", "serviceid",
                "resource", mine.id());
        for (int i = 0; i < 3; i++) {
            service.create(OWNER, userKey("mine " + i, mine.iamId()));
            service.create(OWNER, userKey("other " + i, other.iamId()));
        }
        ListApiKeys serviceIdKeys = new ListApiKeys(ACCOUNT, null, ListApiKeys.Scope.ACCOUNT,
                ApiKeyQuery.KeyType.SERVICEID, null, ApiKeyQuery.SortField.NAME, false, 0, 2);
        var first = service.list(bob, serviceIdKeys);
        assertThat(first.items()).extracting(ApiKey::name).containsExactly("mine 0", "mine 1");
        assertThat(first.hasMore()).isTrue();
        var second = service.list(bob, new ListApiKeys(ACCOUNT, null, ListApiKeys.Scope.ACCOUNT,
                ApiKeyQuery.KeyType.SERVICEID, null, ApiKeyQuery.SortField.NAME, false, 2, 2));
        assertThat(second.items()).extracting(ApiKey::name).containsExactly("mine 2");
        assertThat(second.hasMore()).isFalse();
        assertThat(service.list(OWNER, serviceIdKeys).items()).extracting(ApiKey::name)
                .as("the owner sees every service ID's keys").containsExactly("mine 0", "mine 1");
        assertThat(service.mayListServiceIdKeys(bob, ACCOUNT)).isTrue();
        assertThat(service.mayListServiceIdKeys(alice, ACCOUNT)).isFalse();
        refused(ErrorCode.FORBIDDEN, () -> service.list(alice, serviceIdKeys));
        refused(ErrorCode.FORBIDDEN, () -> service.list(bob, new ListApiKeys(ACCOUNT, null, ListApiKeys.Scope.ACCOUNT,
                ApiKeyQuery.KeyType.USER, null, ApiKeyQuery.SortField.NAME, false, 0, 2)));
        refused(ErrorCode.FORBIDDEN, () -> service.list(bob, new ListApiKeys(ACCOUNT, null, ListApiKeys.Scope.ACCOUNT,
                null, null, ApiKeyQuery.SortField.NAME, false, 0, 2)));
    }

    @Test
    void userKeysAreMadeOnlyForYourselfOrByAnAdministratorForAFunctionalId() {
        refused(ErrorCode.FORBIDDEN, () -> service.create(alice, userKey("for bob", bob.iamId())));
        Principal robot = s.member("IBMid-ROBOT00001", true);
        refused(ErrorCode.FORBIDDEN, () -> service.create(alice, userKey("for robot", robot.iamId())));
        s.grantOnIdentity(alice, Role.ADMINISTRATOR);
        refused(ErrorCode.FORBIDDEN, () -> service.create(alice, userKey("for bob", bob.iamId())));
        assertThat(service.create(alice, userKey("for robot", robot.iamId())).key().iamId()).isEqualTo(robot.iamId());
        refused(ErrorCode.INVALID_REQUEST, () -> service.create(alice, userKey("stranger", STRANGER.iamId())));
        assertThat(keys.all()).hasSize(1);
    }

    @Test
    void aLockedKeyCannotBeChangedOrDeletedButCanBeDisabled() {
        ApiKey key = service.create(alice, new CreateApiKey("locked", alice.iamId(), null, null, null, null, null,
                null, null, true, false)).key();
        refused(ErrorCode.INVALID_STATE, () -> service.update(alice, key.id(), "*", rename("changed")));
        refused(ErrorCode.INVALID_STATE, () -> service.delete(alice, key.id()));
        assertThat(keys.find(key.id())).contains(key);
        service.setDisabled(alice, key.id(), true);
        service.setLocked(alice, key.id(), false);
        service.delete(alice, key.id());
        assertThat(keys.find(key.id())).isEmpty();
    }

    @Test
    void anUpdateNeedsTheCurrentEntityTag() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        String first = EntityTag.of(key.id(), key.version());
        refused(ErrorCode.MISSING_IF_MATCH, () -> service.update(alice, key.id(), null, rename("x")));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> service.update(alice, key.id(), EntityTag.of(key.id(), 7),
                rename("x")));
        ApiKey renamed = service.update(alice, key.id(), "\"" + first + "\"", rename("once"));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> service.update(alice, key.id(), first, rename("twice")));
        assertThat(keys.find(key.id())).contains(renamed);
        assertThat(service.update(alice, key.id(), "*", rename("any")).name()).isEqualTo("any");
    }

    @Test
    void lockingUnlockingDisablingAndEnablingTwiceIsAConflict() {
        ApiKey key = service.create(alice, userKey("mine", alice.iamId())).key();
        refused(ErrorCode.INVALID_STATE, () -> service.setLocked(alice, key.id(), false));
        refused(ErrorCode.INVALID_STATE, () -> service.setDisabled(alice, key.id(), false));
        service.setLocked(alice, key.id(), true);
        refused(ErrorCode.INVALID_STATE, () -> service.setLocked(alice, key.id(), true));
        service.setDisabled(alice, key.id(), true);
        refused(ErrorCode.INVALID_STATE, () -> service.setDisabled(alice, key.id(), true));
        assertThat(keys.find(key.id()).orElseThrow().version()).as("two writes, no more").isEqualTo(3);
    }

    @Test
    void restrictedUserApiKeyCreationNeedsTheCreatorRoleExplicitlyEvenForTheOwner() {
        s.settings("RESTRICTED", "");
        refused(ErrorCode.FORBIDDEN, () -> service.create(OWNER, userKey("owner's", OWNER.iamId())));
        refused(ErrorCode.FORBIDDEN, () -> service.create(alice, userKey("alice's", alice.iamId())));
        ServiceId svc = serviceId("1");
        assertThat(service.create(OWNER, userKey("service keys are not restricted", svc.iamId())).key()).isNotNull();
        s.grantOnIdentity(alice, Role.USER_API_KEY_CREATOR);
        assertThat(service.create(alice, userKey("alice's", alice.iamId())).key().iamId()).isEqualTo(alice.iamId());
        s.settings("NOT_RESTRICTED", "");
        assertThat(service.create(OWNER, userKey("owner's", OWNER.iamId())).key()).isNotNull();
    }

    @Test
    void aUserHasAtMostTwentyKeysInAnAccountAndTheRefusedOneIsNotWritten() {
        for (int i = 0; i < ApiKeyService.MAX_USER_KEYS_PER_ACCOUNT; i++) {
            service.create(alice, userKey("key " + i, alice.iamId()));
        }
        refused(ErrorCode.LIMIT_REACHED, () -> service.create(alice, userKey("one too many", alice.iamId())));
        assertThat(keys.all()).hasSize(ApiKeyService.MAX_USER_KEYS_PER_ACCOUNT);
        assertThat(s.stores.tx.rolledBack()).isEqualTo(1);
        assertThat(service.create(bob, userKey("bob's own", bob.iamId())).key()).isNotNull();
    }

    @Test
    void aSuppliedValueMustBeUniqueAndWellFormed() {
        String value = s.format.generate(s.random);
        CreateApiKey supplied = new CreateApiKey("supplied", alice.iamId(), null, null, value, null, null, null, null,
                false, false);
        CreatedApiKey created = service.create(alice, supplied);
        assertThat(created.key().hash()).isEqualTo(ApiKeyHash.of(value));
        refused(ErrorCode.DUPLICATE_VALUE, () -> service.create(bob, new CreateApiKey("copy", bob.iamId(), null, null,
                value, null, null, null, null, false, false)));
        String broken = value.substring(0, value.length() - 1) + (value.endsWith("A") ? "B" : "A");
        refused(ErrorCode.INVALID_REQUEST, () -> service.create(bob, new CreateApiKey("broken", bob.iamId(), null,
                null, broken, null, null, null, null, false, false)));
        assertThat(keys.all()).hasSize(1);
    }

    @Test
    void anUnknownKeyIsNotFoundForAnyone() {
        refused(ErrorCode.NOT_FOUND, () -> service.get(OWNER, "ApiKey-missing"));
        refused(ErrorCode.NOT_FOUND, () -> service.delete(OWNER, "ApiKey-missing"));
    }
}
