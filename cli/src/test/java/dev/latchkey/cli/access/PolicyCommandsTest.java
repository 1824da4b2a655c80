package dev.latchkey.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * policy-create against a stub server: the v2 body each option makes (time-based conditions: IBM's patterns and
 * rules, decision 0047; resource patterns: stringMatch), and what is refused before anything is sent.
 */
class PolicyCommandsTest extends StubServerTest {
    static final String VIEWER = "crn:v1:bluemix:public:iam::::role:Viewer";

    @BeforeEach
    void answers() {
        server.on("POST", "/v2/policies", 201, "{\"id\":\"p1\",\"subject\":{\"attributes\":[{\"key\":\"iam_id\","
                + "\"operator\":\"stringEquals\",\"value\":\"IBMid-2\"}]},\"control\":{\"grant\":{\"roles\":[{"
                + "\"role_id\":\"" + VIEWER + "\",\"display_name\":\"Viewer\"}]}},\"resource\":{\"attributes\":[{"
                + "\"key\":\"accountId\",\"operator\":\"stringEquals\",\"value\":\"acc1\"},{\"key\":\"serviceName\","
                + "\"operator\":\"stringEquals\",\"value\":\"books\"}]},\"pattern\":"
                + "\"time-based-conditions:weekly:all-day\",\"rule\":{\"key\":"
                + "\"{{environment.attributes.day_of_week}}\",\"operator\":\"dayOfWeekAnyOf\",\"value\":"
                + "[\"6+00:00\",\"7+00:00\"]}}");
    }

    CliRun create(String... when) {
        String[] args = new String[7 + when.length];
        System.arraycopy(new String[] {"policy-create", "--iam-id", "IBMid-2", "--roles", VIEWER, "--service-name",
                "books"}, 0, args, 0, 7);
        System.arraycopy(when, 0, args, 7, when.length);
        return CliRun.run(config, "", args);
    }

    String sent(int index) {
        return server.requests("POST", "/v2/policies").get(index).body();
    }

    @Test
    void aResourceValueWithAWildcardIsAPatternAndEveryOtherValueIsMatchedExactly() {
        CliRun run = create("--resource-type", "apikey", "--resource", "ApiKey-*", "--service-instance", "db-?");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(sent(0)).path("resource").path("attributes")).isEqualTo(Json.parse("["
                + "{\"key\":\"accountId\",\"operator\":\"stringEquals\",\"value\":\"acc1\"},"
                + "{\"key\":\"serviceName\",\"operator\":\"stringEquals\",\"value\":\"books\"},"
                + "{\"key\":\"serviceInstance\",\"operator\":\"stringMatch\",\"value\":\"db-?\"},"
                + "{\"key\":\"resourceType\",\"operator\":\"stringEquals\",\"value\":\"apikey\"},"
                + "{\"key\":\"resource\",\"operator\":\"stringMatch\",\"value\":\"ApiKey-*\"}]"));
        assertThat(Json.parse(sent(0)).path("subject").path("attributes").get(0).path("operator").asText())
                .as("the subject is always matched exactly").isEqualTo("stringEquals");
    }

    @Test
    void weekdaysAndHoursAreOneAndGroupInTheOffsetGiven() {
        CliRun run = create("--days", "mon-wed,FRI", "--hours", "09:00-17:30", "--utc-offset", "+01:00");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(sent(0)).path("pattern").asText()).isEqualTo("time-based-conditions:weekly:custom-hours");
        assertThat(Json.parse(sent(0)).path("rule")).isEqualTo(Json.parse("{\"operator\":\"and\",\"conditions\":["
                + "{\"key\":\"{{environment.attributes.day_of_week}}\",\"operator\":\"dayOfWeekAnyOf\","
                + "\"value\":[\"1+01:00\",\"2+01:00\",\"3+01:00\",\"5+01:00\"]},"
                + "{\"key\":\"{{environment.attributes.current_time}}\",\"operator\":\"timeGreaterThanOrEquals\","
                + "\"value\":\"09:00:00+01:00\"},"
                + "{\"key\":\"{{environment.attributes.current_time}}\",\"operator\":\"timeLessThanOrEquals\","
                + "\"value\":\"17:30:00+01:00\"}]}"));
        assertThat(Json.parse(sent(0)).path("subject")).isEqualTo(Json.parse("{\"attributes\":[{\"key\":\"iam_id\","
                + "\"operator\":\"stringEquals\",\"value\":\"IBMid-2\"}]}"));
        // the summary is of the policy the server answered with (the stub's, for the weekend)
        assertThat(run.out()).isEqualTo("Created policy p1: Viewer on serviceName=books for IBMid-2, when day_of_week "
                + "in 6+00:00,7+00:00.\n");
    }

    @Test
    void daysAloneAreAllDayAndAPeriodIsOnceWithDatesTakenWhole() {
        assertThat(create("--days", "saturday,7").exitCode()).isZero();
        assertThat(Json.parse(sent(0)).path("pattern").asText()).isEqualTo("time-based-conditions:weekly:all-day");
        assertThat(Json.parse(sent(0)).path("rule")).isEqualTo(Json.parse("{\"key\":"
                + "\"{{environment.attributes.day_of_week}}\",\"operator\":\"dayOfWeekAnyOf\",\"value\":"
                + "[\"6+00:00\",\"7+00:00\"]}"));

        assertThat(create("--from", "2026-12-01", "--until", "2026-12-31", "--utc-offset", "-05:00").exitCode())
                .isZero();
        assertThat(Json.parse(sent(1)).path("pattern").asText()).isEqualTo("time-based-conditions:once");
        assertThat(Json.parse(sent(1)).path("rule").path("conditions")).isEqualTo(Json.parse("["
                + "{\"key\":\"{{environment.attributes.current_date_time}}\",\"operator\":"
                + "\"dateTimeGreaterThanOrEquals\",\"value\":\"2026-12-01T00:00:00-05:00\"},"
                + "{\"key\":\"{{environment.attributes.current_date_time}}\",\"operator\":"
                + "\"dateTimeLessThanOrEquals\",\"value\":\"2026-12-31T23:59:59-05:00\"}]"));

        assertThat(create("--until", "2027-01-01T12:00Z").exitCode()).isZero();
        assertThat(Json.parse(sent(2)).path("rule")).as("one condition, no group").isEqualTo(Json.parse("{\"key\":"
                + "\"{{environment.attributes.current_date_time}}\",\"operator\":\"dateTimeLessThanOrEquals\","
                + "\"value\":\"2027-01-01T12:00:00+00:00\"}"));
        assertThat(create().exitCode()).isZero();
        assertThat(Json.parse(sent(3)).has("rule")).as("no conditions: always").isFalse();
    }

    @Test
    void badTimesAreRefusedBeforeAnythingIsSent() {
        CliRun[] refused = {
            create("--days", "funday"),
            create("--days", "fri-mon"),
            create("--days", "mon", "--hours", "17:00-09:00"),
            create("--days", "mon", "--hours", "9am"),
            create("--from", "tomorrow"),
            create("--from", "2027-01-01", "--until", "2026-01-01"),
            create("--days", "mon", "--utc-offset", "CET"),
            create("--utc-offset", "+01:00"),
        };
        for (CliRun run : refused) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
            assertThat(run.err()).startsWith("latchkey: --");
        }
        CliRun both = create("--days", "mon", "--from", "2026-12-01");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        CliRun hoursAlone = create("--hours", "09:00-17:00");
        assertThat(hoursAlone.exitCode()).isEqualTo(2);
        assertThat(hoursAlone.err()).contains("--days");
        assertThat(server.requests("POST", "/v2/policies")).isEmpty();
    }
}
