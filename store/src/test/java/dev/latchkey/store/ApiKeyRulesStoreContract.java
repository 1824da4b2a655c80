package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.InactivityNoticeStore;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store side of the account's API key rules (decision 0033): the two settings and the accounts that disable idle
 * keys, the keys that outlive a lifetime, the idle candidates, and the inactivity warnings recorded once. Mixed into
 * {@link StoreContract}, so it runs on H2, PostgreSQL and the in-memory fakes.
 */
interface ApiKeyRulesStoreContract {
    Instant AT = Instant.parse("2026-01-02T03:04:05.678Z");
    String OWN = "a".repeat(32);

    /** The stores under test, with account {@link #OWN} owned by {@code IBMid-OWNER00001}. */
    StoresUnderTest stores();

    private static ApiKey key(String id, String account, Instant created, Instant expires, boolean disabled) {
        return new ApiKey(id, account, "IBMid-OWNER00001", id, null, "IBMid-OWNER00001", created, created, expires,
                false, disabled, false, LeakAction.NONE, String.format("%064x", id.hashCode() & 0xffffffffL),
                "lk_abcd", 1);
    }

    private void insert(ApiKey key) {
        stores().keys().insert(key, new HistoryEntry(key.createdAt(), "IBMid-OWNER00001", key.accountId(), "create",
                List.of(), "m"));
    }

    private static AccountSettings rules(String account, String maxLifetime, String disableAfter) {
        AccountSettings d = AccountSettings.defaults(account);
        return new AccountSettings(account, d.restrictCreateServiceId(), d.restrictCreatePlatformApikey(),
                d.allowedIpAddresses(), d.mfa(), d.userMfa(), d.sessionExpirationInSeconds(),
                d.sessionInvalidationInSeconds(), d.maxSessionsPerIdentity(), d.systemAccessTokenExpirationInSeconds(),
                d.systemRefreshTokenExpirationInSeconds(), d.restrictUserListVisibility(), d.restrictUserDomains(), 1,
                maxLifetime, disableAfter, null, null, null);
    }

    @Test
    default void theKeyRuleSettingsRoundTripAndOnlyAccountsThatDisableIdleKeysAreListed() {
        var settings = stores().settings();
        SettingsHistoryEntry entry = new SettingsHistoryEntry(AT, "IBMid-OWNER00001", OWN, "update", List.of(), "m");
        assertThat(settings.inactivityRules()).isEmpty();
        for (String account : List.of("c".repeat(32), "d".repeat(32))) {
            stores().accounts().insert(new Account(account, "Other", "IBMid-OWNER00001", AT));
        }
        assertThat(settings.save(rules(OWN, "90", "180"), 0, entry)).isTrue();
        assertThat(settings.save(rules("c".repeat(32), "30", "NOT_SET"), 0, entry)).isTrue();
        assertThat(settings.save(rules("d".repeat(32), "NOT_SET", "3650"), 0, entry)).isTrue();
        assertThat(settings.find(OWN)).contains(rules(OWN, "90", "180"));
        assertThat(settings.find("c".repeat(32)).orElseThrow().apikeyMaxLifetime()).hasValue(30);
        assertThat(settings.inactivityRules()).containsExactly(Map.entry(OWN, 180), Map.entry("d".repeat(32), 3650));
    }

    @Test
    default void longLivedKeysAreThoseWithoutExpiryOrExpiringLaterThanTheLifetimeOldestFirst() {
        Instant limit = AT.plus(Duration.ofDays(30));
        insert(key("ApiKey-fits", OWN, AT, limit, false));
        insert(key("ApiKey-over", OWN, AT.plusSeconds(2), limit.plusSeconds(2).plusMillis(1), false));
        insert(key("ApiKey-never", OWN, AT.plusSeconds(1), null, true));
        insert(key("ApiKey-other", "b".repeat(32), AT, null, false));
        Page<ApiKey> all = stores().keys().listLongLived(OWN, 30, 0, 10);
        assertThat(all.items()).extracting(ApiKey::id).containsExactly("ApiKey-never", "ApiKey-over");
        assertThat(all.hasMore()).isFalse();
        Page<ApiKey> first = stores().keys().listLongLived(OWN, 30, 0, 1);
        assertThat(first.items()).extracting(ApiKey::id).containsExactly("ApiKey-never");
        assertThat(first.hasMore()).isTrue();
        assertThat(stores().keys().listLongLived(OWN, 30, 1, 1).items()).extracting(ApiKey::id)
                .containsExactly("ApiKey-over");
        assertThat(stores().keys().listLongLived(OWN, 3650, 0, 10).items()).extracting(ApiKey::id)
                .containsExactly("ApiKey-never");
    }

    @Test
    default void idleKeysAreEnabledUnexpiredAndUnusedSinceTheCutOffPagedById() {
        Instant now = AT.plus(Duration.ofDays(100));
        Instant cutoff = now.minus(Duration.ofDays(30));
        insert(key("ApiKey-1-never-used", OWN, AT, null, false));
        insert(key("ApiKey-2-used-long-ago", OWN, AT, now.plusSeconds(60), false));
        insert(key("ApiKey-3-used-lately", OWN, AT, null, false));
        insert(key("ApiKey-4-at-the-cutoff", OWN, cutoff, null, false));
        insert(key("ApiKey-5-new", OWN, cutoff.plusMillis(1), null, false));
        insert(key("ApiKey-6-disabled", OWN, AT, null, true));
        insert(key("ApiKey-7-expired", OWN, AT, now, false));
        insert(key("ApiKey-8-other-account", "b".repeat(32), AT, null, false));
        stores().keys().addActivity(KeyUses.builder(2).oneDay("ApiKey-2-used-long-ago", cutoff.minusSeconds(1), 1)
                .oneDay("ApiKey-3-used-lately", cutoff.plusSeconds(1), 1).build());
        assertThat(stores().keys().listIdle(OWN, cutoff, now, null, 10)).extracting(ApiKey::id)
                .containsExactly("ApiKey-1-never-used", "ApiKey-2-used-long-ago", "ApiKey-4-at-the-cutoff");
        assertThat(stores().keys().listIdle(OWN, cutoff, now, null, 2)).extracting(ApiKey::id)
                .containsExactly("ApiKey-1-never-used", "ApiKey-2-used-long-ago");
        assertThat(stores().keys().listIdle(OWN, cutoff, now, "ApiKey-2-used-long-ago", 2)).extracting(ApiKey::id)
                .containsExactly("ApiKey-4-at-the-cutoff");
    }

    @Test
    default void anInactivityWarningIsRecordedOncePerKeyAndLastUseAndGoesWithItsKey() {
        InactivityNoticeStore notices = stores().inactivityNotices();
        insert(key("ApiKey-1", OWN, AT, null, false));
        Instant used = AT.plusSeconds(5);
        assertThat(notices.warnedAt("ApiKey-1", used)).isEmpty();
        assertThat(notices.recordWarning("ApiKey-1", used, AT.plusSeconds(60))).isTrue();
        assertThat(notices.recordWarning("ApiKey-1", used, AT.plusSeconds(90))).as("another node, later").isFalse();
        assertThat(notices.warnedAt("ApiKey-1", used)).contains(AT.plusSeconds(60));
        assertThat(notices.warnedAt("ApiKey-1", AT)).as("another last use").isEmpty();
        assertThat(notices.recordWarning("ApiKey-1", AT.plusSeconds(500), AT.plusSeconds(600))).isTrue();
        assertThat(stores().keys().delete("ApiKey-1", 1)).isTrue();
        assertThat(notices.warnedAt("ApiKey-1", used)).isEmpty();
    }
}
