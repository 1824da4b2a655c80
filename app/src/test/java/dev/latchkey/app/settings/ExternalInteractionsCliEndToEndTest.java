package dev.latchkey.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code external-interactions} and {@code external-interactions-update} against a real server (decision 0034). */
class ExternalInteractionsCliEndToEndTest extends CliEndToEnd {
    @Test
    void anOwnerLimitsUsersOfOtherAccountsFromTheCommandLine() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run defaults = latchkey("external-interactions");
        assertThat(defaults.exit()).as(defaults.err()).isZero();
        assertThat(defaults.out()).containsPattern("user\\s+enabled\\s+-\\s+enforced")
                .containsPattern("service_id\\s+enabled\\s+-\\s+stored only");

        Fixtures fixtures = new Fixtures(server);
        Person other = fixtures.accountWithOwner();
        Run limit = latchkey("external-interactions-update", "--state", "limited", "--allowed-accounts",
                "  " + other.accountId() + " ,");
        assertThat(limit.exit()).as(limit.err()).isZero();
        assertThat(limit.out()).contains("Updated the external identity interactions")
                .containsPattern("user\\s+limited\\s+" + other.accountId());

        Run monitor = latchkey("external-interactions-update", "--state", "monitor", "--output", "json");
        assertThat(monitor.exit()).as(monitor.err()).isZero();
        var user = TestServer.JSON.readTree(monitor.out()).at("/external_account_identity_interaction/identity_types/user");
        assertThat(user.get("state").asText()).isEqualTo("monitor");
        assertThat(user.get("external_allowed_accounts").get(0).asText()).as("kept when not given")
                .isEqualTo(other.accountId());

        Run typo = latchkey("external-interactions-update", "--state", "closed");
        assertThat(typo.exit()).isNotZero();
        Run nothing = latchkey("external-interactions-update");
        assertThat(nothing.exit()).isNotZero();
        assertThat(nothing.err()).contains("Nothing to update");
        String accountId = server.get("/v1/apikeys", server.token(server.adminKey)).body().get("apikeys").get(0)
                .get("account_id").asText();
        assertThat(server.call("GET", "/v1/accounts/" + accountId + "/settings/access_management",
                server.token(server.adminKey), null, Map.of()).body().toString()).contains("\"monitor\"");
    }
}
