package dev.latchkey.console.user;

import dev.latchkey.console.Access;
import dev.latchkey.console.Console;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.SignInPages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.token.TokenOutcome;
import java.time.Duration;
import java.util.Optional;

/**
 * The pages outside sign-in that set passwords: accepting an invitation ({@code /invite?token=…}, the link the
 * invitation mail carries), "Forgot password?" and the reset link it mails. The secrets travel in the link's query
 * (the issue's own {@code /invite?token=} shape; Referrer-Policy keeps them from other sites) and then in form posts.
 */
public final class PasswordPages {
    private final ConsoleServices services;

    public PasswordPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/invite", Access.ANYONE, visit -> invitation(visit, 200, visit.query("token"), null));
        pages.post("/invite", Access.ANYONE, this::accept);
        pages.get("/forgot-password", Access.ANYONE, visit -> visit.render("forgot.jte",
                new ForgotView(visit.formToken(), null, null, false)));
        pages.post("/forgot-password", Access.ANYONE, this::forgot);
        pages.get("/reset-password", Access.ANYONE, visit -> reset(visit, 200, visit.query("token"), null));
        pages.post("/reset-password", Access.ANYONE, this::setNew);
    }

    private void invitation(Visit visit, int status, String token, String error) {
        Optional<UserService.Invitation> invitation = token == null ? Optional.empty()
                : services.users().invitation(new Secret(token));
        visit.render(invitation.isEmpty() ? 400 : status, "invite.jte", new InviteView(visit.formToken(),
                invitation.isEmpty() ? null : token, invitation.map(UserService.Invitation::email).orElse(null),
                invitation.map(UserService.Invitation::accountName).orElse(null),
                invitation.map(UserService.Invitation::hasPassword).orElse(false), error, UserService.MIN_PASSWORD));
    }

    private void accept(Visit visit) {
        String token = visit.form("token");
        Optional<UserService.Invitation> invitation = token == null ? Optional.empty()
                : services.users().invitation(new Secret(token));
        if (invitation.isEmpty()) {
            invitation(visit, 400, null, null);
            return;
        }
        String password = visit.formRaw("password");
        if (password == null) {
            invitation(visit, 400, token, "Enter a password.");
            return;
        }
        if (!invitation.get().hasPassword() && !password.equals(visit.formRaw("repeat_password"))) {
            invitation(visit, 400, token, "The password and its repetition differ: type the same password twice.");
            return;
        }
        UserService.Member member;
        try {
            member = services.passwords().accept(new Secret(token), new Secret(password));
        } catch (DomainException refused) {
            invitation(visit, 400, token, refused.getMessage());
            return;
        }
        TokenOutcome outcome = services.tokens().exchangePassword(member.user().email(), new Secret(password),
                member.membership().accountId(), SignInPages.CLIENT_ID, visit.clientAddress());
        if (outcome instanceof TokenOutcome.Issued issued) {
            SignInPages.openSession(services.sessions(), visit, issued);
            visit.redirect(Console.HOME);
        } else {
            visit.redirect("/login?done=accepted");
        }
    }

    private void forgot(Visit visit) {
        String email = visit.form("email");
        Duration wait;
        try {
            wait = services.passwords().requestReset(email);
        } catch (DomainException refused) {
            visit.render(400, "forgot.jte", new ForgotView(visit.formToken(), email, refused.getMessage(), false));
            return;
        }
        if (!wait.isZero()) {
            visit.ctx().header("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            visit.render(429, "forgot.jte", new ForgotView(visit.formToken(), email, "Too many requests for this "
                    + "address: try again in " + Math.max(1, wait.toSeconds()) + " seconds.", false));
            return;
        }
        visit.render("forgot.jte", new ForgotView(visit.formToken(), email, null, true));
    }

    private void reset(Visit visit, int status, String token, String error) {
        Optional<String> email = token == null ? Optional.empty() : services.passwords().resetFor(new Secret(token));
        visit.render(email.isEmpty() ? 400 : status, "reset.jte", new ResetView(visit.formToken(),
                email.isEmpty() ? null : token, email.orElse(null), error, UserService.MIN_PASSWORD));
    }

    private void setNew(Visit visit) {
        String token = visit.form("token");
        String password = visit.formRaw("password");
        if (password == null || !password.equals(visit.formRaw("repeat_password"))) {
            reset(visit, 400, token, password == null ? "Enter a new password."
                    : "The password and its repetition differ: type the same password twice.");
            return;
        }
        try {
            services.passwords().reset(token == null ? new Secret("") : new Secret(token), new Secret(password));
        } catch (DomainException refused) {
            reset(visit, 400, token, refused.getMessage());
            return;
        }
        visit.redirect("/login?done=reset");
    }

    /**
     * The accept page: {@code token} null when the invitation is unknown, accepted or expired; {@code hasPassword}
     * when the invitee confirms with their password instead of choosing one.
     */
    public record InviteView(String csrf, String token, String email, String accountName, boolean hasPassword,
                             String error, int minPassword) {
    }

    /** "Forgot password?": {@code sent} after a request, whatever the address. */
    public record ForgotView(String csrf, String email, String error, boolean sent) {
    }

    /** The reset page: {@code token} null when the link is unknown, used or expired. */
    public record ResetView(String csrf, String token, String email, String error, int minPassword) {
    }
}
