package dev.latchkey.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.IbmErrors;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.http.IbmDates;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/activity/accounts/{account_id}/report} over real HTTP with a clock the test moves: 202 and a
 * reference, then IBM's {@code Report} with what did not authenticate within the duration.
 */
class ActivityReportApiTest {
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(t0);
    final TestServer server = TestServer.start(TestServer.config(false), clock);
    final Fixtures fixtures = new Fixtures(server);

    @AfterEach
    void stop() {
        server.close();
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.path(field).asText(null)));
        return values;
    }

    @Test
    void aReportListsWhatDidNotAuthenticateWithinTheDurationWithItsLastAuthentication() {
        Person owner = fixtures.accountWithOwner();
        String accountId = owner.accountId();
        Person usedLongAgo = fixtures.member(accountId);
        Person neverUsed = fixtures.member(accountId);
        Person serviceId = fixtures.serviceIdWithKey(accountId, owner.iamId());
        server.token(usedLongAgo.apikey());
        clock.advance(Duration.ofDays(31));
        String token = server.token(owner.apikey());
        String path = "/v1/activity/accounts/" + accountId + "/report";

        Answer created = server.post(path + "?type=inactive&duration=720", token, null);
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String reference = created.body().get("reference").asText();

        for (String which : List.of(reference, "latest")) {
            Answer answer = server.get(path + "/" + which, token);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            JsonNode report = answer.body();
            assertThat(report.get("reference").asText()).isEqualTo(reference);
            assertThat(report.get("created_by").asText()).isEqualTo(owner.iamId());
            assertThat(report.get("report_duration").asText()).isEqualTo("720");
            assertThat(report.get("report_end_time").asText()).isEqualTo(IbmDates.format(clock.instant()));
            assertThat(report.get("report_start_time").asText())
                    .isEqualTo(IbmDates.format(clock.instant().minus(Duration.ofHours(720))));
            assertThat(texts(report.get("users"), "iam_id"))
                    .containsExactlyInAnyOrder(usedLongAgo.iamId(), neverUsed.iamId());
            JsonNode longAgo = report.get("users").get(texts(report.get("users"), "iam_id")
                    .indexOf(usedLongAgo.iamId()));
            assertThat(longAgo.get("last_authn").asText()).isEqualTo(IbmDates.format(t0));
            assertThat(longAgo.get("email").asText()).isEqualTo(fixtures.email(usedLongAgo.iamId()));
            assertThat(texts(report.get("apikeys"), "type")).containsExactlyInAnyOrder("user", "user", "serviceid");
            assertThat(texts(report.get("serviceids"), "id")).hasSize(1);
            assertThat(serviceId.iamId()).endsWith(report.get("serviceids").get(0).get("id").asText());
            assertThat(report.get("serviceids").get(0).has("last_authn")).as("never authenticated").isFalse();
            assertThat(answer.raw()).doesNotContain(usedLongAgo.apikey(), neverUsed.apikey(), serviceId.apikey());
        }
    }

    @Test
    void badTypeOrDurationIsAnIbmStyleBadRequestAndAnUnknownReferenceNotFound() {
        Person owner = fixtures.accountWithOwner();
        String token = server.token(owner.apikey());
        String path = "/v1/activity/accounts/" + owner.accountId() + "/report";

        IbmErrors.assertBadRequest(server.post(path + "?type=active", token, null), 400, "type");
        IbmErrors.assertBadRequest(server.post(path + "?duration=30d", token, null), 400, "duration");
        IbmErrors.assertBadRequest(server.post(path + "?duration=0", token, null), 400, "duration");
        IbmErrors.assertBadRequest(server.get(path + "/latest", token), 404, "latest");
        IbmErrors.assertBadRequest(server.get(path + "/no-such-report", token), 404, "no-such-report");
    }

    @Test
    void aViewerOrPlainMemberIsRefusedAndAnotherAccountsReportIsNotFound() {
        Person owner = fixtures.accountWithOwner();
        String path = "/v1/activity/accounts/" + owner.accountId() + "/report";
        String reference = server.post(path, server.token(owner.apikey()), null).body().get("reference").asText();
        for (Person refused : List.of(fixtures.member(owner.accountId(), Role.VIEWER),
                fixtures.member(owner.accountId()))) {
            String token = server.token(refused.apikey());
            assertThat(server.post(path, token, null).status()).isEqualTo(403);
            assertThat(server.get(path + "/" + reference, token).status()).isEqualTo(403);
        }
        Person other = fixtures.accountWithOwner();
        assertThat(server.get("/v1/activity/accounts/" + other.accountId() + "/report/" + reference,
                server.token(other.apikey())).status()).isEqualTo(404);
    }
}
