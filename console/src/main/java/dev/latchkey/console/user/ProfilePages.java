package dev.latchkey.console.user;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.SignInPages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.token.TokenOutcome;
import java.util.List;

/**
 * Your profile (the e-mail in the header): who you are, the accounts you belong to, and "Change password", which
 * {@code PasswordService.change} does: the current password must be right (wrong ones count toward the sign-in
 * throttle), and every session of yours ends; this browser is signed in again with the new password.
 */
public final class ProfilePages {
    private final ConsoleServices services;

    public ProfilePages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/profile", Access.SIGNED_IN, visit -> show(visit, 200, null,
                "password".equals(visit.query("changed"))));
        pages.post("/profile/password", Access.SIGNED_IN, visit -> {
            Principal me = visit.principal();
            String current = visit.formRaw("current_password");
            String next = visit.formRaw("new_password");
            if (current == null || next == null) {
                show(visit, 400, "Enter your current password and a new one.", false);
                return;
            }
            if (!next.equals(visit.formRaw("repeat_password"))) {
                show(visit, 400, "The new password and its repetition differ: type the same password twice.", false);
                return;
            }
            String email = services.users().get(me, me.accountId(), me.iamId()).user().email();
            try {
                services.passwords().change(me, new Secret(current), new Secret(next));
            } catch (DomainException refused) {
                show(visit, 400, refused.getMessage(), false);
                return;
            }
            // Every session of this user ended with the change: this browser signs in again with the new password.
            TokenOutcome outcome = services.tokens().exchangePassword(email, new Secret(next), me.accountId(),
                    SignInPages.CLIENT_ID, visit.clientAddress());
            if (outcome instanceof TokenOutcome.Issued issued) {
                SignInPages.openSession(services.sessions(), visit, issued);
                visit.redirect("/profile?changed=password");
            } else {
                visit.redirect("/login?done=reset");
            }
        });
    }

    private void show(Visit visit, int status, String error, boolean changed) {
        Principal me = visit.principal();
        List<ProfileView.AccountRow> accounts = me.isServiceId() ? List.of() : services.accounts().mine(me).stream()
                .map(a -> new ProfileView.AccountRow(a.id(), a.name(), a.id().equals(me.accountId()),
                        a.ownerIamId().equals(me.iamId()))).toList();
        String email = null;
        String name = null;
        boolean functional = false;
        if (!me.isServiceId()) {
            var user = services.users().get(me, me.accountId(), me.iamId()).user();
            email = user.email();
            name = user.name();
            functional = user.functional();
        }
        visit.render(status, "profile.jte", new ProfileView(visit.chrome("Profile", null), me.iamId(), email, name,
                !me.isServiceId() && !functional, accounts, error, changed));
    }

    /** The profile page: who is signed in, whether they sign in with a password, and their accounts. */
    public record ProfileView(dev.latchkey.console.Chrome chrome, String iamId, String email, String name,
                              boolean hasPassword, List<AccountRow> accounts, String error, boolean changed) {
        public record AccountRow(String id, String name, boolean current, boolean owner) {
        }
    }
}
