package dev.latchkey.console.settings;

import dev.latchkey.console.Chrome;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import java.util.List;

/**
 * The Settings page as the template draws it.
 *
 * @param mayUpdate whether the viewer may save (the service's rule); others see the values read-only
 * @param etag      the entity tag of the settings the form was drawn from: a save sends it as If-Match
 * @param values    what the form shows: the stored settings, or what the user typed when a save was refused
 * @param was       the stored settings the form was drawn from: only fields that differ from these are sent
 * @param error     the server's refusal of a save, or null
 * @param lockout   the browser's address when the typed allow-list would shut it out (asks to confirm), or null
 * @param saved     whether the page follows a successful save
 * @param history   the most recent changes, newest first
 * @param longLived the first keys that outlive {@code apikey_max_lifetime_days}, for a viewer who may list every key
 *                  of the account while the account sets it; null otherwise
 * @param external  the external identity interactions section, or null when the viewer may not read it
 */
public record SettingsView(Chrome chrome, boolean mayUpdate, String etag, Values values, Values was, String error,
                           String lockout, boolean saved, List<SettingsHistoryEntry> history,
                           LongLivedKeys.Report longLived, External external) {

    /**
     * The Resources section: external identity interactions for users (decision 0034); null when the viewer may not
     * read IAM Access Management's settings.
     *
     * @param state    enabled, monitor or limited (as typed when a save was refused)
     * @param accounts the allowlist, one account ID per line
     * @param mayUpdate whether the viewer may change it (Administrator on IAM Access Management, or the owner)
     * @param error    the service's refusal of a save, or null
     */
    public record External(String state, String accounts, boolean mayUpdate, String error) {
    }

    /**
     * The settings as the form holds them; an empty expiration is the default (NOT_SET), and so is an empty number of
     * days (no rule).
     */
    public record Values(boolean restrictApiKeys, boolean restrictServiceIds, String accessTokenExpiration,
                         String allowedIps, String apikeyMaxLifetimeDays, String apikeyDisableAfterInactiveDays) {

        static Values of(AccountSettings s) {
            return new Values(s.restrictsUserApiKeyCreation(), s.restrictsServiceIdCreation(),
                    AccountSettings.NOT_SET.equals(s.systemAccessTokenExpirationInSeconds()) ? ""
                            : s.systemAccessTokenExpirationInSeconds(),
                    s.allowedIpAddresses() == null ? "" : s.allowedIpAddresses(),
                    orEmpty(s.apikeyMaxLifetimeDays()), orEmpty(s.apikeyDisableAfterInactiveDays()));
        }

        private static String orEmpty(String days) {
            return days == null || AccountSettings.NOT_SET.equals(days) ? "" : days;
        }
    }
}
