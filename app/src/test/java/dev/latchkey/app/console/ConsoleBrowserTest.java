package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.slf4j.LoggerFactory;

/**
 * A console test in a real browser: one server (H2) and one Chromium for the class, a fresh browser profile per
 * test. Every secret a test sees (key values, passwords, session cookies) is remembered, and after the class no log
 * line of the server may hold one.
 */
abstract class ConsoleBrowserTest {
    static TestServer server;
    static Fixtures fixtures;
    static Browser browser;
    static ListAppender<ILoggingEvent> logs;
    static final List<String> SECRETS = new CopyOnWriteArrayList<>();
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
        logs = new ListAppender<>();
        logs.start();
        root().addAppender(logs);
        server = test.getTestClass().orElseThrow().isAnnotationPresent(OnPostgres.class) ? TestServer.postgres()
                : TestServer.h2();
        fixtures = new Fixtures(server);
        SECRETS.clear();
        SECRETS.add(server.adminKey);
    }

    @AfterAll
    static void noSecretInAnyLogLine() {
        try {
            root().detachAppender(logs);
            List<String> lines = new ArrayList<>();
            for (ILoggingEvent event : logs.list) {
                lines.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())));
            }
            assertThat(lines).as("log lines of the whole class").isNotEmpty();
            for (String secret : SECRETS) {
                assertThat(lines).noneMatch(line -> line.contains(secret));
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (browser != null) {
                browser.close();
            }
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @BeforeEach
    void openProfile() {
        context = browser.context();
        page = context.newPage();
    }

    @AfterEach
    void closeProfile() {
        context.cookies().forEach(c -> {
            if (c.name.equals("latchkey_session")) {
                SECRETS.add(c.value);
            }
        });
        context.close();
    }

    static String secret(String value) {
        SECRETS.add(value);
        return value;
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
