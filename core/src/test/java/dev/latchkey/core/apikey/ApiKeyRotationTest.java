package dev.latchkey.core.apikey;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.leak.LeakReport;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.token.TokenOutcome;
import dev.latchkey.core.token.TokenRefusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Rotation with overlap (decision 0032) on the in-memory stores, with the clock moved by hand. */
class ApiKeyRotationTest {
    final InMemoryServices s = new InMemoryServices();
    final InMemoryApiKeyStore keys = s.stores.keys;
    final ApiKeyService service = s.apiKeys;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    CreatedApiKey aliceKey(String action) {
        return service.create(alice, new CreateApiKey("ci", alice.iamId(), "for CI", null, null, null, null, action,
                null, false, false));
    }

    boolean works(Secret value) {
        return s.tokens.exchange(value, null, null, "default", "10.1.2.3") instanceof TokenOutcome.Issued;
    }

    TokenRefusal refusal(Secret value) {
        return ((TokenOutcome.Refused) s.tokens.exchange(value, null, null, "default", "10.1.2.3")).refusal();
    }

    boolean detailsFind(Secret value) {
        try {
            service.details(value);
            return true;
        } catch (DomainException notFound) {
            assertThat(notFound.errorCode()).isEqualTo(ErrorCode.NOT_FOUND);
            return false;
        }
    }

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void theKeyKeepsItsIdAndSettingsAndBothValuesWorkUntilExactlyTheEndOfTheGrace() {
        CreatedApiKey created = aliceKey("disable");
        ApiKey before = created.key();
        CreatedApiKey rotated = service.rotate(alice, before.id(), null, 3600);

        ApiKey after = rotated.key();
        assertThat(rotated.value().reveal()).isNotEqualTo(created.value().reveal()).startsWith("lk_");
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.name()).isEqualTo("ci");
        assertThat(after.description()).isEqualTo("for CI");
        assertThat(after.actionWhenLeaked()).isEqualTo(LeakAction.DISABLE);
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.previousHash()).isEqualTo(before.hash());
        assertThat(after.previousHashUntil()).isEqualTo(T0.plusSeconds(3600));
        assertThat(keys.find(before.id())).contains(after);
        assertThat(keys.history(before.id())).extracting(HistoryEntry::action).containsExactly("create", "rotate");

        s.clock.set(T0.plusSeconds(3600).minusMillis(1));
        assertThat(works(created.value())).as("the old value, 1 ms before the end").isTrue();
        assertThat(detailsFind(created.value())).isTrue();
        assertThat(works(rotated.value())).isTrue();

        s.clock.set(T0.plusSeconds(3600));
        assertThat(refusal(created.value())).as("the old value, at the end").isEqualTo(TokenRefusal.KEY_NOT_FOUND);
        assertThat(detailsFind(created.value())).isFalse();
        assertThat(works(rotated.value())).isTrue();
        assertThat(service.details(rotated.value()).key().id()).isEqualTo(before.id());
    }

    @Test
    void noGraceRefusesTheOldValueAtOnceAndKeepsNoPreviousHash() {
        CreatedApiKey created = aliceKey(null);
        CreatedApiKey rotated = service.rotate(alice, created.key().id(), null, 0);
        assertThat(rotated.key().previousHash()).isNull();
        assertThat(rotated.key().previousHashUntil()).isNull();
        assertThat(works(created.value())).isFalse();
        assertThat(works(rotated.value())).isTrue();
        assertThat(keys.history(created.key().id()).get(1).message())
                .isEqualTo("API key rotated; the previous value stopped working at once");
    }

    @Test
    void rotatingAgainDuringAGraceEndsTheEarlierGraceAtOnce() {
        CreatedApiKey first = aliceKey(null);
        CreatedApiKey second = service.rotate(alice, first.key().id(), null, 86_400);
        s.clock.advance(Duration.ofMinutes(5));
        CreatedApiKey third = service.rotate(alice, first.key().id(), null, 600);

        assertThat(works(first.value())).as("the first value: its grace was ended by the second rotation").isFalse();
        assertThat(detailsFind(first.value())).isFalse();
        assertThat(works(second.value())).isTrue();
        assertThat(works(third.value())).isTrue();
        assertThat(keys.history(first.key().id()).get(2).message()).endsWith(
                "(grace 600 seconds); the value replaced by the rotation before stopped working");
        s.clock.advance(Duration.ofSeconds(600));
        assertThat(works(second.value())).isFalse();
        assertThat(works(third.value())).isTrue();
    }

    @Test
    void aGraceOutsideZeroToSevenDaysIsRefusedAndNothingChanges() {
        CreatedApiKey created = aliceKey(null);
        refused(ErrorCode.INVALID_REQUEST, () -> service.rotate(alice, created.key().id(), null, -1));
        refused(ErrorCode.INVALID_REQUEST, () -> service.rotate(alice, created.key().id(), null, 604_801));
        assertThat(keys.find(created.key().id())).contains(created.key());
        assertThat(service.rotate(alice, created.key().id(), null, 604_800).key().previousHashUntil())
                .isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void aLockedKeyIsNotRotated() {
        CreatedApiKey created = aliceKey(null);
        service.setLocked(alice, created.key().id(), true);
        refused(ErrorCode.INVALID_STATE, () -> service.rotate(alice, created.key().id(), null, 60));
        assertThat(works(created.value())).isTrue();
        assertThat(keys.history(created.key().id())).extracting(HistoryEntry::action).containsExactly("create", "lock");
    }

    @Test
    void ifMatchIsOptionalButWhenSentMustNameTheCurrentVersion() {
        CreatedApiKey created = aliceKey(null);
        ApiKey key = created.key();
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> service.rotate(alice, key.id(), EntityTag.of(key.id(), 7), 60));
        ApiKey once = service.rotate(alice, key.id(), EntityTag.of(key.id(), key.version()), 60).key();
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> service.rotate(alice, key.id(),
                EntityTag.of(key.id(), key.version()), 60));
        assertThat(service.rotate(alice, key.id(), "*", 60).key().version()).isEqualTo(once.version() + 1);
    }

    @Test
    void othersAreRefusedAndEveryRotationIsToldToTheOwnerAsBySomeoneElseWhenSo() {
        CreatedApiKey created = aliceKey(null);
        refused(ErrorCode.FORBIDDEN, () -> service.rotate(bob, created.key().id(), null, 60));
        assertThat(works(created.value())).isTrue();
        assertThat(s.notified).isEmpty();

        ApiKey own = service.rotate(alice, created.key().id(), null, 60).key();
        assertThat(s.notified).as("the key's own identity rotated it: a plain notice").singleElement()
                .satisfies(event -> {
                    assertThat(event.kind()).isEqualTo(KeyEvent.Kind.ROTATED);
                    assertThat(event.actorIamId()).isEqualTo(alice.iamId());
                    assertThat(event.identityIamId()).isEqualTo(alice.iamId());
                    assertThat(event.displayPrefix()).isEqualTo(own.displayPrefix());
                    assertThat(event.previousValueUntil()).isEqualTo(T0.plusSeconds(60));
                    assertThat(event.actionTaken()).isEqualTo(KeyEvent.Action.ROTATED);
                });
        s.notified.clear();

        s.grantOnIdentity(bob, Role.ADMINISTRATOR);
        ApiKey rotated = service.rotate(bob, created.key().id(), null, 120).key();
        assertThat(s.notified).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(KeyEvent.Kind.ROTATED_BY_OTHER);
            assertThat(event.actorIamId()).isEqualTo(bob.iamId());
            assertThat(event.identityIamId()).isEqualTo(alice.iamId());
            assertThat(event.displayPrefix()).isEqualTo(rotated.displayPrefix());
            assertThat(event.previousValueUntil()).isEqualTo(T0.plusSeconds(120));
            assertThat(event.actionTaken()).isEqualTo(KeyEvent.Action.ROTATED);
        });
        assertThat(keys.history(created.key().id()).get(2).iamId()).isEqualTo(bob.iamId());
    }

    @Test
    void aStoredServiceIdKeyStoresTheNewValueAndAPlainOneStoresNone() {
        String id = "ServiceId-rot";
        s.stores.serviceIds.insert(new ServiceId(id, IamIds.ofServiceId(id), ACCOUNT, "deployer", null, List.of(),
                false, T0, T0, OWNER.iamId(), 1), new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        CreatedApiKey stored = service.create(OWNER, new CreateApiKey("stored", IamIds.ofServiceId(id), null, null,
                null, true, null, null, null, false, false));
        CreatedApiKey plain = service.create(OWNER, new CreateApiKey("plain", IamIds.ofServiceId(id), null, null,
                null, false, null, null, null, false, false));

        CreatedApiKey rotated = service.rotate(OWNER, stored.key().id(), null, 60);
        assertThat(service.storedValue(rotated.key()).orElseThrow().reveal()).isEqualTo(rotated.value().reveal());
        assertThat(works(stored.value())).isTrue();
        assertThat(works(rotated.value())).isTrue();

        ApiKey plainRotated = service.rotate(OWNER, plain.key().id(), null, 60).key();
        assertThat(service.storedValue(plainRotated)).isEmpty();
        assertThat(service.hasStoredValue(plainRotated)).isFalse();
    }

    @Test
    void theHistoryNamesTheGraceAndNeverAValue() {
        CreatedApiKey created = aliceKey(null);
        CreatedApiKey rotated = service.rotate(alice, created.key().id(), null, 3600);
        HistoryEntry entry = keys.history(created.key().id()).get(1);
        assertThat(entry.action()).isEqualTo("rotate");
        assertThat(entry.params()).containsExactly("grace_seconds");
        assertThat(entry.message()).isEqualTo("API key rotated; the previous value works until "
                + T0.plusSeconds(3600) + " (grace 3600 seconds)");
        assertThat(entry.message()).doesNotContain(created.value().reveal(), rotated.value().reveal(),
                created.key().hash(), rotated.key().hash());
    }

    @Test
    void aLeakedPreviousValueInItsGraceTriggersTheKeysActionAndAfterItIsNoKey() {
        CreatedApiKey created = aliceKey("disable");
        CreatedApiKey rotated = service.rotate(alice, created.key().id(), null, 3600);
        s.leaks.report(List.of(new LeakReport(new Secret(created.value().reveal()), "latchkey_api_key", null, null)),
                "IBMid-REPORTER01");
        ApiKey now = keys.find(created.key().id()).orElseThrow();
        assertThat(now.disabled()).as("the leaked old value disabled the key").isTrue();
        assertThat(works(rotated.value())).isFalse();

        CreatedApiKey other = aliceKey("disable");
        CreatedApiKey otherRotated = service.rotate(alice, other.key().id(), null, 60);
        s.clock.advance(Duration.ofSeconds(60));
        List<?> verdicts = s.leaks.report(List.of(new LeakReport(new Secret(other.value().reveal()),
                "latchkey_api_key", null, null)), "IBMid-REPORTER01");
        assertThat(verdicts).hasSize(1);
        assertThat(keys.find(other.key().id()).orElseThrow().disabled())
                .as("a value whose grace ended is no longer the key's").isFalse();
        assertThat(works(otherRotated.value())).isTrue();
    }

    @Test
    void changesDuringTheGraceKeepIt() {
        CreatedApiKey created = aliceKey(null);
        ApiKey rotated = service.rotate(alice, created.key().id(), null, 3600).key();
        service.update(alice, rotated.id(), "*", new UpdateApiKey("renamed", null, null, null, null, false));
        service.setLocked(alice, rotated.id(), true);
        ApiKey now = keys.find(rotated.id()).orElseThrow();
        assertThat(now.previousHash()).isEqualTo(created.key().hash());
        assertThat(now.previousHashUntil()).isEqualTo(Instant.parse("2026-01-02T04:04:05Z"));
        assertThat(works(created.value())).isTrue();
        service.setDisabled(alice, rotated.id(), true);
        assertThat(refusal(created.value())).as("a disabled key refuses both values").isEqualTo(TokenRefusal.KEY_DISABLED);
    }
}
