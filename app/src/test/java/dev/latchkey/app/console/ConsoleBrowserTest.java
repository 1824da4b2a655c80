package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.LogWatch;
import dev.latchkey.app.support.TestServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A console test in a real browser: one server (H2) and one Chromium for the class, a fresh browser profile per
 * test. Every secret a test sees (key values, passwords, session cookies) is remembered, and after the class no log
 * line of the server may hold one.
 */
abstract class ConsoleBrowserTest {
    static TestServer server;
    static Fixtures fixtures;
    static Browser browser;
    static LogWatch logs;
    BrowserContext context;
    Page page;

    /** A console test class so marked runs on PostgreSQL instead of H2. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface OnPostgres {
    }

    @BeforeAll
    static void startServerAndBrowser(TestInfo test) {
        browser = Browser.start();
        logs = LogWatch.start();
        server = test.getTestClass().orElseThrow().isAnnotationPresent(OnPostgres.class) ? TestServer.postgres()
                : TestServer.h2();
        fixtures = new Fixtures(server);
        logs.secret(server.adminKey);
    }

    @AfterAll
    static void noSecretInAnyLogLine() {
        try {
            if (logs != null) { // null when the class was skipped: no browser on this machine
                logs.assertNoSecretLogged();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (browser != null) {
                browser.close();
            }
            // static, so shared by every console test class: the next class starts from nothing, skipped or not
            browser = null;
            logs = null;
            server = null;
            fixtures = null;
        }
    }

    @BeforeEach
    void openProfile() {
        context = browser.context();
        page = context.newPage();
    }

    @AfterEach
    void closeProfile() {
        context.cookies().stream().filter(c -> c.name.equals("latchkey_session")).forEach(c -> logs.secret(c.value));
        context.close();
    }

    static String secret(String value) {
        return logs.secret(value);
    }

    void signInWithApiKey(String apikey) {
        page.navigate(server.url + "/login");
        page.getByLabel("API key").fill(apikey);
        button("Log in with API key").click();
        assertThat(page).hasURL(server.url + "/iam/apikeys");
    }

    void signInWithPassword(String email, String password) {
        page.navigate(server.url + "/login");
        page.getByLabel("E-mail").fill(email);
        page.getByLabel("Password").fill(secret(password));
        button("Log in").click();
    }

    Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator dialog(String name) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(name));
    }

    static Locator button(Locator within, String name) {
        return within.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }
}
