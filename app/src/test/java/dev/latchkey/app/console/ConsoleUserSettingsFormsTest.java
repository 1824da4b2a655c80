package dev.latchkey.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * User details' profile and settings forms as a browser without JavaScript posts them (no Chromium needed): each is
 * the service's own call with the signed-in principal, so only what the service allows is drawn as an input, and a
 * field forced into the form is the service's 403 with nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleUserSettingsFormsTest {
    TestServer server;
    Fixtures fixtures;
    String accountId;
    String adminToken;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        adminToken = server.token(server.adminKey);
        accountId = server.call("GET", "/v1/apikeys/details", adminToken, null, Map.of("IAM-ApiKey", server.adminKey))
                .body().get("account_id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    String details(Person who) {
        return "/iam/users/" + who.iamId();
    }

    String settingsOf(Person who, String field) {
        return server.get("/v2/accounts/" + accountId + "/users/" + who.iamId() + "/settings", adminToken).body()
                .get(field).asText();
    }

    HttpResponse<String> post(ConsoleClient client, String path, String form) throws Exception {
        String csrf = client.csrfOf(client.get(path.substring(0, path.lastIndexOf('/'))));
        return client.post(path, "csrf=" + csrf + "&" + form);
    }

    @Test
    void aMemberSeesOnlyTheirLanguagesAsInputsAndAForcedAddressListIsRefused() throws Exception {
        Person member = fixtures.member(accountId);
        ConsoleClient client = ConsoleClient.signedIn(server, member.apikey());
        HttpResponse<String> page = client.get(details(member));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Profile and settings in this account", "Edit settings", "Edit profile",
                "name=\"language\"").doesNotContain("name=\"allowed_ip_addresses\"", "name=\"self_manage\"");

        HttpResponse<String> saved = post(client, details(member) + "/settings", "language=de&notification_language=");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains(details(member) + "?saved=settings");
        assertThat(settingsOf(member, "language")).isEqualTo("de");

        assertThat(post(client, details(member) + "/settings", "allowed_ip_addresses=10.0.0.1").statusCode())
                .isEqualTo(403);
        assertThat(post(client, details(member) + "/settings", "self_manage_shown=1&self_manage=on").statusCode())
                .isEqualTo(403);
        assertThat(settingsOf(member, "allowed_ip_addresses")).isEmpty();
        assertThat(settingsOf(member, "self_manage")).isEqualTo("false");

        Person other = fixtures.member(accountId);
        assertThat(client.get(details(other)).statusCode()).as("another member's page needs a role").isEqualTo(403);
        assertThat(post(client, details(member) + "/profile", "firstname=Mia").statusCode()).isEqualTo(303);
        assertThat(server.get("/v2/accounts/" + accountId + "/users/" + member.iamId(), adminToken).body()
                .get("firstname").asText()).isEqualTo("Mia");
    }

    @Test
    void theOwnerChangesEveryFieldAndABadOneComesBackWithTheMessageAndWhatWasTyped() throws Exception {
        Person member = fixtures.member(accountId);
        ConsoleClient owner = ConsoleClient.signedIn(server, server.adminKey);
        assertThat(owner.get(details(member)).body()).contains("name=\"allowed_ip_addresses\"",
                "name=\"self_manage\"");
        HttpResponse<String> saved = post(owner, details(member) + "/settings", "language=fr&notification_language=fr"
                + "&allowed_ip_addresses=" + ConsoleClient.encode("203.0.113.0/24") + "&self_manage_shown=1"
                + "&self_manage=on");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(settingsOf(member, "allowed_ip_addresses")).isEqualTo("203.0.113.0/24");
        assertThat(settingsOf(member, "self_manage")).isEqualTo("true");
        assertThat(server.tokenFor(member.apikey()).status()).as("127.0.0.1 is not on the list").isEqualTo(400);

        HttpResponse<String> refused = post(owner, details(member) + "/settings",
                "language=" + ConsoleClient.encode("not a language") + "&self_manage_shown=1");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Field 'language'", "value=\"not a language\"", "data-show")
                .as("the page's facts show what is stored").contains("<dt>Language</dt><dd>fr</dd>");
        assertThat(settingsOf(member, "language")).isEqualTo("fr");
        assertThat(settingsOf(member, "self_manage")).as("nothing of the refused form was written").isEqualTo("true");

        HttpResponse<String> profile = post(owner, details(member) + "/profile",
                "firstname=Ada&lastname=&phonenumber=" + ConsoleClient.encode("+1 555 0100") + "&altphonenumber=&photo=");
        assertThat(profile.statusCode()).isEqualTo(303);
        HttpResponse<String> after = owner.get(details(member) + "?saved=profile");
        assertThat(after.body()).contains("Profile saved.", "Ada", "+1 555 0100");
        HttpResponse<String> badPhone = post(owner, details(member) + "/profile", "phonenumber=call+me");
        assertThat(badPhone.statusCode()).isEqualTo(400);
        assertThat(badPhone.body()).contains("Field 'phonenumber'", "value=\"call me\"");
    }
}
