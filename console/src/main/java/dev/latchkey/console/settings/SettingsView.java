package dev.latchkey.console.settings;

import dev.latchkey.console.Chrome;
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
 * @param external  the external identity interactions section, or null when the viewer may not read it
 */
public record SettingsView(Chrome chrome, boolean mayUpdate, String etag, Values values, Values was, String error,
                           String lockout, boolean saved, List<SettingsHistoryEntry> history, External external) {

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

    /** The four settings as the form holds them; an empty expiration is the default (NOT_SET). */
    public record Values(boolean restrictApiKeys, boolean restrictServiceIds, String accessTokenExpiration,
                         String allowedIps) {

        static Values of(AccountSettings s) {
            return new Values(s.restrictsUserApiKeyCreation(), s.restrictsServiceIdCreation(),
                    AccountSettings.NOT_SET.equals(s.systemAccessTokenExpirationInSeconds()) ? ""
                            : s.systemAccessTokenExpirationInSeconds(),
                    s.allowedIpAddresses() == null ? "" : s.allowedIpAddresses());
        }
    }
}
