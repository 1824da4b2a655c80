package dev.latchkey.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.TestServer;
import org.junit.jupiter.api.Test;

/** {@code account-settings} and {@code account-settings-update} against a real server, as an admin would type them. */
class AccountSettingsCliEndToEndTest extends CliEndToEnd {
    @Test
    void anAdminRestrictsKeyCreationAndShortensTokensFromTheCommandLine() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run defaults = latchkey("account-settings");
        assertThat(defaults.exit()).as(defaults.err()).isZero();
        assertThat(defaults.out()).containsPattern("restrict_create_platform_apikey\\s+NOT_SET")
                .containsPattern("system_access_token_expiration_in_seconds\\s+3600")
                .containsPattern("session_expiration_in_seconds\\s+86400");

        Run restrict = latchkey("account-settings-update", "--restrict-create-platform-apikey", "RESTRICTED",
                "--token-lifetime", "900", "--allowed-ip-addresses", "127.0.0.0/8, 10.0.0.0/8");
        assertThat(restrict.exit()).as(restrict.err()).isZero();
        assertThat(restrict.out()).contains("Updated the account settings")
                .containsPattern("restrict_create_platform_apikey\\s+RESTRICTED");

        Run blocked = latchkey("api-key-create", "blocked");
        assertThat(blocked.exit()).isEqualTo(1);
        assertThat(blocked.err()).contains("restrict_create_platform_apikey", "HTTP 403");
        assertThat(server.tokenFor(server.adminKey).body().get("expires_in").asLong()).isEqualTo(900);

        Run shown = latchkey("account-settings", "--history", "--output", "json");
        var json = TestServer.JSON.readTree(shown.out());
        assertThat(json.get("system_access_token_expiration_in_seconds").asText()).isEqualTo("900");
        assertThat(json.get("allowed_ip_addresses").asText()).isEqualTo("127.0.0.0/8, 10.0.0.0/8");
        assertThat(json.get("history").get(json.get("history").size() - 1).get("params").toString())
                .contains("restrict_create_platform_apikey", "system_access_token_expiration_in_seconds");

        Run invalid = latchkey("account-settings-update", "--token-lifetime", "60");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("'system_access_token_expiration_in_seconds'", "HTTP 400");

        assertThat(latchkey("account-settings-update", "--restrict-create-platform-apikey", "NOT_SET").exit())
                .isZero();
        Run allowed = latchkey("api-key-create", "allowed-again");
        assertThat(allowed.exit()).as(allowed.err()).isZero();
    }

    @Test
    void anAdminLimitsKeyLifetimeAndIdlenessAndListsTheKeysThatOutliveTheLimit() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run none = latchkey("long-lived-keys");
        assertThat(none.exit()).as(none.err()).isZero();
        assertThat(none.err()).contains("sets no apikey_max_lifetime_days");

        Run limit = latchkey("account-settings-update", "--apikey-max-lifetime-days", "90",
                "--apikey-disable-after-inactive-days", "180");
        assertThat(limit.exit()).as(limit.err()).isZero();
        assertThat(limit.out()).containsPattern("apikey_max_lifetime_days\\s+90")
                .containsPattern("apikey_disable_after_inactive_days\\s+180");
        Run listed = latchkey("long-lived-keys");
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("LATEST ALLOWED", "never");
        assertThat(listed.err()).contains("outlive apikey_max_lifetime_days (90)");
        Run forever = latchkey("api-key-create", "forever");
        assertThat(forever.exit()).isEqualTo(1);
        assertThat(forever.err()).contains("'expires_at' is required", "HTTP 400");

        Run invalid = latchkey("account-settings-update", "--apikey-disable-after-inactive-days", "0");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).contains("'apikey_disable_after_inactive_days'", "HTTP 400");
        Run reset = latchkey("account-settings-update", "--apikey-max-lifetime-days", "NOT_SET",
                "--apikey-disable-after-inactive-days", "NOT_SET");
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(latchkey("account-settings").out()).containsPattern("apikey_max_lifetime_days\\s+NOT_SET");
    }
}
