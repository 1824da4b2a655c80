package dev.latchkey.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubIamServer;
import dev.latchkey.cli.StubServerTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountSettingsCommandsTest extends StubServerTest {
    static final String PATH = "/v1/accounts/acc1/settings/identity";
    static final String SETTINGS = "{\"account_id\":\"acc1\",\"entity_tag\":\"3-0123456789abcdef0123456789abcdef\","
            + "\"restrict_create_service_id\":\"NOT_SET\",\"restrict_create_platform_apikey\":\"RESTRICTED\","
            + "\"allowed_ip_addresses\":\"10.0.0.0/8\",\"mfa\":\"NONE\",\"user_mfa\":[{\"iam_id\":\"IBMid-2\",\"mfa\":\"TOTP\"}],"
            + "\"session_expiration_in_seconds\":\"86400\",\"session_invalidation_in_seconds\":\"7200\","
            + "\"max_sessions_per_identity\":\"NOT_SET\",\"system_access_token_expiration_in_seconds\":\"900\","
            + "\"system_refresh_token_expiration_in_seconds\":\"259200\",\"restrict_user_list_visibility\":\"NOT_RESTRICTED\","
            + "\"restrict_user_domains\":[{\"realm_id\":\"IBMid\",\"invitation_email_allow_patterns\":[\"*@example.com\"],"
            + "\"restrict_invitation\":true}]";

    @Test
    void showListsEverySettingOfTheTokensAccount() {
        server.on("GET", PATH, 200, SETTINGS + "}");

        CliRun run = CliRun.run(config, "", "account-settings");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("SETTING").contains("restrict_create_platform_apikey", "RESTRICTED",
                "system_access_token_expiration_in_seconds", "900", "allowed_ip_addresses", "10.0.0.0/8",
                "user_mfa", "IBMid-2=TOTP", "restrict_user_domains", "IBMid: *@example.com (invitations restricted)",
                "max_sessions_per_identity", "NOT_SET", "entity_tag");
        // Latchkey's two key rules have a row each, "-" when the answer has none (an older server)
        assertThat(run.out()).containsPattern("apikey_max_lifetime_days +-")
                .containsPattern("apikey_disable_after_inactive_days +-");
        assertThat(run.out().lines()).hasSize(17);
    }

    @Test
    void showTakesAnotherAccountAndTheHistory() {
        server.on("GET", "/v1/accounts/acc2/settings/identity?include_history=true", 200, SETTINGS
                + ",\"history\":[{\"timestamp\":\"2026-01-02T03:04+0000\",\"iam_id\":\"IBMid-1\",\"action\":\"update\","
                + "\"params\":[\"mfa\",\"user_mfa\"],\"message\":\"m\"}]}");

        CliRun run = CliRun.run(config, "", "account-settings", "--account", "acc2", "--history");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("TIMESTAMP", "2026-01-02T03:04+0000", "update", "mfa, user_mfa");
        CliRun json = CliRun.run(config, "", "account-settings", "--account", "acc2", "--history", "--output", "json");
        assertThat(Json.parse(json.out()).path("history").size()).isEqualTo(1);
    }

    @Test
    void updateSendsOnlyTheGivenFieldsWithTheEtagItJustRead() {
        server.on("GET", PATH, 200, SETTINGS + "}", Map.of("Etag", "3-0123456789abcdef0123456789abcdef"));
        server.on("PUT", PATH, 200, SETTINGS + "}");

        CliRun run = CliRun.run(config, "", "account-settings-update", "--restrict-create-platform-apikey", "RESTRICTED",
                "--token-lifetime", "900", "--allowed-ip-addresses", "10.0.0.0/8, 192.0.2.1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Updated the account settings of account acc1.\nSETTING");
        StubIamServer.Request put = server.requests("PUT", PATH).get(0);
        assertThat(put.header("If-Match")).isEqualTo("3-0123456789abcdef0123456789abcdef");
        assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"restrict_create_platform_apikey\":\"RESTRICTED\","
                + "\"system_access_token_expiration_in_seconds\":\"900\",\"allowed_ip_addresses\":\"10.0.0.0/8, 192.0.2.1\"}"));
    }

    @Test
    void updateWithoutOptionsOrWithAnUnknownValueIsAUsageErrorAndSendsNothing() {
        CliRun nothing = CliRun.run(config, "", "account-settings-update");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update");
        CliRun typo = CliRun.run(config, "", "account-settings-update", "--restrict-create-service-id", "YES");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("RESTRICTED, NOT_RESTRICTED, NOT_SET");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void updateRefusedByTheServerPrintsItsMessageAndExitsOne() {
        server.on("GET", PATH, 200, SETTINGS + "}", Map.of("Etag", "3-0123456789abcdef0123456789abcdef"));
        server.on("PUT", PATH, 400, "{\"errors\":[{\"code\":\"invalid_request\",\"message_code\":\"BXNIM0106E\","
                + "\"message\":\"Field 'system_access_token_expiration_in_seconds' must be a whole number from 900 to 3600\"}],"
                + "\"status_code\":400,\"trace\":\"t\"}");

        CliRun run = CliRun.run(config, "", "account-settings-update", "--token-lifetime", "60");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'system_access_token_expiration_in_seconds'", "HTTP 400, BXNIM0106E");
    }
}
