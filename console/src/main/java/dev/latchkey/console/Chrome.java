package dev.latchkey.console;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * The frame of a signed-in page: its title, which navigation entry is current, and the header (the account's name,
 * the account switcher, who is signed in, the CSRF token every form carries).
 *
 * @param nav      the current navigation entry's label ("API keys", "Service IDs", …), or null
 * @param accounts the accounts the signed-in user may switch to, the current one included
 * @param iamNav   the entries under "Access (IAM)" this identity is offered: {@link #IAM_NAV}, and
 *                 {@link #AUDIT_NAV} and {@link #NOTIFICATIONS_NAV} when the services allow them (the very
 *                 decisions the pages themselves make)
 */
public record Chrome(String title, String nav, String accountId, String accountName, String signedInAs,
                     List<AccountChoice> accounts, String csrf, List<NavEntry> iamNav) {

    public record AccountChoice(String id, String name, boolean current) {
    }

    /** The navigation entries under "Access (IAM)" every signed-in identity is offered, in order. */
    public static final List<NavEntry> IAM_NAV = List.of(new NavEntry("API keys", "/iam/apikeys"),
            new NavEntry("Service IDs", "/iam/serviceids"), new NavEntry("Users", "/iam/users"),
            new NavEntry("Access groups", "/iam/groups"),
            new NavEntry("Leaked keys", "/iam/leaked"), new NavEntry("Settings", "/iam/settings"));
    public static final NavEntry RESOURCES_NAV = new NavEntry("Resource list", "/resources");
    /** "Audit log": offered only to who may read the account's audit log ({@code AuditLog.mayRead}). */
    public static final NavEntry AUDIT_NAV = new NavEntry("Audit log", "/iam/audit");
    /** "Notifications": offered only to who may list the account's webhook endpoints. */
    public static final NavEntry NOTIFICATIONS_NAV = new NavEntry("Notifications", "/iam/notifications");

    public record NavEntry(String label, String href) {
    }

    /** Builds a page's frame from the session, through the same services the API uses. */
    static final class Source {
        private final ConsoleServices services;

        Source(ConsoleServices services) {
            this.services = services;
        }

        Chrome of(Visit visit, String title, String nav) {
            Principal me = visit.principal();
            List<Account> mine = me.isServiceId() ? List.of() : services.accounts().mine(me);
            String accountName = mine.stream().filter(a -> a.id().equals(me.accountId())).map(Account::name)
                    .findFirst().orElse(me.accountId());
            List<AccountChoice> choices = mine.stream()
                    .map(a -> new AccountChoice(a.id(), a.name(), a.id().equals(me.accountId()))).toList();
            return new Chrome(title, nav, me.accountId(), accountName, signedInAs(me), choices,
                    visit.session().csrfToken(), iamNav(me));
        }

        /**
         * {@link #IAM_NAV}, with "Audit log" and "Notifications" before "Settings" when their services' own rules let
         * this identity read them: a page a caller would be refused is not offered.
         */
        private List<NavEntry> iamNav(Principal me) {
            List<NavEntry> entries = new ArrayList<>(IAM_NAV);
            if (services.audit().mayRead(me, me.accountId())) {
                entries.add(entries.size() - 1, AUDIT_NAV);
            }
            if (services.webhookEndpoints().mayList(me, me.accountId())) {
                entries.add(entries.size() - 1, NOTIFICATIONS_NAV);
            }
            return List.copyOf(entries);
        }

        private String signedInAs(Principal me) {
            if (me.isServiceId()) {
                return me.iamId();
            }
            try {
                return services.users().get(me, me.accountId(), me.iamId()).user().email();
            } catch (DomainException e) {
                return me.iamId();
            }
        }
    }
}
