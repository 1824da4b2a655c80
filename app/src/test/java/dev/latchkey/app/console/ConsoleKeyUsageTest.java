package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * An API key's page in a real browser: reached from the key's name in the table, with its token exchanges per day
 * as bars whose numbers are also text (a title per bar, a table), over 30 or 90 days; refused to whoever may not
 * view the key.
 */
class ConsoleKeyUsageTest extends ConsoleBrowserTest {

    /** A key of {@code owner} used three times today and, by rows written as the flush writes them, on past days. */
    String usedKey(Person owner, String name) {
        Answer made = server.post("/v1/apikeys", server.token(owner.apikey()), "{\"name\":\"" + name
                + "\",\"iam_id\":\"" + owner.iamId() + "\",\"description\":\"Deploys from CI\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String id = made.body().get("id").asText();
        String value = secret(made.body().get("apikey").asText());
        for (int i = 0; i < 3; i++) {
            server.token(value);
        }
        server.wiring.flushActivity();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        server.wiring.database().jdbi().useHandle(h -> {
            for (int back = 1; back < 80; back++) {
                if (back % 7 == 5 || back % 7 == 6) {
                    continue; // quiet weekends
                }
                long count = 40 + (back * 37 % 23) * 3 + (back < 30 ? 25 : 0);
                h.execute("INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges) VALUES (?, ?, ?)",
                        id, today.minusDays(back), count);
            }
        });
        return id;
    }

    @Test
    void aKeysPageShowsItsTokenExchangesPerDayAsBarsAndAsNumbers() {
        Person owner = fixtures.accountWithOwner();
        String id = usedKey(owner, "deploy-bot");
        signInWithApiKey(owner.apikey());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("deploy-bot").setExact(true)).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys/" + id);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("deploy-bot");

        Locator chart = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions()
                .setName("Token exchanges per day of API key deploy-bot"));
        assertThat(chart).isVisible();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(chart.locator("rect.bar[data-date='" + today + "'] title")).hasText(
                today.format(DateTimeFormatter.ofPattern("EEE, MMM d, yyyy", Locale.ENGLISH))
                        + ": 3 token exchanges");
        assertThat(chart.locator("rect.bar")).hasCount(countWeekdays(30) + 1);
        assertThat(chart.locator("desc")).containsText("the busiest day was");
        Browser.screenshot(page, "api-key-usage");
        Browser.assertAccessible(page);

        page.getByText("Show the numbers").click();
        Locator numbers = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions()
                .setName("Token exchanges per day, oldest first"));
        assertThat(numbers.locator("tbody tr")).hasCount(30);
        assertThat(numbers.locator("tbody tr").last()).containsText("3");
        assertThat(numbers.locator("tbody tr").nth(28)).containsText(today.minusDays(1).getDayOfMonth() + ",");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("90 days")).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys/" + id + "?days=90");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("90 days")))
                .hasAttribute("aria-current", "page");
        assertThat(chart.locator("rect.bar")).hasCount(countWeekdays(80) + 1);
        Browser.screenshot(page, "api-key-usage-90");
        Browser.assertAccessible(page);
    }

    static int countWeekdays(int until) {
        int n = 0;
        for (int back = 1; back < until; back++) {
            n += back % 7 == 5 || back % 7 == 6 ? 0 : 1;
        }
        return n;
    }

    @Test
    void whoMayNotViewTheKeyGetsTheServicesRefusalAndBadDaysAreRefused() {
        Person owner = fixtures.accountWithOwner();
        String id = usedKey(owner, "private");
        Person member = fixtures.member(owner.accountId());
        signInWithApiKey(member.apikey());
        assertThat(page.navigate(server.url + "/iam/apikeys/" + id).status()).isEqualTo(403);
        assertThat(page.locator("main")).containsText("not allowed to view API key " + id);
        context.clearCookies();
        signInWithApiKey(owner.apikey());
        assertThat(page.navigate(server.url + "/iam/apikeys/" + id + "?days=91").status()).isEqualTo(400);
        assertThat(page.locator("main")).containsText("'days'");
        assertThat(page.navigate(server.url + "/iam/apikeys/" + id + "?days=week").status()).isEqualTo(400);
        assertThat(page.navigate(server.url + "/iam/apikeys/ApiKey-none").status()).isEqualTo(404);
    }
}
