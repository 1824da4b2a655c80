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

    /** A resource value with a wildcard is stored as IBM's stringMatch and listed with {@code ~}. */
    @Test
    void aResourcePatternIsStoredAsStringMatchAndListedAsAPattern() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run created = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Viewer", "--service-name",
                "iam-identity", "--resource-type", "apikey", "--resource", "ApiKey-*");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("resourceType=apikey", "resource~ApiKey-*");
        Matcher id = Pattern.compile("Created policy ([0-9a-f-]{36})").matcher(created.out());
        assertThat(id.find()).as(created.out()).isTrue();
        JsonNode stored = server.get("/v2/policies/" + id.group(1), server.token(server.adminKey)).body();
        assertThat(stored.at("/resource/attributes")).anySatisfy(a -> {
            assertThat(a.get("key").asText()).isEqualTo("resource");
            assertThat(a.get("operator").asText()).isEqualTo("stringMatch");
            assertThat(a.get("value").asText()).isEqualTo("ApiKey-*");
        });
        assertThat(latchkey("policies", "--iam-id", member.iamId()).out()).contains("resource~ApiKey-*");
        assertThat(latchkey("policy-delete", id.group(1), "-f").exit()).isZero();
    }

    @Test
    void aPolicyForSomeTimesOnlyIsCreatedListedWithItsConditionsAndDeleted() {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run weekly = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Viewer", "--service-name",
                "iam-identity", "--days", "mon-fri", "--hours", "09:00-17:30", "--utc-offset", "+01:00");
        assertThat(weekly.exit()).as(weekly.err()).isZero();
        assertThat(weekly.out()).contains("Viewer on serviceName=iam-identity for " + member.iamId() + ", when "
                + "day_of_week in 1+01:00,2+01:00,3+01:00,4+01:00,5+01:00 and current_time >= 09:00:00+01:00 and "
                + "current_time <= 17:30:00+01:00.");
        String weeklyId = weekly.out().substring("Created policy ".length(), weekly.out().indexOf(':'));
        JsonNode stored = server.get("/v2/policies/" + weeklyId, server.token(server.adminKey)).body();
        assertThat(stored.get("pattern").asText()).isEqualTo("time-based-conditions:weekly:custom-hours");
        assertThat(stored.get("rule").get("conditions")).hasSize(3);

        Run once = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Editor", "--service-name",
                "iam-identity", "--from", "2026-12-01", "--until", "2027-01-01T12:00:00+00:00");
        assertThat(once.exit()).as(once.err()).isZero();
        assertThat(once.out()).contains("when current_date_time >= 2026-12-01T00:00:00+00:00 and current_date_time "
                + "<= 2027-01-01T12:00:00+00:00.");
        String onceId = once.out().substring("Created policy ".length(), once.out().indexOf(':'));

        Run refused = latchkey("policy-create", "--iam-id", member.iamId(), "--roles", "Editor", "--service-name",
                "iam-identity", "--days", "someday");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("--days must name days of the week");

        Run listed = latchkey("policies", "--iam-id", member.iamId());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("CONDITIONS", weeklyId, onceId, "current_time >= 09:00:00+01:00",
                "current_date_time <= 2027-01-01T12:00:00+00:00");
        assertThat(listed.out().lines().filter(line -> line.contains(member.iamId()))).hasSize(2);

        Run unconfirmed = latchkey("policy-delete", weeklyId);
        assertThat(unconfirmed.err()).contains("Viewer on serviceName=iam-identity for " + member.iamId()
                + ", when day_of_week in");
        assertThat(latchkey("policy-delete", weeklyId, "-f").exit()).isZero();
        assertThat(latchkey("policy-delete", onceId, "-f").exit()).isZero();
        assertThat(latchkey("policies", "--iam-id", member.iamId()).err()).contains("No policies found.");
    }
}
