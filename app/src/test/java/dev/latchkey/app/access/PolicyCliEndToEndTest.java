package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.TestServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy and role commands of the {@code latchkey} CLI against a real server, as an administrator types them. */
class PolicyCliEndToEndTest extends CliEndToEnd {
    Person member;

    @BeforeAll
    void arrange() {
        String owner = server.token(server.adminKey);
        String accountId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("account_id").asText();
        member = new Fixtures(server).member(accountId);
    }

    @Test
    void anAdministratorGrantsListsAndRevokesAccessFromTheCommandLine() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run roles = latchkey("roles", "--service-name", "iam-identity");
        assertThat(roles.exit()).as(roles.err()).isZero();
        assertThat(roles.out()).contains("Service ID creator", "crn:v1:bluemix:public:iam::::role:Viewer",
                "iam-identity.serviceid.get");

        Run unknownRole = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Superuser",
                "--service-name", "iam-identity");
        assertThat(unknownRole.exit()).isEqualTo(1);
        assertThat(unknownRole.err()).contains("no role named 'Superuser' on iam-identity", "Viewer");

        Run created = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Viewer,ServiceIdCreator",
                "--service-name", "iam-identity", "-d", "read service IDs");
        assertThat(created.exit()).as(created.err()).isZero();
        Matcher id = Pattern.compile("Created policy ([0-9a-f-]{36}): Viewer, Service ID creator on "
                + "serviceName=iam-identity for " + member.iamId()).matcher(created.out());
        assertThat(id.find()).as(created.out()).isTrue();
        String policyId = id.group(1);

        Run duplicate = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Editor",
                "--service-name", "iam-identity");
        assertThat(duplicate.exit()).isEqualTo(1);
        assertThat(duplicate.err()).contains(policyId).contains("HTTP 409");

        Run listed = latchkey("policies", "--iam-id", member.iamId());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains(policyId, member.iamId(), "Viewer, Service ID creator",
                "serviceName=iam-identity", "active");
        JsonNode json = TestServer.JSON.readTree(latchkey("policies", "--output", "json").out());
        assertThat(json.get("policies").findValuesAsText("id")).contains(policyId);

        Run unconfirmed = latchkey("policy-delete", policyId);
        assertThat(unconfirmed.exit()).isEqualTo(1);
        assertThat(unconfirmed.err()).contains("Viewer, Service ID creator on serviceName=iam-identity", "-f");
        assertThat(server.get("/v1/policies/" + policyId, server.token(server.adminKey)).status()).isEqualTo(200);

        Run deleted = latchkey("policy-delete", policyId, "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted policy " + policyId);
        Run empty = latchkey("policies", "--iam-id", member.iamId());
        assertThat(empty.exit()).isZero();
        assertThat(empty.err()).contains("No policies found.");
        Run gone = latchkey("policy-delete", policyId, "-f");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("not found", "HTTP 404");
    }
}
