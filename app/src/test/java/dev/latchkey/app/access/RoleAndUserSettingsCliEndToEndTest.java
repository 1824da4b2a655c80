package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.TestServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The custom role commands (decision 0046) and the user settings and profile commands (decision 0044) against a
 * real server, as an administrator types them.
 */
class RoleAndUserSettingsCliEndToEndTest extends CliEndToEnd {
    static final Pattern POLICY = Pattern.compile("Created policy ([0-9a-f-]{36}): ");
    String accountId;

    @BeforeAll
    void arrange() {
        String owner = server.token(server.adminKey);
        accountId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("account_id").asText();
    }

    String admin() {
        return server.token(server.adminKey);
    }

    static String policyId(Run created) {
        Matcher id = POLICY.matcher(created.out());
        assertThat(id.find()).as(created.out() + created.err()).isTrue();
        return id.group(1);
    }

    @Test
    void anAdministratorDefinesAssignsChangesAndDeletesACustomRole() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run invited = latchkey("user-invite", "reader@example.com");
        assertThat(invited.exit()).as(invited.err()).isZero();
        String reader = invited.out().substring(invited.out().indexOf(" as ") + 4, invited.out().indexOf(" ("));

        Run created = latchkey("role-create", "ShelfWriter", "--display-name", "Shelf writer", "--service-name", "books",
                "--actions", "books.shelf.read,books.shelf.write", "-d", "reads and writes shelves");
        assertThat(created.exit()).as(created.err()).isZero();
        String crn = "crn:v1:bluemix:public:iam-access-management::a/" + accountId + "::customRole:ShelfWriter";
        assertThat(created.out()).matches("Created custom role Shelf writer \\(([0-9a-f]{32})\\)\\.\\nCRN: "
                + Pattern.quote(crn) + "\\n");
        String roleId = created.out().substring(created.out().indexOf("(") + 1, created.out().indexOf(")"));
        Run taken = latchkey("role-create", "ShelfWriter", "--display-name", "Again", "--service-name", "books",
                "--actions", "books.shelf.read");
        assertThat(taken.exit()).isEqualTo(1);
        assertThat(taken.err()).contains("ShelfWriter", "HTTP 409");

        Run roles = latchkey("roles", "--service-name", "books");
        assertThat(roles.exit()).as(roles.err()).isZero();
        assertThat(roles.out()).containsPattern("custom +Shelf writer +" + Pattern.quote(crn)
                + " +books.shelf.read, books.shelf.write");
        Run shown = latchkey("role", "ShelfWriter");
        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).containsPattern("ID +" + roleId).containsPattern("Service +books")
                .containsPattern("Description +reads and writes shelves").containsPattern("CRN +" + Pattern.quote(crn));

        Run updated = latchkey("role-update", "ShelfWriter", "--display-name", "Shelf editor", "--actions",
                "books.shelf.read,books.shelf.write,books.shelf.delete");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).isEqualTo("Updated custom role ShelfWriter (" + roleId + ").\n");
        JsonNode role = server.get("/v2/roles/" + roleId, admin()).body();
        assertThat(role.get("display_name").asText()).isEqualTo("Shelf editor");
        assertThat(role.get("description").asText()).as("kept").isEqualTo("reads and writes shelves");
        assertThat(role.get("actions").toString())
                .isEqualTo("[\"books.shelf.read\",\"books.shelf.write\",\"books.shelf.delete\"]");
        Run refused = latchkey("role-update", roleId, "--actions", "books.shelf.*");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("actions[0]", "HTTP 400");
        assertThat(server.get("/v2/roles/" + roleId, admin()).body().get("actions").size()).isEqualTo(3);

        // Assigned by CRN, then by its (new) display name: policy-create finds custom roles among the service's.
        Run byCrn = latchkey("policy-create", "--iam-id", reader, "--roles", crn, "--service-name", "books");
        assertThat(byCrn.exit()).as(byCrn.err()).isZero();
        assertThat(byCrn.out()).contains("Shelf editor on serviceName=books for " + reader);
        String firstPolicy = policyId(byCrn);
        Run byName = latchkey("policy-create", "--iam-id", reader, "--roles", "shelf editor", "--service-name", "books",
                "--resource-type", "shelf");
        assertThat(byName.exit()).as(byName.err()).isZero();
        String secondPolicy = policyId(byName);
        assertThat(latchkey("policies", "--iam-id", reader).out()).contains(firstPolicy, secondPolicy, "Shelf editor");

        Run inUse = latchkey("role-delete", "ShelfWriter", "-f");
        assertThat(inUse.exit()).isEqualTo(1);
        assertThat(inUse.err()).startsWith("latchkey: The role ShelfWriter (" + crn + ") is assigned in policies")
                .contains("HTTP 409");
        assertThat(server.get("/v2/roles/" + roleId, admin()).status()).isEqualTo(200);

        assertThat(latchkey("policy-delete", firstPolicy, "-f").exit()).isZero();
        assertThat(latchkey("role-delete", roleId, "-f").exit()).as("one policy still names it").isEqualTo(1);
        assertThat(latchkey("policy-delete", secondPolicy, "-f").exit()).isZero();
        Run deleted = latchkey("role-delete", "ShelfWriter", "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted custom role ShelfWriter (" + roleId + ").\n");
        assertThat(server.get("/v2/roles/" + roleId, admin()).status()).isEqualTo(404);
        Run gone = latchkey("role", "ShelfWriter");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("latchkey: no custom role named ShelfWriter\n");
    }

    @Test
    void anAdministratorReadsAndChangesAUsersSettingsAndProfileByEmail() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run invited = latchkey("user-invite", "bob@example.com", "--first-name", "Bob");
        assertThat(invited.exit()).as(invited.err()).isZero();
        String bob = invited.out().substring(invited.out().indexOf(" as ") + 4, invited.out().indexOf(" ("));
        String path = "/v2/accounts/" + accountId + "/users/" + bob;

        Run before = latchkey("user-settings", "bob@example.com");
        assertThat(before.exit()).as(before.err()).isZero();
        assertThat(before.out()).containsPattern("IAM ID +" + bob).containsPattern("E-mail +bob@example.com")
                .containsPattern("First name +Bob").containsPattern("Language +-")
                .containsPattern("Allowed IP addresses +any").containsPattern("Self-manage +no");

        Run updated = latchkey("user-settings-update", "bob@example.com", "--language", "fr",
                "--allowed-ip-addresses", "203.0.113.0/24, 10.0.0.0/8", "--self-manage", "true",
                "--last-name", "Builder", "--phone", "+44 20 7946 0000");
        assertThat(updated.exit()).as(updated.err()).isZero();
        assertThat(updated.out()).startsWith("Updated the settings and profile of bob@example.com (" + bob + ").\n")
                .containsPattern("Language +fr").containsPattern("Last name +Builder")
                .containsPattern("Phone +\\+44 20 7946 0000").containsPattern("Self-manage +yes");
        JsonNode settings = server.get(path + "/settings", admin()).body();
        assertThat(settings.get("language").asText()).isEqualTo("fr");
        assertThat(settings.get("allowed_ip_addresses").asText()).isEqualTo("203.0.113.0/24, 10.0.0.0/8");
        assertThat(settings.get("self_manage").asBoolean()).isTrue();
        JsonNode profile = server.get(path, admin()).body();
        assertThat(profile.get("lastname").asText()).isEqualTo("Builder");
        assertThat(profile.get("phonenumber").asText()).isEqualTo("+44 20 7946 0000");

        Run badList = latchkey("user-settings-update", "bob@example.com", "--allowed-ip-addresses", "not-an-address");
        assertThat(badList.exit()).isEqualTo(1);
        assertThat(badList.err()).startsWith("latchkey: ").contains("not-an-address", "HTTP 400");
        Run badPhone = latchkey("user-settings-update", bob, "--phone", "call me");
        assertThat(badPhone.exit()).isEqualTo(1);
        assertThat(badPhone.err()).startsWith("latchkey: Field 'phonenumber' must be a phone number")
                .contains("HTTP 400");
        assertThat(server.get(path + "/settings", admin()).body()).as("unchanged").isEqualTo(settings);
        assertThat(server.get(path, admin()).body()).as("unchanged").isEqualTo(profile);

        Run json = latchkey("user-settings", "bob@example.com", "--output", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode both = TestServer.JSON.readTree(json.out());
        assertThat(both.get("settings")).isEqualTo(settings);
        assertThat(both.get("profile")).isEqualTo(profile);

        Run mine = latchkey("user-settings");
        assertThat(mine.exit()).as(mine.err()).isZero();
        assertThat(mine.out()).containsPattern("Account ID +" + accountId).doesNotContain(bob);
        Run unknown = latchkey("user-settings-update", "nobody@example.com", "--language", "de");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("latchkey: no user with e-mail nobody@example.com in the account\n");
    }
}
