package dev.latchkey.app.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The {@code latchkey} CLI against a real server: login, then every api-key command, as a user would type them. */
class CliEndToEndTest extends CliEndToEnd {
    @Test
    void anAdminInvitesAUserWhoAcceptsAndIsRemoved() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run invited = latchkey("user-invite", "cli-user@example.com", "--first-name", "Cli", "--last-name", "User");
        assertThat(invited.exit()).as(invited.err()).isZero();
        var token = java.util.regex.Pattern.compile("lkinv_[0-9A-Za-z]+").matcher(invited.out());
        assertThat(token.find()).as(invited.out()).isTrue();

        Run accepted = new LatchkeyCli(configDir).runWithInput("a fine long password\n", "invitation-accept", "--url",
                server.url, "--token", token.group());
        assertThat(accepted.exit()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("cli-user@example.com");

        Run users = latchkey("users");
        assertThat(users.out()).contains("cli-user@example.com", "ACTIVE", "Cli User");
        Run bot = latchkey("user-invite", "cli-bot@example.com", "--functional");
        assertThat(bot.out()).contains("ACTIVE").doesNotContain("lkinv_");
        assertThat(latchkey("user-remove", "cli-user@example.com", "-f").exit()).isZero();
        assertThat(latchkey("users").out()).doesNotContain("cli-user@example.com").contains("cli-bot@example.com");

        Run accounts = latchkey("accounts");
        assertThat(accounts.out()).contains("Default account");
        Run created = latchkey("account-create", "Team B");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(latchkey("accounts").out()).contains("Team B");
    }

    @Test
    void classicKeysScanningAndLeakReviewFromTheCommandLine() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run created = latchkey("classic-key-create");
        assertThat(created.exit()).as(created.err()).isZero();
        var classic = java.util.regex.Pattern.compile("lkc_[0-9A-Za-z]{49}").matcher(created.out());
        assertThat(classic.find()).isTrue();
        assertThat(latchkey("classic-key-show").out()).contains(classic.group());
        assertThat(latchkey("classic-keys").out()).contains(classic.group().substring(0, 8)).doesNotContain(classic.group());
        assertThat(latchkey("classic-key-create").exit()).as("one at a time").isEqualTo(1);

        Run key = latchkey("api-key-create", "committed-by-mistake", "--action-when-leaked", "disable");
        var leaked = java.util.regex.Pattern.compile("lk_[0-9A-Za-z]{49}").matcher(key.out());
        assertThat(leaked.find()).isTrue();
        Path repo = configDir.resolve("repo");
        Files.createDirectories(repo);
        Files.writeString(repo.resolve("settings.yaml"), "api:\n  key: " + leaked.group() + "\n");
        Run scan = latchkey("scan", repo.toString(), "--report");
        assertThat(scan.exit()).as("findings fail the scan, as a pre-commit hook needs").isEqualTo(1);
        assertThat(scan.out()).contains("settings.yaml:2").contains("true_positive").doesNotContain(leaked.group());
        assertThat(server.tokenFor(leaked.group()).body().get("errorCode").asText()).isEqualTo("BXNIM0462E");

        Run review = latchkey("leaked-keys");
        assertThat(review.exit()).as(review.err()).isZero();
        assertThat(review.out()).contains("committed-by-mistake", "disabled", "file://").doesNotContain(leaked.group());

        assertThat(latchkey("classic-key-delete", "-f").exit()).isZero();
        assertThat(latchkey("classic-key-show").err()).contains("no classic infrastructure key");
    }

    @Test
    void aKeyIsRotatedWithAGraceAndTheNewValueShownOnce() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run created = latchkey("api-key-create", "rotating-bot");
        var first = java.util.regex.Pattern.compile("lk_[0-9A-Za-z]{49}").matcher(created.out());
        assertThat(first.find()).isTrue();

        Run rotated = latchkey("api-key-rotate", "rotating-bot", "--grace", "1h");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).contains("Rotated API key", "rotating-bot", "cannot be shown again",
                "The old value works for 3600 more seconds.");
        var second = java.util.regex.Pattern.compile("lk_[0-9A-Za-z]{49}").matcher(rotated.out());
        assertThat(second.find()).isTrue();
        assertThat(second.group()).isNotEqualTo(first.group());
        assertThat(server.tokenFor(first.group()).status()).as("the old value, in its grace").isEqualTo(200);
        assertThat(server.tokenFor(second.group()).status()).isEqualTo(200);
        assertThat(latchkey("api-key", "rotating-bot").out()).contains("rotate").doesNotContain(second.group());

        Run tooLong = latchkey("api-key-rotate", "rotating-bot", "--grace", "8d");
        assertThat(tooLong.exit()).isEqualTo(1);
        assertThat(tooLong.err()).contains("grace_seconds", "HTTP 400");
        assertThat(latchkey("api-key-rotate", "rotating-bot", "--grace", "soon").exit()).isEqualTo(2);

        Run now = latchkey("api-key-rotate", "rotating-bot", "--output", "json");
        assertThat(now.exit()).as(now.err()).isZero();
        assertThat(now.out()).contains("\"apikey\"");
        assertThat(server.tokenFor(first.group()).status()).as("a second rotation ends the first grace").isEqualTo(400);
        assertThat(server.tokenFor(second.group()).status()).as("no grace asked: at once").isEqualTo(400);
    }

    @Test
    void aKeysDailyUsagePrintsAsACompactTableWithBarsAndItsTotal() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Path keyFile = configDir.resolve("usage-key.json");
        assertThat(latchkey("api-key-create", "usage-bot", "--file", keyFile.toString()).exit()).isZero();
        String value = TestServer.JSON.readTree(Files.readString(keyFile)).get("apikey").asText();
        server.token(value);
        server.token(value);
        server.wiring.flushActivity();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();

        Run usage = latchkey("api-key-usage", "usage-bot", "--days", "3");
        assertThat(usage.exit()).as(usage.err()).isZero();
        assertThat(usage.out().lines().toList()).hasSize(4).first().asString().startsWith("DATE").contains("TOKEN EXCHANGES");
        assertThat(usage.out().lines().toList().getLast()).startsWith(today).contains(" 2 ")
                .endsWith("#".repeat(40));
        assertThat(usage.err()).contains("2 token exchanges in 3 days (UTC)");
        Run json = latchkey("api-key-usage", "usage-bot", "--output", "json");
        assertThat(TestServer.JSON.readTree(json.out()).get("usage").size()).as("30 days by default").isEqualTo(30);
        Run tooMany = latchkey("api-key-usage", "usage-bot", "--days", "91");
        assertThat(tooMany.exit()).isNotZero();
        assertThat(tooMany.err()).contains("--days must be from 1 to 90");
    }

    @Test
    void aUserManagesKeysFromTheCommandLine() throws Exception {
        Run notLoggedIn = latchkey("api-keys");
        assertThat(notLoggedIn.exit()).isEqualTo(1);
        assertThat(notLoggedIn.err()).contains("not logged in");

        Run login = latchkey("login", "--apikey", server.adminKey, "--url", server.url);
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("Logged in to " + server.url);
        Path profile = configDir.resolve("profile.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");

        Run created = latchkey("api-key-create", "deploy-bot", "-d", "for deploys", "--expires-at", "2049-01-02");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).containsPattern("lk_[0-9A-Za-z]{49}").contains("cannot be shown again");

        Path keyFile = configDir.resolve("ci-key.json");
        Run toFile = latchkey("api-key-create", "ci-bot", "--file", keyFile.toString());
        assertThat(toFile.exit()).as(toFile.err()).isZero();
        assertThat(toFile.out()).doesNotContainPattern("lk_[0-9A-Za-z]{49}");
        assertThat(Files.readString(keyFile)).containsPattern("\"apikey\"\\s*:\\s*\"lk_");

        Run list = latchkey("api-keys");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("deploy-bot", "ci-bot", "for deploys").doesNotContainPattern("lk_[0-9A-Za-z]{49}");

        Run json = latchkey("api-keys", "--output", "json");
        assertThat(TestServer.JSON.readTree(json.out()).get("apikeys").size()).isEqualTo(3);

        Run updated = latchkey("api-key-update", "deploy-bot", "-n", "deploy-robot", "--action-when-leaked", "disable");
        assertThat(updated.exit()).as(updated.err()).isZero();
        Run shown = latchkey("api-key", "deploy-robot", "--activity");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("deploy-robot", "disable", "update");

        assertThat(latchkey("api-key-lock", "deploy-robot").exit()).isZero();
        Run lockedDelete = latchkey("api-key-delete", "deploy-robot", "-f");
        assertThat(lockedDelete.exit()).isEqualTo(1);
        assertThat(lockedDelete.err()).contains("locked").contains("HTTP 409");
        assertThat(latchkey("api-key-unlock", "deploy-robot").exit()).isZero();
        assertThat(latchkey("api-key-disable", "deploy-robot").exit()).isZero();
        assertThat(latchkey("api-key-enable", "deploy-robot").exit()).isZero();

        Run unconfirmed = latchkey("api-key-delete", "deploy-robot");
        assertThat(unconfirmed.exit()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("-f");
        assertThat(latchkey("api-key-delete", "deploy-robot", "-f").exit()).isZero();
        Run gone = latchkey("api-key", "deploy-robot");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("no API key named deploy-robot");
    }
}
