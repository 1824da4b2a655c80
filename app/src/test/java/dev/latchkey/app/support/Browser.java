package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless, driven by Playwright (which downloads no browser of its own). Without
 * {@code /usr/bin/chromium} the console's browser tests are skipped with a visible message, except under
 * {@code CI=true}, where {@code .ci/run} installs it and they must run. Screenshots go to
 * {@code app/target/screenshots}, or to the folder {@code -Dlatchkey.screenshots} names (the guide's pictures are
 * made with {@code -Dlatchkey.screenshots=docs/guide/console}).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of(System.getProperty("latchkey.chromium", "/usr/bin/chromium"));
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private final Playwright playwright;
    private final com.microsoft.playwright.Browser browser;

    private Browser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** The browser, or the test is skipped (failed under CI=true) when Chromium is not installed. */
    public static Browser start() {
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is not installed (apt-get install chromium)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI=true the console's browser tests must run");
            }
            System.err.println("SKIPPED: " + message + "; the console's browser tests are skipped");
            Assumptions.abort(message);
        }
        return new Browser();
    }

    /** A fresh browser profile (no cookies) at 1280×800 that accepts downloads and grants clipboard access. */
    public BrowserContext context() {
        BrowserContext context = browser.newContext(new NewContextOptions().setViewportSize(1280, 800)
                .setAcceptDownloads(true));
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        return context;
    }

    /** Runs axe-core on the page; every violation of serious or critical impact, as "rule: description" lines. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Page page) {
        page.evaluate(axeSource());
        Object result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                + ".violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' [' + v.nodes.map(n => n.target.join(' ')).join(', ') + ']')");
        return new ArrayList<>((List<String>) result);
    }

    public static void assertAccessible(Page page) {
        assertThat(seriousViolations(page)).as("axe-core: serious or critical violations on " + page.url()).isEmpty();
    }

    /** A full-page screenshot named {@code name}.png (see the class comment for where). */
    public static void screenshot(Page page, String name) {
        String folder = System.getProperty("latchkey.screenshots");
        Path dir = folder == null ? Path.of("target", "screenshots") : Path.of(folder);
        if (folder != null && !dir.isAbsolute() && !Files.isDirectory(dir)) {
            dir = Path.of("..").resolve(folder); // Maven runs app's tests in app/
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(false));
    }

    private static String axeSource() {
        try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
