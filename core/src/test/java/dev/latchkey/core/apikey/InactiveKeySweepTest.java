package dev.latchkey.core.apikey;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.settings.UpdateAccountSettings;
import java.time.Duration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code apikey_disable_after_inactive_days} on fakes with a clock the test moves: a warning once, 7 days ahead, then
 * the disabling with its history entry and notification; use, creation and enabling count; nothing twice.
 */
class InactiveKeySweepTest {
    final InMemoryServices s = new InMemoryServices();
    final InactiveKeySweep sweep = s.inactiveKeys;
    final Principal alice = s.member("IBMid-ALICE00001");

    void disableAfter(String days) {
        s.settings.update(OWNER, ACCOUNT, "*", new UpdateAccountSettings(null, null, null, null, null, null, null,
                null, null, null, null, null, null, days));
    }

    ApiKey create(String name) {
        return s.apiKeys.create(alice, new CreateApiKey(name, alice.iamId(), null, null, null, null, null, null, null,
                false, false)).key();
    }

    List<KeyEvent.Kind> kinds() {
        return s.notified.stream().map(KeyEvent::kind).toList();
    }

    @Test
    void anUnusedKeyIsWarnedOnceSevenDaysAheadThenDisabledOnceBySystem() {
        disableAfter("30");
        ApiKey key = create("idle");
        s.clock.advance(Duration.ofDays(23).minusMinutes(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));

        s.clock.advance(Duration.ofMinutes(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(1, 0));
        assertThat(sweep.runOnce()).as("warned once").isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        KeyEvent warning = s.notified.getFirst();
        assertThat(warning.kind()).isEqualTo(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS);
        assertThat(warning.inactivity()).isEqualTo(new KeyEvent.Inactivity(T0, 30, T0.plus(Duration.ofDays(30))));
        assertThat(warning.actorIamId()).isNull();

        s.clock.advance(Duration.ofDays(7).minusMillis(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        assertThat(s.stores.keys.find(key.id()).orElseThrow().disabled()).isFalse();
        s.clock.advance(Duration.ofMillis(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 1));
        assertThat(sweep.runOnce()).as("disabled once").isEqualTo(new InactiveKeySweep.Outcome(0, 0));

        ApiKey disabled = s.stores.keys.find(key.id()).orElseThrow();
        assertThat(disabled.disabled()).isTrue();
        assertThat(disabled.version()).isEqualTo(key.version() + 1);
        HistoryEntry entry = s.stores.keys.history(key.id()).getLast();
        assertThat(entry.iamId()).isEqualTo("system");
        assertThat(entry.action()).isEqualTo("disable");
        assertThat(entry.message()).contains("not used since " + T0, "apikey_disable_after_inactive_days is 30");
        assertThat(kinds()).containsExactly(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS,
                KeyEvent.Kind.DISABLED_FOR_INACTIVITY);
        assertThat(s.notified.getLast().actionTaken()).isEqualTo(KeyEvent.Action.DISABLED);
    }

    @Test
    void useMovesTheDateAndAUsedKeyIsWarnedAgainOnlyWhenIdleAgain() {
        disableAfter("30");
        ApiKey key = create("used");
        s.clock.advance(Duration.ofDays(25));
        sweep.runOnce();
        assertThat(kinds()).containsExactly(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS);

        Instant used = s.clock.instant();
        s.activity.record(key.id(), used); // not flushed: this node's own count counts
        s.clock.advance(Duration.ofDays(10));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        s.activity.flush();
        s.clock.advance(Duration.ofDays(13));
        assertThat(sweep.runOnce()).as("idle 23 days since its use").isEqualTo(new InactiveKeySweep.Outcome(1, 0));
        assertThat(s.notified.getLast().inactivity().lastUsedAt()).isEqualTo(used);
        assertThat(s.stores.keys.find(key.id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void turningTheRuleOnNeverDisablesAnOldKeyWithoutSevenDaysNotice() {
        ApiKey old = create("old");
        s.clock.advance(Duration.ofDays(400));
        disableAfter("90");
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(1, 0));
        assertThat(s.notified.getLast().inactivity().disableAt()).isEqualTo(s.clock.instant().plus(Duration.ofDays(7)));
        s.clock.advance(Duration.ofDays(6));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        s.clock.advance(Duration.ofDays(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 1));
        assertThat(s.stores.keys.find(old.id()).orElseThrow().disabled()).isTrue();
    }

    @Test
    void enablingADisabledKeyCountsAsUse() {
        disableAfter("10");
        ApiKey key = create("again");
        s.clock.advance(Duration.ofDays(3));
        sweep.runOnce();
        s.clock.advance(Duration.ofDays(7));
        assertThat(sweep.runOnce().disabled()).isEqualTo(1);
        s.apiKeys.setDisabled(alice, key.id(), false);
        s.clock.advance(Duration.ofDays(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        assertThat(s.stores.keys.find(key.id()).orElseThrow().disabled()).isFalse();
    }

    @Test
    void aKeyChangedMeanwhileIsLeftForTheNextRunAndDisabledExpiredAndCredentialKeysAreLeftAlone() {
        disableAfter("8");
        ApiKey changing = create("changing");
        ApiKey disabled = create("disabled");
        s.apiKeys.setDisabled(alice, disabled.id(), true);
        ApiKey expiring = s.apiKeys.create(alice, new CreateApiKey("expiring", alice.iamId(), null, null, null, null,
                null, null, T0.plus(Duration.ofHours(12)), false, false)).key();
        String serviceId = "ServiceId-11111111-2222-3333-4444-555555555555";
        s.stores.serviceIds.insert(new ServiceId(serviceId, IamIds.ofServiceId(serviceId), ACCOUNT, "svc", null,
                List.of(), false, T0, T0, OWNER.iamId(), 1), new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create",
                List.of(), "m"));
        ApiKey credential = s.apiKeys.createForServiceCredential(OWNER, ACCOUNT, IamIds.ofServiceId(serviceId),
                "credential", null).key();
        s.credentialKeys.add(credential.id());
        s.clock.advance(Duration.ofDays(1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(1, 0));
        s.clock.advance(Duration.ofDays(7));
        // Another writer (a second node, the owner) changes the key between the sweep's read and its write.
        InactiveKeySweep racing = new InactiveKeySweep(s.stores.tx, racing(() -> s.apiKeys.update(alice,
                changing.id(), "*", new UpdateApiKey("renamed", null, null, null, null, false))), s.activity, s.settings, s.stores.inactivityNotices, s.credentialLinks, s.notifier,
                s.clock, s.audit);
        assertThat(racing.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        assertThat(s.stores.keys.find(changing.id()).orElseThrow().disabled()).isFalse();
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 1));
        assertThat(s.notified).extracting(KeyEvent::keyId).containsOnly(changing.id())
                .doesNotContain(disabled.id(), expiring.id(), credential.id());
    }

    /** The fake store, but the sweep's first versioned write comes right after {@code before} changed the key. */
    ApiKeyStore racing(Runnable before) {
        boolean[] raced = {false};
        return (ApiKeyStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ApiKeyStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("update") && !raced[0]) {
                        raced[0] = true;
                        before.run();
                    }
                    try {
                        return method.invoke(s.stores.keys, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
