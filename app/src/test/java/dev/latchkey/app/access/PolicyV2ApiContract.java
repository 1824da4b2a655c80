package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v2/policies} over real HTTP: IBM's v2 shape echoed, v1 and v2 views of one policy, time-based conditions
 * decided at request time, a subject that is not yet a member, and refusals. Runs on H2 and on PostgreSQL through
 * the two subclasses.
 */
abstract class PolicyV2ApiContract extends AccountOwnerContract {
    static final String READER = "crn:v1:bluemix:public:iam::::serviceRole:Reader";

    String body(String subjectIamId, String resourceExtra, String patternAndRule) {
        return "{\"type\":\"access\",\"description\":\"v2\",\"subject\":{\"attributes\":[{\"key\":\"iam_id\","
                + "\"operator\":\"stringEquals\",\"value\":\"" + subjectIamId + "\"}]},\"control\":{\"grant\":"
                + "{\"roles\":[{\"role_id\":\"" + READER + "\"}]}},\"resource\":{\"attributes\":[{\"key\":\"accountId\","
                + "\"operator\":\"stringEquals\",\"value\":\"" + accountId + "\"},{\"key\":\"serviceName\",\"operator\":"
                + "\"stringEquals\",\"value\":\"books\"}" + resourceExtra + "]}" + patternAndRule + "}";
    }

    static String once(OffsetDateTime from, OffsetDateTime to) {
        return ",\"pattern\":\"time-based-conditions:once\",\"rule\":{\"operator\":\"and\",\"conditions\":["
                + "{\"key\":\"{{environment.attributes.current_date_time}}\",\"operator\":\"dateTimeGreaterThanOrEquals\","
                + "\"value\":\"" + from + "\"},{\"key\":\"{{environment.attributes.current_date_time}}\","
                + "\"operator\":\"dateTimeLessThan\",\"value\":\"" + to + "\"}]}";
    }

    boolean mayRead(String iamId, String shelf) {
        String question = "[{\"subject\":{\"attributes\":{\"id\":\"" + iamId + "\"}},\"action\":\"books.shelf.read\","
                + "\"resource\":{\"crn\":\"crn:v1:bluemix:public:books::a/" + accountId + "::shelf:" + shelf + "\"}}]";
        Answer answer = server.post("/v2/authz", owner, question);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().get("responses").get(0).get("authorizationDecision").get("permitted").asBoolean();
    }

    @Test
    void aV2PolicyEchoesItsShapeReadsThroughV1AndIsReplacedWithItsEtag() throws Exception {
        Person member = fixtures.member(accountId);
        String extra = ",{\"key\":\"resource\",\"operator\":\"stringEqualsAnyOf\",\"value\":[\"fiction\",\"poetry\"]}";
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        Answer created = server.post("/v2/policies", owner, body(member.iamId(), extra, once(now.minusDays(1),
                now.plusDays(1))));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode policy = created.body();
        String id = policy.get("id").asText();
        JsonNode sent = TestServer.JSON.readTree(body(member.iamId(), extra, once(now.minusDays(1), now.plusDays(1))));
        assertThat(policy.get("subject")).isEqualTo(sent.get("subject"));
        assertThat(policy.get("resource")).isEqualTo(sent.get("resource"));
        assertThat(policy.get("rule")).isEqualTo(sent.get("rule"));
        assertThat(policy.get("pattern").asText()).isEqualTo("time-based-conditions:once");
        assertThat(policy.get("control").get("grant").get("roles").get(0).get("role_id").asText()).isEqualTo(READER);
        assertThat(policy.get("control").get("grant").get("roles").get(0).get("display_name").asText())
                .isEqualTo("Reader");
        assertThat(policy.get("href").asText()).isEqualTo(server.url + "/v2/policies/" + id);
        assertThat(policy.has("warnings")).isFalse();
        assertThat(created.header("ETag")).matches("1-[0-9a-f]{32}");

        assertThat(mayRead(member.iamId(), "fiction")).isTrue();
        assertThat(mayRead(member.iamId(), "history")).as("not one of the listed resources").isFalse();

        JsonNode v1 = server.get("/v1/policies/" + id, owner).body();
        assertThat(v1.get("subjects").get(0).get("attributes").get(0).get("value").asText()).isEqualTo(member.iamId());
        assertBadRequest(server.call("PUT", "/v1/policies/" + id, owner, "{\"type\":\"access\",\"subjects\":[{"
                + "\"attributes\":[{\"name\":\"iam_id\",\"value\":\"" + member.iamId() + "\"}]}],\"roles\":[{"
                + "\"role_id\":\"" + READER + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\""
                + accountId + "\"},{\"name\":\"serviceName\",\"value\":\"books\"}]}]}", Map.of("If-Match", "*")), 400,
                "PUT /v2/policies/" + id);

        String past = body(member.iamId(), extra, once(now.minusDays(3), now.minusDays(2)));
        assertBadRequest(server.call("PUT", "/v2/policies/" + id, owner, past, Map.of()), 400, "If-Match");
        Answer replaced = server.call("PUT", "/v2/policies/" + id, owner, past, Map.of("If-Match",
                created.header("ETag")));
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(mayRead(member.iamId(), "fiction")).as("its window has passed").isFalse();
        assertThat(server.call("PUT", "/v2/policies/" + id, owner, past, Map.of("If-Match", created.header("ETag")))
                .status()).isEqualTo(409);

        JsonNode listed = server.get("/v2/policies?account_id=" + accountId + "&iam_id=" + member.iamId(), owner).body();
        assertThat(listed.get("policies").findValuesAsText("id")).containsExactly(id);
        assertThat(server.get("/v2/policies?account_id=" + accountId + "&iam_id=" + member.iamId()
                + "&service_name=music", owner).body().get("policies")).isEmpty();
        assertThat(server.get("/v2/policies?account_id=" + accountId + "&iam_id=" + member.iamId()
                + "&service_name=books&sort=-last_modified_at", owner).body().get("policies").findValuesAsText("id"))
                .containsExactly(id);
        assertBadRequest(server.get("/v2/policies?account_id=" + accountId + "&sort=colour", owner), 400, "'sort'");
        assertThat(server.delete("/v2/policies/" + id, owner).status()).isEqualTo(204);
        assertBadRequest(server.get("/v2/policies/" + id, owner), 404, id);
    }

    @Test
    void aV1PolicyReadsThroughV2WithItsOperatorsSpelledOut() {
        Person member = fixtures.member(accountId);
        String id = fixtures.grant(accountId, member.iamId(), "books", dev.latchkey.core.access.Role.READER);
        JsonNode v2 = server.get("/v2/policies/" + id, owner).body();
        assertThat(v2.get("subject").get("attributes").get(0).get("key").asText()).isEqualTo("iam_id");
        assertThat(v2.get("resource").get("attributes").findValuesAsText("operator")).containsOnly("stringEquals");
        assertThat(v2.has("rule")).isFalse();
    }

    @Test
    void aPolicyForSomeoneNotYetAMemberSaysSoAndGrantsOnceTheyJoin() {
        Answer early = server.post("/v2/policies", owner, body("IBMid-NOTYETHERE", "", ""));
        assertThat(early.status()).as(early.raw()).isEqualTo(201);
        JsonNode warning = early.body().get("warnings").get(0);
        assertThat(warning.get("code").asText()).isEqualTo("subject_not_a_member");
        assertThat(server.get("/v1/policies/" + early.body().get("id").asText(), owner).body().get("warnings")
                .get(0).get("code").asText()).isEqualTo("subject_not_a_member");
        assertThat(mayRead("IBMid-NOTYETHERE", "fiction")).isFalse();
    }

    @Test
    void badV2BodiesAreRefusedNamingTheField() {
        Person member = fixtures.member(accountId);
        assertBadRequest(server.post("/v2/policies", owner, body(member.iamId(), "", "").replace(
                ",\"control\":{\"grant\":{\"roles\":[{\"role_id\":\"" + READER + "\"}]}}", "")), 400, "control.grant.roles");
        assertBadRequest(server.post("/v2/policies", owner, body(member.iamId(),
                ",{\"key\":\"resource\",\"operator\":\"stringEqualsAnyOf\",\"value\":[1]}", "")), 400, "value");
        assertBadRequest(server.post("/v2/policies", owner, body(member.iamId(), "",
                ",\"pattern\":\"time-based-conditions:weekly:all-day\",\"rule\":{\"key\":"
                        + "\"{{environment.attributes.day_of_week}}\",\"operator\":\"dayOfWeekAnyOf\",\"value\":[\"9\"]}")),
                400, "'rule.value'");
        assertBadRequest(server.post("/v2/policies", owner, body(member.iamId(), "",
                ",\"rule\":{\"key\":\"{{environment.attributes.ip}}\",\"operator\":\"stringEquals\",\"value\":\"x\"}")),
                400, "'pattern'");
        assertBadRequest(server.post("/v2/policies", owner, body("bob@example.com", "", "")), 400,
                "neither a user's IAM id");
    }
}
