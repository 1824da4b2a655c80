package dev.latchkey.cli.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import dev.latchkey.cli.StubIamServer.Request;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The user settings and profile commands against a stub server (decision 0044): what they send and print. */
class UserSettingsCommandsTest extends StubServerTest {
    static final String ALICE = "/v2/accounts/acc1/users/IBMid-alice";
    static final String PROFILE = "{\"id\":\"IBMid-alice\",\"iam_id\":\"IBMid-alice\",\"realm\":\"IBMid\","
            + "\"user_id\":\"alice@example.com\",\"firstname\":\"Alice\",\"lastname\":\"Liddell\",\"state\":\"ACTIVE\","
            + "\"email\":\"alice@example.com\",\"phonenumber\":\"+44 20 7946 0000\",\"photo\":"
            + "\"https://example.com/alice.png\",\"account_id\":\"acc1\",\"added_on\":\"2030-01-01T00:00:00Z\","
            + "\"functional\":false}";
    static final String SETTINGS = "{\"language\":\"fr\",\"notification_language\":\"\","
            + "\"allowed_ip_addresses\":\"\",\"self_manage\":true}";

    @BeforeEach
    void answers() {
        server.on("GET", "/v2/accounts/acc1/users?limit=100", 200, "{\"resources\":[{\"iam_id\":\"IBMid-bob\","
                + "\"email\":\"bob@example.com\"}],\"next_url\":\"" + server.url()
                + "/v2/accounts/acc1/users?limit=100&_start=2\"}");
        server.on("GET", "/v2/accounts/acc1/users?limit=100&_start=2", 200, "{\"resources\":[{\"iam_id\":"
                + "\"IBMid-alice\",\"email\":\"alice@example.com\"}],\"next_url\":null}");
        server.on("GET", ALICE, 200, PROFILE);
        server.on("GET", ALICE + "/settings", 200, SETTINGS);
    }

    @Test
    void aUserNamedByEmailIsShownAsATableOfProfileAndSettings() {
        CliRun run = CliRun.run(config, "", "user-settings", "Alice@Example.com");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("FIELD").containsPattern("IAM ID +IBMid-alice")
                .containsPattern("E-mail +alice@example.com").containsPattern("First name +Alice")
                .containsPattern("Last name +Liddell").containsPattern("Phone +\\+44 20 7946 0000")
                .containsPattern("Alt. phone +-").containsPattern("Photo +https://example.com/alice.png")
                .containsPattern("Account ID +acc1").containsPattern("Language +fr")
                .containsPattern("Notification language +-").containsPattern("Allowed IP addresses +any")
                .containsPattern("Self-manage +yes");
        assertThat(server.requests("GET", "/v2/accounts/acc1/users?")).as("both pages searched").hasSize(2);
    }

    @Test
    void withoutAUserItShowsTheCallerAndJsonHoldsBothAnswers() {
        server.on("GET", "/v2/accounts/acc2/users/IBMid-1", 200, PROFILE.replace("IBMid-alice", "IBMid-1"));
        server.on("GET", "/v2/accounts/acc2/users/IBMid-1/settings", 200, SETTINGS);

        CliRun run = CliRun.run(config, "", "user-settings", "--account", "acc2", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(run.out())).isEqualTo(Json.parse("{\"profile\":" + PROFILE.replace("IBMid-alice",
                "IBMid-1") + ",\"settings\":" + SETTINGS + "}"));
        assertThat(server.requests("GET", "/v2/accounts/acc2/users?")).as("no lookup for the caller").isEmpty();
    }

    @Test
    void anUnknownEmailIsAClearErrorAndNothingIsWritten() {
        CliRun shown = CliRun.run(config, "", "user-settings", "carol@example.com");
        CliRun updated = CliRun.run(config, "", "user-settings-update", "carol@example.com", "--language", "de");

        for (CliRun run : new CliRun[] {shown, updated}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("latchkey: no user with e-mail carol@example.com in the account\n");
        }
        assertThat(server.requests("PATCH", "/")).isEmpty();
    }

    @Test
    void settingsOptionsPatchOnlyTheSettingsWithOnlyTheFieldsGiven() {
        server.on("PATCH", ALICE + "/settings", 204, "");

        CliRun run = CliRun.run(config, "", "user-settings-update", "alice@example.com", "--language", "pt-br",
                "--allowed-ip-addresses", "203.0.113.0/24, 10.0.0.0/8", "--self-manage", "false");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Updated the settings of alice@example.com (IBMid-alice).\nFIELD");
        Request patch = server.requests("PATCH", ALICE + "/settings").get(0);
        assertThat(Json.parse(patch.body())).isEqualTo(Json.parse("{\"language\":\"pt-br\","
                + "\"allowed_ip_addresses\":\"203.0.113.0/24, 10.0.0.0/8\",\"self_manage\":false}"));
        assertThat(patch.header("Content-Type")).isEqualTo("application/json");
        assertThat(server.requests("PATCH", "/")).as("the profile is left alone").hasSize(1);
    }

    @Test
    void profileOptionsPatchOnlyTheProfileAndEmptyValuesAreSentToClear() {
        server.on("PATCH", ALICE, 204, "");

        CliRun run = CliRun.run(config, "", "user-settings-update", "IBMid-alice", "--first-name", "Ada",
                "--phone", "+1 555 0100", "--alt-phone", "", "--photo", "https://example.com/a.png");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Updated the profile of alice@example.com (IBMid-alice).\n");
        assertThat(server.requests("PATCH", "/")).hasSize(1);
        assertThat(Json.parse(server.requests("PATCH", ALICE).get(0).body())).isEqualTo(Json.parse(
                "{\"firstname\":\"Ada\",\"phonenumber\":\"+1 555 0100\",\"altphonenumber\":\"\","
                        + "\"photo\":\"https://example.com/a.png\"}"));
        assertThat(server.requests("GET", "/v2/accounts/acc1/users?")).as("an IAM ID needs no lookup").isEmpty();
    }

    @Test
    void bothKindsMakeTwoRequestsAndJsonPrintsWhatTheServerNowHas() {
        server.on("PATCH", ALICE, 204, "");
        server.on("PATCH", ALICE + "/settings", 204, "");

        CliRun run = CliRun.run(config, "", "user-settings-update", "alice@example.com", "--notification-language",
                "en", "--last-name", "", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(run.out())).isEqualTo(Json.parse("{\"profile\":" + PROFILE + ",\"settings\":"
                + SETTINGS + "}"));
        assertThat(server.requests("PATCH", "/")).extracting(Request::uri, r -> Json.parse(r.body()))
                .containsExactly(
                        tuple(ALICE + "/settings",
                                Json.parse("{\"notification_language\":\"en\"}")),
                        tuple(ALICE, Json.parse("{\"lastname\":\"\"}")));
    }

    @Test
    void aRefusedProfileAfterUpdatedSettingsSaysWhatChanged() {
        server.on("PATCH", ALICE + "/settings", 204, "");
        server.on("PATCH", ALICE, 400, "{\"errors\":[{\"code\":\"invalid\",\"message\":\"Field 'phonenumber' "
                + "must be a phone number.\"}],\"status_code\":400}");

        CliRun run = CliRun.run(config, "", "user-settings-update", "IBMid-alice", "--language", "de", "--phone",
                "call me");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("The settings were updated; the profile was not.\n"
                + "latchkey: Field 'phonenumber' must be a phone number. (HTTP 400, invalid)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void updateWithNothingOrAnInvalidFlagIsAUsageErrorAndSendsNothing() {
        CliRun nothing = CliRun.run(config, "", "user-settings-update", "alice@example.com");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update");

        CliRun notABoolean = CliRun.run(config, "", "user-settings-update", "--self-manage", "maybe");
        assertThat(notABoolean.exitCode()).isEqualTo(2);
        assertThat(notABoolean.err()).contains("--self-manage", "maybe");
        assertThat(server.requests()).isEmpty();
    }
}
