package dev.latchkey.console;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.session.ConsoleSession;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.http.AccessLog;
import dev.latchkey.http.ClientOrigin;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.Trace;
import dev.latchkey.http.WireError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's route table. Every page states its {@link Access}; installing one wraps it in what every page
 * shares: the security headers (no caching, a strict Content-Security-Policy, no framing), the session from its
 * cookie, sign-in for signed-in pages, the CSRF check on every form post, and the console's own error page for
 * what a service refuses.
 */
public final class Pages {
    static final String SESSION_COOKIE = "latchkey_session";
    /** Before sign-in, forms carry this cookie's value back (double submit): no one else's page can post them. */
    static final String FORM_COOKIE = "latchkey_form";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

    @FunctionalInterface
    public interface Action {
        void handle(Visit visit) throws Exception;
    }

    record Page(HandlerType method, String path, Access access, Action action) {
    }

    private final List<Page> pages = new ArrayList<>();
    private final SessionService sessions;
    private final Templates templates;
    private final Chrome.Source chrome;
    private final SecureRandom random = new SecureRandom();

    Pages(SessionService sessions, Templates templates, Chrome.Source chrome) {
        this.sessions = sessions;
        this.templates = templates;
        this.chrome = chrome;
    }

    public Pages get(String path, Access access, Action action) {
        pages.add(new Page(HandlerType.GET, path, access, action));
        return this;
    }

    public Pages post(String path, Access access, Action action) {
        pages.add(new Page(HandlerType.POST, path, access, action));
        return this;
    }

    List<Page> pages() {
        return List.copyOf(pages);
    }

    void install(RoutesConfig routes) {
        for (Page page : pages) {
            Handler handler = ctx -> serve(page, ctx);
            routes.addHttpHandler(page.method(), page.path(), handler);
            if (page.method() == HandlerType.GET) {
                routes.addHttpHandler(HandlerType.HEAD, page.path(), handler);
            }
        }
    }

    private void serve(Page page, Context ctx) {
        secureHeaders(ctx);
        ConsoleSession session = sessions.find(ctx.cookie(SESSION_COOKIE)).orElse(null);
        Visit visit = new Visit(ctx, session, templates, chrome, this);
        if (page.access() == Access.SIGNED_IN && session == null) {
            visit.redirect("/login" + (page.method() == HandlerType.GET
                    ? "?next=" + URLEncoder.encode(visit.here(), StandardCharsets.UTF_8) : ""));
            return;
        }
        if (session != null) {
            AccessLog.caller(ctx, session.principal());
        }
        if (page.method() == HandlerType.POST && !formIsOurs(ctx, page.access() == Access.SIGNED_IN ? session : null)) {
            error(visit, 403, "Forbidden", "This form did not come from a page of this console, or the page is "
                    + "too old. Reload the page and try again.");
            return;
        }
        try {
            page.action().handle(visit);
        } catch (DomainException e) {
            error(visit, WireError.of(e.errorCode()).status(), title(WireError.of(e.errorCode()).status()),
                    e.getMessage());
        } catch (HttpRefusal e) {
            error(visit, e.error().status(), title(e.error().status()), e.getMessage());
        } catch (Exception e) {
            LOG.error("console page {} {} failed (trace {})", page.method(), page.path(), Trace.of(ctx), e);
            error(visit, 500, "Something went wrong", "The page could not be shown. Quote trace id "
                    + Trace.of(ctx) + " when reporting this.");
        }
    }

    /** A signed-in form carries the session's token; a form before sign-in, the value of its form cookie. */
    private static boolean formIsOurs(Context ctx, ConsoleSession session) {
        String presented = ctx.formParam("csrf");
        if (session != null) {
            return SessionService.csrfMatches(session, presented);
        }
        String cookie = ctx.cookie(FORM_COOKIE);
        return cookie != null && presented != null && MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token a form before sign-in carries: the form cookie's value, set now when the browser has none. */
    String formToken(Context ctx) {
        String existing = ctx.cookie(FORM_COOKIE);
        if (existing != null && existing.length() == 43) {
            return existing;
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ctx.cookie(cookie(ctx, FORM_COOKIE, token, -1));
        return token;
    }

    /**
     * An HttpOnly, SameSite=Strict cookie for the whole console; Secure when the request came over TLS (to this
     * server, or to a trusted proxy that says so) or {@code --public-url} is {@code https} ({@link ClientOrigin}).
     */
    static Cookie cookie(Context ctx, String name, String value, int maxAgeSeconds) {
        return new Cookie(name, value, "/", maxAgeSeconds, ClientOrigin.secure(ctx), true, null, SameSite.STRICT);
    }

    private void error(Visit visit, int status, String title, String message) {
        Chrome frame = visit.signedIn() ? visit.chrome(title, null) : null;
        visit.render(status, "error.jte", new ErrorView(frame, status, title, message, Trace.of(visit.ctx())));
    }

    private static String title(int status) {
        return switch (status) {
            case 400, 422 -> "That did not work";
            case 403 -> "Forbidden";
            case 404, 410 -> "Not found";
            case 409 -> "Changed meanwhile";
            case 503 -> "Unavailable";
            default -> "Something went wrong";
        };
    }

    /** The console's error page: what happened, in the server's words, and the trace id. */
    public record ErrorView(Chrome chrome, int status, String title, String message, String trace) {
    }

    private static void secureHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }
}
