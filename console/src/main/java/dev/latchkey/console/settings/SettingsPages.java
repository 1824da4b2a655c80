package dev.latchkey.console.settings;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.ExternalInteraction;
import dev.latchkey.core.settings.UpdateAccessManagementSettings;
import java.util.Arrays;
import dev.latchkey.core.settings.IpAllowList;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.core.settings.UpdateAccountSettings;
import java.util.List;
import java.util.Objects;

/**
 * Manage &gt; Access (IAM) &gt; Settings: the account settings a console user changes most, read and saved through
 * {@link AccountSettingsService} with the entity tag the page was drawn with (a change made meanwhile is refused
 * and nothing is overwritten). Only fields the user changed are sent. An allow-list that would shut out this
 * browser's address ({@link IpAllowList} decides) is saved only after an explicit confirmation. Below the form, the
 * latest changes from the settings' history: who, when and what; and, for an Administrator of the IAM Identity
 * service while the account limits key lifetimes, the first keys that outlive the limit.
 */
public final class SettingsPages {
    static final String CONFIRM = "lockout";
    /** How many of the settings' history entries the page lists below the form. */
    static final int RECENT_CHANGES = 10;
    /** How many of the keys that outlive {@code apikey_max_lifetime_days} the page lists; the API and CLI list all. */
    static final int LONG_LIVED_SHOWN = 20;
    private final ConsoleServices services;

    public SettingsPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/iam/settings", Access.SIGNED_IN, this::show);
        pages.post("/iam/settings", Access.SIGNED_IN, this::save);
        pages.post("/iam/settings/external", Access.SIGNED_IN, this::saveExternal);
    }

    /**
     * Saves the Resources section (external identity interactions for users) through
     * {@link AccountSettingsService#updateAccessManagement}, with the entity tag the page was drawn with.
     */
    private void saveExternal(Visit visit) {
        Principal me = visit.principal();
        String state = Objects.requireNonNullElse(visit.form("external_state"), "");
        String accounts = orEmpty(visit.form("external_accounts"));
        List<String> allowed = Arrays.stream(accounts.split("[,\\s]+")).filter(a -> !a.isEmpty()).toList();
        try {
            services.settings().updateAccessManagement(me, me.accountId(), visit.form("etag"),
                    new UpdateAccessManagementSettings(new ExternalInteraction(state, allowed), null, null));
            visit.redirect("/iam/settings?saved=1");
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            boolean conflict = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH;
            String message = conflict ? "Someone changed the account settings after you opened this page, so nothing "
                    + "was saved. Reload the page to see the current settings, then make your changes again."
                    : refused.getMessage();
            AccountSettings settings = services.settings().get(me, me.accountId());
            SettingsView.Values values = SettingsView.Values.of(settings);
            render(visit, conflict ? 409 : 400, values, visit.form("etag"), values, null, null, false,
                    new SettingsView.External(state, accounts, true, message));
        }
    }

    /** The Resources section as stored, or null when {@code me} may not read IAM Access Management's settings. */
    private SettingsView.External external(Principal me) {
        try {
            ExternalInteraction user = services.settings().getAccessManagement(me, me.accountId()).externalUser();
            return new SettingsView.External(user.state(), String.join("\n", user.externalAllowedAccounts()),
                    services.settings().mayUpdateAccessManagement(me, me.accountId()), null);
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                return null;
            }
            throw refused;
        }
    }

    private void show(Visit visit) {
        Principal me = visit.principal();
        AccountSettings settings = services.settings().get(me, me.accountId());
        render(visit, 200, SettingsView.Values.of(settings), AccountSettingsService.entityTag(settings),
                SettingsView.Values.of(settings), null, null, "1".equals(visit.query("saved")));
    }

    private void save(Visit visit) {
        Principal me = visit.principal();
        SettingsView.Values typed = new SettingsView.Values("on".equals(visit.form("restrict_apikeys")),
                "on".equals(visit.form("restrict_serviceids")), orEmpty(visit.form("access_token_expiration")),
                orEmpty(visit.form("allowed_ips")), orEmpty(visit.form("apikey_max_lifetime")).strip(),
                orEmpty(visit.form("apikey_inactive_days")).strip());
        SettingsView.Values was = new SettingsView.Values("on".equals(visit.form("restrict_apikeys_was")),
                "on".equals(visit.form("restrict_serviceids_was")), orEmpty(visit.form("access_token_expiration_was")),
                orEmpty(visit.form("allowed_ips_was")), orEmpty(visit.form("apikey_max_lifetime_was")),
                orEmpty(visit.form("apikey_inactive_days_was")));
        String etag = visit.form("etag");
        boolean ipsChanged = !typed.allowedIps().equals(was.allowedIps());
        if (ipsChanged && !CONFIRM.equals(visit.form("confirm")) && shutsOut(typed.allowedIps(), visit.clientAddress())) {
            render(visit, 200, typed, etag, was, null, visit.clientAddress(), false);
            return;
        }
        UpdateAccountSettings update = new UpdateAccountSettings(
                restriction(typed.restrictServiceIds(), was.restrictServiceIds()),
                restriction(typed.restrictApiKeys(), was.restrictApiKeys()),
                ipsChanged ? typed.allowedIps() : null, null, null, null, null, null,
                typed.accessTokenExpiration().equals(was.accessTokenExpiration()) ? null
                        : typed.accessTokenExpiration().isEmpty() ? AccountSettings.NOT_SET
                        : typed.accessTokenExpiration(), null, null, null,
                days(typed.apikeyMaxLifetimeDays(), was.apikeyMaxLifetimeDays()),
                days(typed.apikeyDisableAfterInactiveDays(), was.apikeyDisableAfterInactiveDays()));
        try {
            services.settings().update(me, me.accountId(), etag, update);
            visit.redirect("/iam/settings?saved=1");
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            boolean conflict = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH;
            String message = conflict ? "Someone changed the account settings after you opened this page, so nothing "
                    + "was saved. Reload the page to see the current settings, then make your changes again."
                    : refused.getMessage();
            render(visit, conflict ? 409 : 400, typed, etag, was, message, null, false);
        }
    }

    /**
     * Whether an allow-list would refuse this browser's address; core's {@link IpAllowList} decides. A list that
     * does not parse shuts nobody out: the service refuses it, in its own words.
     */
    private static boolean shutsOut(String allowedIps, String clientAddress) {
        try {
            return !IpAllowList.parse(allowedIps).allows(clientAddress);
        } catch (DomainException invalid) {
            return false;
        }
    }

    /** A number of days as the setting: NOT_SET when emptied, the number when changed, untouched otherwise. */
    private static String days(String now, String was) {
        if (now.equals(was)) {
            return null;
        }
        return now.isEmpty() ? AccountSettings.NOT_SET : now;
    }

    /** A checkbox as the setting: RESTRICTED when ticked, NOT_RESTRICTED when unticked now, untouched otherwise. */
    private static String restriction(boolean now, boolean was) {
        if (now == was) {
            return null;
        }
        return now ? AccountSettings.RESTRICTED : AccountSettings.NOT_RESTRICTED;
    }

    private void render(Visit visit, int status, SettingsView.Values values, String etag, SettingsView.Values was,
                        String error, String lockout, boolean saved) {
        render(visit, status, values, etag, was, error, lockout, saved, external(visit.principal()));
    }

    private void render(Visit visit, int status, SettingsView.Values values, String etag, SettingsView.Values was,
                        String error, String lockout, boolean saved, SettingsView.External external) {
        Principal me = visit.principal();
        List<SettingsHistoryEntry> history = services.settings().history(me, me.accountId()).reversed();
        visit.render(status, "settings.jte", new SettingsView(visit.chrome("Settings", "Settings"),
                services.settings().mayUpdate(me, me.accountId()), etag, values, was, error, lockout, saved,
                history.subList(0, Math.min(RECENT_CHANGES, history.size())), longLived(me), external));
    }

    /** The first keys that outlive the lifetime rule, for whoever may read that report, when the account has one. */
    private LongLivedKeys.Report longLived(Principal me) {
        if (!services.longLivedKeys().mayList(me, me.accountId())) {
            return null;
        }
        LongLivedKeys.Report report = services.longLivedKeys().list(me, me.accountId(), 0, LONG_LIVED_SHOWN);
        return report.maxLifetimeDays().isEmpty() ? null : report;
    }

    /** A field as typed, empty when absent; a textarea's line breaks (CRLF in a post) as LF. */
    private static String orEmpty(String value) {
        return Objects.requireNonNullElse(value, "").replace("\r\n", "\n");
    }
}
