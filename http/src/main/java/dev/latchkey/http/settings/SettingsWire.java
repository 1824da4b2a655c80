package dev.latchkey.http.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.latchkey.http.IbmDates;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.core.settings.UserDomainRestriction;
import dev.latchkey.core.settings.UserMfa;
import java.util.List;

/**
 * IBM's {@code AccountSettingsResponse} (reference §4): every setting always present, every scalar a string;
 * Latchkey's two API key settings last, in the same shape.
 * {@code account_id}, {@code entity_tag} and {@code history} are the meta fields, left out of the
 * {@code effective} section.
 */
record SettingsWire(String accountId, String entityTag, List<HistoryWire> history, String restrictCreateServiceId,
                    String restrictCreatePlatformApikey, String allowedIpAddresses, String mfa,
                    List<UserMfaWire> userMfa, String sessionExpirationInSeconds,
                    String sessionInvalidationInSeconds, String maxSessionsPerIdentity,
                    String systemAccessTokenExpirationInSeconds, String systemRefreshTokenExpirationInSeconds,
                    String restrictUserListVisibility, List<DomainWire> restrictUserDomains,
                    String apikeyMaxLifetimeDays, String apikeyDisableAfterInactiveDays) {

    /** IBM's user MFA item; {@code userName} is camelCase on IBM's wire (it has no serialized name there). */
    record UserMfaWire(String iamId, String mfa, String name, @JsonProperty("userName") String userName,
                       String email, String description) {
        static UserMfaWire of(UserMfa m) {
            return new UserMfaWire(m.iamId(), m.mfa(), m.name(), m.userName(), m.email(), m.description());
        }
    }

    /** Exactly the three fields IBM's SDK compares; absent optional fields stay absent. */
    record DomainWire(String realmId, List<String> invitationEmailAllowPatterns, Boolean restrictInvitation) {
        static DomainWire of(UserDomainRestriction d) {
            return new DomainWire(d.realmId(), d.invitationEmailAllowPatterns(), d.restrictInvitation());
        }
    }

    record HistoryWire(String timestamp, String iamId, String iamIdAccount, String action, List<String> params,
                       String message) {
        static HistoryWire of(SettingsHistoryEntry e) {
            return new HistoryWire(IbmDates.format(e.timestamp()), e.iamId(), e.iamIdAccount(), e.action(),
                    e.params(), e.message());
        }
    }

    /** IBM's {@code EffectiveAccountSettingsResponse}; Latchkey has no enterprise templates to list. */
    record EffectiveWire(String accountId, SettingsWire effective, SettingsWire account,
                         List<Object> assignedTemplates) {
    }

    static SettingsWire of(AccountSettings s, List<UserMfa> userMfa, List<SettingsHistoryEntry> history) {
        return new SettingsWire(s.accountId(), AccountSettingsService.entityTag(s),
                history == null ? null : history.stream().map(HistoryWire::of).toList(),
                s.restrictCreateServiceId(), s.restrictCreatePlatformApikey(), s.allowedIpAddresses(), s.mfa(),
                userMfa.stream().map(UserMfaWire::of).toList(), s.sessionExpirationInSeconds(),
                s.sessionInvalidationInSeconds(), s.maxSessionsPerIdentity(), s.systemAccessTokenExpirationInSeconds(),
                s.systemRefreshTokenExpirationInSeconds(), s.restrictUserListVisibility(),
                s.restrictUserDomains().stream().map(DomainWire::of).toList(), s.apikeyMaxLifetimeDays(),
                s.apikeyDisableAfterInactiveDays());
    }

    /** The same fields without the meta ones. */
    SettingsWire withoutMeta() {
        return new SettingsWire(null, null, null, restrictCreateServiceId, restrictCreatePlatformApikey,
                allowedIpAddresses, mfa, userMfa, sessionExpirationInSeconds, sessionInvalidationInSeconds,
                maxSessionsPerIdentity, systemAccessTokenExpirationInSeconds, systemRefreshTokenExpirationInSeconds,
                restrictUserListVisibility, restrictUserDomains, apikeyMaxLifetimeDays, apikeyDisableAfterInactiveDays);
    }
}
