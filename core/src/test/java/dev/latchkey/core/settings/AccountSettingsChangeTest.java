package dev.latchkey.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountSettingsChangeTest {
    static final String ACCOUNT = "a".repeat(32);
    static final AccountSettings DEFAULTS = AccountSettings.defaults(ACCOUNT);

    static AccountSettingsChange apply(UpdateAccountSettings request) {
        return AccountSettingsChange.of(DEFAULTS, request, iamId -> iamId.startsWith("IBMid-MEMBER"));
    }

    static UpdateAccountSettings with(String field, String value) {
        return new UpdateAccountSettings(
                field.equals("restrict_create_service_id") ? value : null,
                field.equals("restrict_create_platform_apikey") ? value : null,
                field.equals("allowed_ip_addresses") ? value : null,
                field.equals("mfa") ? value : null, null,
                field.equals("session_expiration_in_seconds") ? value : null,
                field.equals("session_invalidation_in_seconds") ? value : null,
                field.equals("max_sessions_per_identity") ? value : null,
                field.equals("system_access_token_expiration_in_seconds") ? value : null,
                field.equals("system_refresh_token_expiration_in_seconds") ? value : null,
                field.equals("restrict_user_list_visibility") ? value : null, null,
                field.equals("apikey_max_lifetime_days") ? value : null,
                field.equals("apikey_disable_after_inactive_days") ? value : null);
    }

    @Test
    void absentFieldsKeepTheirValueAndTheVersionAdvances() {
        AccountSettingsChange change = apply(UpdateAccountSettings.none());
        assertThat(change.fields()).isEmpty();
        assertThat(change.settings()).usingRecursiveComparison().ignoringFields("version").isEqualTo(DEFAULTS);
        assertThat(change.settings().version()).isEqualTo(1);
    }

    @Test
    void messageNamesEachChangedValueOldToNewAndSkipsTheUnchanged() {
        UpdateAccountSettings request = new UpdateAccountSettings("RESTRICTED", null, null, "NONE",
                List.of(UserMfa.of("IBMid-MEMBER0001", "TOTP")), null, null, null, "900", null, null, null, null, null);
        AccountSettingsChange change = apply(request);
        assertThat(change.fields()).containsExactly("restrict_create_service_id", "mfa", "user_mfa",
                "system_access_token_expiration_in_seconds");
        assertThat(change.message(DEFAULTS)).isEqualTo("Account settings updated: restrict_create_service_id: "
                + "'NOT_SET' → 'RESTRICTED'; user_mfa: 0 entries → 1 entry; "
                + "system_access_token_expiration_in_seconds: '3600' → '900'.");
        assertThat(apply(with("mfa", "NONE")).message(DEFAULTS))
                .isEqualTo("Account settings updated; no value changed.");
    }

    @Test
    void messageShowsTheApiKeyDaySettingsOldToNew() {
        AccountSettingsChange change = apply(with("apikey_max_lifetime_days", "90"));
        assertThat(change.settings().apikeyMaxLifetime()).hasValue(90);
        assertThat(change.message(DEFAULTS))
                .isEqualTo("Account settings updated: apikey_max_lifetime_days: 'NOT_SET' → '90'.");
        AccountSettingsChange idle = apply(with("apikey_disable_after_inactive_days", "180"));
        assertThat(idle.settings().apikeyDisableAfterInactive()).hasValue(180);
        assertThat(idle.message(DEFAULTS)).contains("apikey_disable_after_inactive_days: 'NOT_SET' → '180'");
    }

    @Test
    void messageShortensLongValuesAndStaysWithinTheStoredLength() {
        String many = String.join(",", java.util.Collections.nCopies(400, "10.0.0.1"));
        String message = apply(with("allowed_ip_addresses", many)).message(DEFAULTS);
        assertThat(message).startsWith("Account settings updated: allowed_ip_addresses: '' → '10.0.0.1,")
                .contains("…'").hasSizeLessThan(AccountSettingsChange.MAX_SHOWN + 80);
        assertThat(message.length()).isLessThanOrEqualTo(AccountSettingsChange.MAX_MESSAGE);
    }

    @Test
    void everyValidValueIsKeptExactlyAsSent() {
        String[][] valid = {
            {"restrict_create_service_id", "RESTRICTED"}, {"restrict_create_service_id", "NOT_SET"},
            {"restrict_create_platform_apikey", "NOT_RESTRICTED"}, {"mfa", "NONE_NO_ROPC"}, {"mfa", "LEVEL3"},
            {"session_expiration_in_seconds", "900"}, {"session_expiration_in_seconds", "86400"},
            {"session_invalidation_in_seconds", "7200"}, {"session_invalidation_in_seconds", "NOT_SET"},
            {"max_sessions_per_identity", "1"}, {"max_sessions_per_identity", "NOT_SET"},
            {"system_access_token_expiration_in_seconds", "900"},
            {"system_refresh_token_expiration_in_seconds", "259200"},
            {"restrict_user_list_visibility", "RESTRICTED"}, {"allowed_ip_addresses", "10.0.0.0/8, 192.0.2.1"},
            {"allowed_ip_addresses", " 10.1.2.3 "},
            {"apikey_max_lifetime_days", "1"}, {"apikey_max_lifetime_days", "3650"},
            {"apikey_max_lifetime_days", "NOT_SET"}, {"apikey_disable_after_inactive_days", "90"},
            {"apikey_disable_after_inactive_days", "NOT_SET"},
        };
        for (String[] pair : valid) {
            AccountSettingsChange change = apply(with(pair[0], pair[1]));
            assertThat(change.fields()).as(pair[0]).containsExactly(pair[0]);
            assertThat(read(change.settings(), pair[0])).as(pair[0]).isEqualTo(pair[1]);
            assertThat(change.message(DEFAULTS)).as(pair[0]).containsAnyOf(pair[0] + ": ", "no value changed");
        }
    }

    @Test
    void everyInvalidValueIsRefusedNamingItsField() {
        String[][] invalid = {
            {"restrict_create_service_id", "restricted"}, {"restrict_create_platform_apikey", "YES"},
            {"mfa", "SMS"}, {"session_expiration_in_seconds", "899"}, {"session_expiration_in_seconds", "86401"},
            {"session_invalidation_in_seconds", "7201"}, {"max_sessions_per_identity", "0"},
            {"max_sessions_per_identity", "-1"}, {"system_access_token_expiration_in_seconds", "60"},
            {"system_access_token_expiration_in_seconds", "3601"},
            {"system_access_token_expiration_in_seconds", "0900"},
            {"system_access_token_expiration_in_seconds", " 900"},
            {"system_refresh_token_expiration_in_seconds", "259201"},
            {"restrict_user_list_visibility", "NOT_SET"}, {"allowed_ip_addresses", "10.0.0.300"},
            {"apikey_max_lifetime_days", "0"}, {"apikey_max_lifetime_days", "3651"},
            {"apikey_max_lifetime_days", "-5"}, {"apikey_max_lifetime_days", "90 days"},
            {"apikey_max_lifetime_days", "090"}, {"apikey_max_lifetime_days", ""},
            {"apikey_disable_after_inactive_days", "0"}, {"apikey_disable_after_inactive_days", "99999999999"},
            {"apikey_disable_after_inactive_days", "not_set"},
        };
        for (String[] pair : invalid) {
            assertThatThrownBy(() -> apply(with(pair[0], pair[1]))).as(pair[0] + "=" + pair[1])
                    .isInstanceOf(DomainException.class).hasMessageContaining("'" + pair[0] + "'");
        }
    }

    @Test
    void userMfaIsReplacedWholeAndMayNameOnlyMembers() {
        UpdateAccountSettings request = new UpdateAccountSettings(null, null, null, null,
                List.of(new UserMfa("IBMid-MEMBER0001", "TOTP", "ignored", "ignored", "ignored", "ignored")),
                null, null, null, null, null, null, null, null, null);
        assertThat(apply(request).settings().userMfa()).containsExactly(UserMfa.of("IBMid-MEMBER0001", "TOTP"));
        assertRefused(userMfa(UserMfa.of("IBMid-STRANGER01", "TOTP")), "'user_mfa[0].iam_id'", "not a user");
        assertRefused(userMfa(UserMfa.of("IBMid-MEMBER0001", "SMS")), "'user_mfa[0].mfa'", "SMS");
        assertRefused(userMfa(UserMfa.of(null, "NONE")), "'user_mfa[0].iam_id' is required", "");
        assertRefused(userMfa(UserMfa.of("IBMid-MEMBER0001", null)), "'user_mfa[0].mfa' is required", "");
        assertRefused(userMfa(UserMfa.of("IBMid-MEMBER0001", "NONE"), UserMfa.of("IBMid-MEMBER0001", "TOTP")),
                "'user_mfa[1].iam_id'", "already");
    }

    @Test
    void userDomainEntriesReplaceTheirRealmAndARealmAloneRemovesIt() {
        UserDomainRestriction ibmid = new UserDomainRestriction("IBMid", List.of("*.*@example.com"), true);
        UserDomainRestriction other = new UserDomainRestriction("other", null, false);
        AccountSettings first = apply(domains(ibmid, other)).settings();
        assertThat(first.restrictUserDomains()).containsExactly(ibmid, other);

        UserDomainRestriction changed = new UserDomainRestriction("IBMid", List.of("**@example.org"), null);
        AccountSettings second = AccountSettingsChange.of(first, domains(changed), id -> true).settings();
        assertThat(second.restrictUserDomains()).containsExactly(changed, other);

        AccountSettings third = AccountSettingsChange.of(second,
                domains(new UserDomainRestriction("IBMid", null, null)), id -> true).settings();
        assertThat(third.restrictUserDomains()).containsExactly(other);

        assertRefused(domains(new UserDomainRestriction(" ", null, true)), "'restrict_user_domains[0].realm_id'", "");
        assertRefused(domains(ibmid, ibmid), "'restrict_user_domains[1].realm_id'", "already");
        assertRefused(domains(new UserDomainRestriction("IBMid", List.of(""), true)),
                "'restrict_user_domains[0].invitation_email_allow_patterns[0]'", "");
    }

    @Test
    void effectiveValuesReplaceNotSetWithTheServiceDefaults() {
        AccountSettings unset = apply(new UpdateAccountSettings("NOT_SET", "NOT_SET", null, null, null, "NOT_SET",
                "NOT_SET", null, "NOT_SET", "NOT_SET", null, null, "NOT_SET", "NOT_SET")).settings();
        AccountSettings effective = unset.effective();
        assertThat(effective.restrictCreateServiceId()).isEqualTo("NOT_RESTRICTED");
        assertThat(effective.restrictCreatePlatformApikey()).isEqualTo("NOT_RESTRICTED");
        assertThat(effective.sessionExpirationInSeconds()).isEqualTo("86400");
        assertThat(effective.sessionInvalidationInSeconds()).isEqualTo("7200");
        assertThat(effective.systemAccessTokenExpirationInSeconds()).isEqualTo("3600");
        assertThat(effective.systemRefreshTokenExpirationInSeconds()).isEqualTo("259200");
        assertThat(unset.accessTokenLifetimeSeconds()).isEqualTo(3600);
        assertThat(effective.apikeyMaxLifetimeDays()).as("no default: no rule").isEqualTo("NOT_SET");
        assertThat(effective.apikeyDisableAfterInactiveDays()).isEqualTo("NOT_SET");
        assertThat(effective.apikeyMaxLifetime()).isEmpty();
        assertThat(effective.apikeyDisableAfterInactive()).isEmpty();
    }

    static String read(AccountSettings s, String field) {
        return switch (field) {
            case "restrict_create_service_id" -> s.restrictCreateServiceId();
            case "restrict_create_platform_apikey" -> s.restrictCreatePlatformApikey();
            case "allowed_ip_addresses" -> s.allowedIpAddresses();
            case "mfa" -> s.mfa();
            case "session_expiration_in_seconds" -> s.sessionExpirationInSeconds();
            case "session_invalidation_in_seconds" -> s.sessionInvalidationInSeconds();
            case "max_sessions_per_identity" -> s.maxSessionsPerIdentity();
            case "system_access_token_expiration_in_seconds" -> s.systemAccessTokenExpirationInSeconds();
            case "system_refresh_token_expiration_in_seconds" -> s.systemRefreshTokenExpirationInSeconds();
            case "restrict_user_list_visibility" -> s.restrictUserListVisibility();
            case "apikey_max_lifetime_days" -> s.apikeyMaxLifetimeDays();
            case "apikey_disable_after_inactive_days" -> s.apikeyDisableAfterInactiveDays();
            default -> throw new AssertionError(field);
        };
    }

    static UpdateAccountSettings userMfa(UserMfa... items) {
        return new UpdateAccountSettings(null, null, null, null, List.of(items), null, null, null, null, null, null,
                null, null, null);
    }

    static UpdateAccountSettings domains(UserDomainRestriction... entries) {
        return new UpdateAccountSettings(null, null, null, null, null, null, null, null, null, null, null,
                List.of(entries), null, null);
    }

    static void assertRefused(UpdateAccountSettings request, String field, String part) {
        assertThatThrownBy(() -> apply(request)).isInstanceOf(DomainException.class)
                .hasMessageContaining(field).hasMessageContaining(part);
    }
}
