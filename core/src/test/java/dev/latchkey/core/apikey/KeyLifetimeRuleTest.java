package dev.latchkey.core.apikey;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.settings.UpdateAccountSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@code apikey_max_lifetime_days}: creates and expiry changes of user and service ID keys are refused beyond it,
 * existing keys keep working and are reported, and service credentials' keys are outside it.
 */
class KeyLifetimeRuleTest {
    final InMemoryServices s = new InMemoryServices();
    final ApiKeyService service = s.apiKeys;
    final Principal alice = s.member("IBMid-ALICE00001");

    void maxLifetime(String days) {
        s.settings.update(OWNER, ACCOUNT, "*", new UpdateAccountSettings(null, null, null, null, null, null, null,
                null, null, null, null, null, days, null));
    }

    static CreateApiKey key(String name, String iamId, Instant expiresAt) {
        return new CreateApiKey(name, iamId, null, null, null, null, null, null, expiresAt, false, false);
    }

    static UpdateApiKey expiry(Instant expiresAt, boolean remove) {
        return new UpdateApiKey(null, null, null, null, expiresAt, remove);
    }

    static void invalid(ThrowingCallable call, String... parts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST)).hasMessageContainingAll(parts);
    }

    String serviceIdIamId() {
        String id = "ServiceId-11111111-2222-3333-4444-555555555555";
        s.stores.serviceIds.insert(new ServiceId(id, IamIds.ofServiceId(id), ACCOUNT, "svc", null, List.of(), false,
                T0, T0, OWNER.iamId(), 1), new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return IamIds.ofServiceId(id);
    }

    @Test
    void withoutTheSettingAKeyMayLiveForeverAsInIbmsModel() {
        assertThat(service.create(alice, key("forever", alice.iamId(), null)).key().expiresAt()).isNull();
    }

    @Test
    void aCreateWithoutExpiryOrBeyondTheLimitIsRefusedAndWritesNothing() {
        maxLifetime("90");
        Instant limit = T0.plus(Duration.ofDays(90));
        invalid(() -> service.create(alice, key("forever", alice.iamId(), null)), "Field 'expires_at' is required",
                "apikey_max_lifetime_days is 90", limit.toString());
        invalid(() -> service.create(alice, key("long", alice.iamId(), limit.plusMillis(1))),
                "Field 'expires_at' must be no later than " + limit, "apikey_max_lifetime_days");
        String serviceId = serviceIdIamId();
        invalid(() -> service.create(OWNER, key("svc", serviceId, null)), "'expires_at' is required");
        assertThat(s.stores.keys.all()).isEmpty();

        assertThat(service.create(alice, key("in time", alice.iamId(), limit)).key().expiresAt()).isEqualTo(limit);
        assertThat(service.create(OWNER, key("svc", serviceId, T0.plus(Duration.ofDays(1)))).key()).isNotNull();
    }

    @Test
    void anUpdateMayNotLengthenAKeyBeyondTheLimitNorRemoveItsExpiry() {
        maxLifetime("30");
        ApiKey made = service.create(alice, key("k", alice.iamId(), T0.plus(Duration.ofDays(10)))).key();
        s.clock.advance(Duration.ofDays(5));
        Instant limit = T0.plus(Duration.ofDays(30));
        invalid(() -> service.update(alice, made.id(), "*", expiry(limit.plusSeconds(1), false)),
                "no later than " + limit);
        invalid(() -> service.update(alice, made.id(), "*", expiry(null, true)), "cannot be removed");
        ApiKey longer = service.update(alice, made.id(), "*", expiry(limit, false));
        assertThat(longer.expiresAt()).as("measured from creation, not from now").isEqualTo(limit);
        assertThat(service.update(alice, made.id(), "*", new UpdateApiKey("renamed", null, null, null, null, false))
                .name()).isEqualTo("renamed");
    }

    @Test
    void keysMadeBeforeTheRuleKeepWorkingMayBeBroughtCloserAndAreReported() {
        ApiKey forever = service.create(alice, key("forever", alice.iamId(), null)).key();
        s.clock.advance(Duration.ofMillis(1)); // the report lists oldest first: give each key its own instant
        ApiKey year = service.create(alice, key("year", alice.iamId(), T0.plus(Duration.ofDays(365)))).key();
        ApiKey week = service.create(alice, key("week", alice.iamId(), T0.plus(Duration.ofDays(7)))).key();
        s.clock.advance(Duration.ofMinutes(1));
        maxLifetime("30");

        assertThat(service.update(alice, forever.id(), "*", new UpdateApiKey("still works", null, null, null, null,
                false)).name()).isEqualTo("still works");
        LongLivedKeys.Report report = s.longLivedKeys.list(OWNER, ACCOUNT, 0, 10);
        assertThat(report.maxLifetimeDays()).hasValue(30);
        assertThat(report.keys().items()).extracting(ApiKey::id).containsExactly(forever.id(), year.id());
        assertThat(report.latestExpiry(year)).isEqualTo(year.createdAt().plus(Duration.ofDays(30)));

        Instant sooner = T0.plus(Duration.ofDays(200));
        assertThat(service.update(alice, year.id(), "*", expiry(sooner, false)).expiresAt()).isEqualTo(sooner);
        invalid(() -> service.update(alice, year.id(), "*", expiry(sooner.plusSeconds(1), false)), "no later than");
        assertThat(service.update(alice, forever.id(), "*", expiry(sooner, false)).expiresAt()).isEqualTo(sooner);
        assertThat(service.update(alice, year.id(), "*", expiry(T0.plus(Duration.ofDays(20)), false)).expiresAt())
                .isEqualTo(T0.plus(Duration.ofDays(20)));
        assertThat(s.longLivedKeys.list(OWNER, ACCOUNT, 0, 10).keys().items()).extracting(ApiKey::id)
                .containsExactly(forever.id()).doesNotContain(week.id());
    }

    @Test
    void serviceCredentialKeysAreOutsideTheRuleAndTheReport() {
        maxLifetime("30");
        String serviceId = serviceIdIamId();
        ApiKey credential = service.createForServiceCredential(OWNER, ACCOUNT, serviceId, "cred", null).key();
        s.credentialKeys.add(credential.id());
        assertThat(credential.expiresAt()).isNull();
        assertThat(s.longLivedKeys.list(OWNER, ACCOUNT, 0, 10).keys().items()).isEmpty();
    }

    @Test
    void theReportIsForAdministratorsAndPagesOldestFirst() {
        for (int i = 0; i < 5; i++) {
            service.create(alice, key("k" + i, alice.iamId(), null));
            s.clock.advance(Duration.ofSeconds(1));
        }
        assertThat(s.longLivedKeys.list(OWNER, ACCOUNT, 0, 10).maxLifetimeDays()).as("no rule, no report").isEmpty();
        assertThat(s.longLivedKeys.list(OWNER, ACCOUNT, 0, 10).keys().items()).isEmpty();
        maxLifetime("30");
        LongLivedKeys.Report first = s.longLivedKeys.list(OWNER, ACCOUNT, 0, 2);
        assertThat(first.keys().items()).extracting(ApiKey::name).containsExactly("k0", "k1");
        assertThat(first.keys().hasMore()).isTrue();
        assertThat(s.longLivedKeys.list(OWNER, ACCOUNT, 4, 2).keys().items()).extracting(ApiKey::name)
                .containsExactly("k4");
        assertThat(s.longLivedKeys.mayList(alice, ACCOUNT)).isFalse();
        assertThatThrownBy(() -> s.longLivedKeys.list(alice, ACCOUNT, 0, 10)).isInstanceOfSatisfying(
                DomainException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThatThrownBy(() -> s.longLivedKeys.list(InMemoryServices.STRANGER, ACCOUNT, 0, 10))
                .isInstanceOf(DomainException.class);
    }
}
