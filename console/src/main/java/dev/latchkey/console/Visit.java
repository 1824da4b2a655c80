package dev.latchkey.console;

import dev.latchkey.core.common.Principal;
import dev.latchkey.core.session.ConsoleSession;
import dev.latchkey.http.ClientOrigin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * One request to a console page: the Javalin context, the live session (null on a page for anyone that nobody
 * signed in to), and the way to answer: a rendered template or a redirect.
 */
public final class Visit {
    /** Rows on a page of every console listing. */
    public static final int PAGE_SIZE = 20;
    private final Context ctx;
    private final ConsoleSession session;
    private final Templates templates;
    private final Chrome.Source chrome;
    private final Pages pages;

    Visit(Context ctx, ConsoleSession session, Templates templates, Chrome.Source chrome, Pages pages) {
        this.ctx = ctx;
        this.session = session;
        this.templates = templates;
        this.chrome = chrome;
        this.pages = pages;
    }

    public Context ctx() {
        return ctx;
    }

    /** The signed-in identity and account; only on {@link Access#SIGNED_IN} pages. */
    public Principal principal() {
        if (session == null) {
            throw new IllegalStateException("no session on this page");
        }
        return session.principal();
    }

    public ConsoleSession session() {
        return session;
    }

    public boolean signedIn() {
        return session != null;
    }

    /** The token a form on a page before sign-in must carry (the page's {@code csrf} field). */
    public String formToken() {
        return pages.formToken(ctx);
    }

    /** A form field, stripped; null when absent or blank. */
    public String form(String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A form field exactly as sent (passwords, key values): null when absent or empty. */
    public String formRaw(String name) {
        String value = ctx.formParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public String query(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The listing page asked for ({@code page}, from 1); anything else is the first. */
    public int page() {
        return Math.max(1, Forms.intOr(query("page"), 1));
    }

    /** Where {@link #page()} starts, for a listing of {@link #PAGE_SIZE} rows. */
    public int offset() {
        return (page() - 1) * PAGE_SIZE;
    }

    /** This page's path and query, for forms that return here. */
    public String here() {
        return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    }

    /**
     * Where a form goes back to: its {@code back} field when that is a path on this server under {@code prefix},
     * else {@code otherwise}.
     */
    public String back(String prefix, String otherwise) {
        String back = form("back");
        return Forms.localPath(back) && back.startsWith(prefix) ? back : otherwise;
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    /**
     * The client's address as the token endpoint sees it ({@link ClientOrigin}: the TCP peer's, or the forwarded one
     * from a trusted proxy): what an account's allow-list is checked against.
     */
    public String clientAddress() {
        return ClientOrigin.address(ctx);
    }

    /** The header and navigation of a signed-in page, with {@code title} and the navigation entry {@code nav}. */
    public Chrome chrome(String title, String nav) {
        return chrome.of(this, title, nav);
    }

    public void render(String template, Object model) {
        render(200, template, model);
    }

    public void render(int status, String template, Object model) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(templates.render(template, model));
    }

    /** Answers a form post: see the page it changed (POST, then redirect, then GET). */
    public void redirect(String location) {
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }
}
