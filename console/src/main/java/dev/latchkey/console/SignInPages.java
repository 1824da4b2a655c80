package dev.latchkey.console;

import dev.latchkey.core.common.Secret;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.core.token.TokenOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signing in (e-mail and password, or an API key), signing out and switching account. Sign-in is a token exchange
 * by the token endpoint's rules, made by {@code TokenService} itself (password throttle, allowed addresses,
 * membership); the session lasts as long as that token would.
 */
public final class SignInPages {
    public static final String CLIENT_ID = "latchkey-console";
    private final ConsoleServices services;

    SignInPages(ConsoleServices services) {
        this.services = services;
    }

    void register(Pages pages) {
        pages.get("/", Access.ANYONE, visit -> {
            if (visit.signedIn()) {
                visit.redirect(Console.HOME);
            } else {
                showLogin(visit, 200, null, null);
            }
        });
        pages.get("/login", Access.ANYONE, visit -> {
            if (visit.signedIn()) {
                visit.redirect(safeNext(visit.query("next")));
            } else {
                showLogin(visit, 200, null, null);
            }
        });
        pages.post("/login", Access.ANYONE, visit -> {
            String email = visit.form("email");
            String password = visit.formRaw("password");
            if (email == null || password == null) {
                showLogin(visit, 400, "Enter your e-mail address and your password.", email);
                return;
            }
            signIn(visit, services.tokens().exchangePassword(email, new Secret(password), null, CLIENT_ID,
                    visit.clientAddress()), email);
        });
        pages.post("/login/apikey", Access.ANYONE, visit -> {
            String apikey = visit.formRaw("apikey");
            if (apikey == null) {
                showLogin(visit, 400, "Enter an API key.", null);
                return;
            }
            signIn(visit, services.tokens().exchange(new Secret(apikey.strip()), null, Set.of(), CLIENT_ID,
                    visit.clientAddress()), null);
        });
        pages.post("/logout", Access.SIGNED_IN, visit -> {
            services.sessions().close(visit.ctx().cookie(Pages.SESSION_COOKIE));
            visit.ctx().cookie(Pages.cookie(visit.ctx(), Pages.SESSION_COOKIE, "", 0));
            visit.redirect("/login");
        });
        pages.post("/account", Access.SIGNED_IN, visit -> {
            String account = visit.form("account");
            TokenOutcome outcome = services.tokens().exchangeForAccount(visit.principal().iamId(),
                    account == null ? "" : account, visit.session().authnAccountId(), CLIENT_ID,
                    visit.clientAddress());
            switch (outcome) {
                case TokenOutcome.Issued issued -> {
                    services.sessions().close(visit.ctx().cookie(Pages.SESSION_COOKIE));
                    openSession(visit, issued);
                    visit.redirect(Console.HOME);
                }
                case TokenOutcome.Refused refused -> visit.render(403, "error.jte", new Pages.ErrorView(
                        visit.chrome("Forbidden", null), 403, "Forbidden", refused.message(), null));
            }
        });
    }

    private void signIn(Visit visit, TokenOutcome outcome, String email) {
        switch (outcome) {
            case TokenOutcome.Issued issued -> {
                openSession(visit, issued);
                visit.redirect(safeNext(visit.form("next")));
            }
            case TokenOutcome.Refused refused -> {
                if (refused.retryAfterSeconds() > 0) {
                    visit.ctx().header("Retry-After", Long.toString(refused.retryAfterSeconds()));
                }
                showLogin(visit, refused.retryAfterSeconds() > 0 ? 429 : 400, refused.message(), email);
            }
        }
    }

    private void openSession(Visit visit, TokenOutcome.Issued issued) {
        openSession(services.sessions(), visit, issued);
    }

    /**
     * Signs the browser in with a token just issued (after choosing or changing a password too): a session until the
     * token's expiry, in place of any session the browser had.
     */
    public static void openSession(SessionService sessions, Visit visit, TokenOutcome.Issued issued) {
        sessions.close(visit.ctx().cookie(Pages.SESSION_COOKIE));
        SessionService.Opened opened = sessions.open(issued);
        int maxAge = (int) Math.max(1, Duration.between(Instant.now(), opened.session().expiresAt()).toSeconds());
        visit.ctx().cookie(Pages.cookie(visit.ctx(), Pages.SESSION_COOKIE, opened.cookie().reveal(), maxAge));
    }

    private static void showLogin(Visit visit, int status, String error, String email) {
        String notice = error != null ? null : switch (visit.query("done") == null ? "" : visit.query("done")) {
            case "reset" -> "Your password was changed. Log in with the new one.";
            case "accepted" -> "You accepted the invitation. Log in to continue.";
            default -> null;
        };
        visit.render(status, "login.jte", new LoginView(visit.formToken(), error, notice, email,
                safeNext(visit.query("next") != null ? visit.query("next") : visit.form("next"))));
    }

    /** Where to go after sign-in: a path on this console only, never another site. */
    static String safeNext(String next) {
        return Forms.localPath(next) ? next : Console.HOME;
    }

    /**
     * The sign-in page: the form token, the refusal in the server's words, a notice (a password was just reset),
     * and where to go afterwards.
     */
    public record LoginView(String csrf, String error, String notice, String email, String next) {
    }
}
