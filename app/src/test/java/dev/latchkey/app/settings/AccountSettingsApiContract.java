package dev.latchkey.app.settings;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/accounts/{account_id}/settings/identity} and {@code effective_settings} over real HTTP: IBM's
 * defaults and string-typed values, echoes, entity tags, validation. Each test works in an account of its own.
 * Runs on H2 and on PostgreSQL through the two subclasses.
 */
abstract class AccountSettingsApiContract extends AccountOwnerContract {
    static final String[] STRING_FIELDS = {"restrict_create_service_id", "restrict_create_platform_apikey",
        "allowed_ip_addresses", "mfa", "session_expiration_in_seconds", "session_invalidation_in_seconds",
        "max_sessions_per_identity", "system_access_token_expiration_in_seconds",
        "system_refresh_token_expiration_in_seconds", "restrict_user_list_visibility", "apikey_max_lifetime_days",
        "apikey_disable_after_inactive_days"};
    /** IBM's wire date, which sorts as text. */
    static final DateTimeFormatter IBM_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'+0000'")
            .withZone(ZoneOffset.UTC);

    /** An account of the test's own: its owner, the owner's token and the settings path. */
    record Tenant(Person owner, String token, String path) {
        String id() {
            return owner.accountId();
        }
    }

    Tenant tenant() {
        Person person = fixtures.accountWithOwner();
        return new Tenant(person, server.token(person.apikey()), "/v1/accounts/" + person.accountId()
                + "/settings/identity");
    }

    Answer put(Tenant tenant, String ifMatch, String json) {
        return server.call("PUT", tenant.path(), tenant.token(), json, ifMatch == null ? Map.of()
                : Map.of("If-Match", ifMatch));
    }

    @Test
    void getAnswersEveryDefaultAsAStringWithOneEtag() {
        Tenant tenant = tenant();
        Answer answer = server.get(tenant.path(), tenant.token());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode body = answer.body();
        for (String field : STRING_FIELDS) {
            assertThat(body.get(field)).as(field).isNotNull();
            assertThat(body.get(field).isTextual()).as(field + " is a string").isTrue();
        }
        assertThat(body.get("account_id").asText()).isEqualTo(tenant.id());
        assertThat(body.get("restrict_create_service_id").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("restrict_create_platform_apikey").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("allowed_ip_addresses").asText()).isEmpty();
        assertThat(body.get("mfa").asText()).isEqualTo("NONE");
        assertThat(body.get("session_expiration_in_seconds").asText()).isEqualTo("86400");
        assertThat(body.get("session_invalidation_in_seconds").asText()).isEqualTo("7200");
        assertThat(body.get("max_sessions_per_identity").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("system_access_token_expiration_in_seconds").asText()).isEqualTo("3600");
        assertThat(body.get("system_refresh_token_expiration_in_seconds").asText()).isEqualTo("259200");
        assertThat(body.get("restrict_user_list_visibility").asText()).isEqualTo("NOT_RESTRICTED");
        assertThat(body.get("apikey_max_lifetime_days").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("apikey_disable_after_inactive_days").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("user_mfa").isArray()).isTrue();
        assertThat(body.get("user_mfa")).isEmpty();
        assertThat(body.get("restrict_user_domains").isArray()).isTrue();
        assertThat(body.get("restrict_user_domains")).isEmpty();
        assertThat(body.has("history")).isFalse();
        assertThat(answer.headers().allValues("Etag")).containsExactly(body.get("entity_tag").asText());
        assertThat(body.get("entity_tag").asText()).matches("\\d+-[0-9a-f]{32}");
    }

    @Test
    void putEchoesEachValueSentAndEveryWriteGivesANewEntityTag() throws Exception {
        Tenant tenant = tenant();
        String tag = server.get(tenant.path(), tenant.token()).header("Etag");
        String domains = "[{\"realm_id\":\"IBMid\",\"invitation_email_allow_patterns\":[\"*.*@example.com\"],"
                + "\"restrict_invitation\":false}]";
        Answer updated = put(tenant, tag, "{\"restrict_create_service_id\":\"RESTRICTED\","
                + "\"restrict_create_platform_apikey\":\"NOT_RESTRICTED\",\"allowed_ip_addresses\":\"127.0.0.1, 10.0.0.0/8\","
                + "\"mfa\":\"TOTP4ALL\",\"user_mfa\":[{\"iam_id\":\"" + tenant.owner().iamId() + "\",\"mfa\":\"LEVEL3\"}],"
                + "\"session_expiration_in_seconds\":\"40000\",\"session_invalidation_in_seconds\":\"NOT_SET\","
                + "\"max_sessions_per_identity\":\"3\",\"system_access_token_expiration_in_seconds\":\"1800\","
                + "\"system_refresh_token_expiration_in_seconds\":\"900\",\"restrict_user_list_visibility\":\"RESTRICTED\","
                + "\"restrict_user_domains\":" + domains + "}");
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        JsonNode body = updated.body();
        assertThat(body.get("restrict_create_service_id").asText()).isEqualTo("RESTRICTED");
        assertThat(body.get("restrict_create_platform_apikey").asText()).isEqualTo("NOT_RESTRICTED");
        assertThat(body.get("allowed_ip_addresses").asText()).isEqualTo("127.0.0.1, 10.0.0.0/8");
        assertThat(body.get("mfa").asText()).isEqualTo("TOTP4ALL");
        assertThat(body.get("session_expiration_in_seconds").asText()).isEqualTo("40000");
        assertThat(body.get("session_invalidation_in_seconds").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("max_sessions_per_identity").asText()).isEqualTo("3");
        assertThat(body.get("system_access_token_expiration_in_seconds").asText()).isEqualTo("1800");
        assertThat(body.get("system_refresh_token_expiration_in_seconds").asText()).isEqualTo("900");
        assertThat(body.get("restrict_user_list_visibility").asText()).isEqualTo("RESTRICTED");
        assertThat(body.get("user_mfa")).isEqualTo(TestServer.JSON.readTree("[{\"iam_id\":\""
                + tenant.owner().iamId() + "\",\"mfa\":\"LEVEL3\"}]"));
        assertThat(body.get("restrict_user_domains")).isEqualTo(TestServer.JSON.readTree(domains));
        for (String field : STRING_FIELDS) {
            assertThat(body.get(field).isTextual()).as(field + " is a string").isTrue();
        }
        String second = body.get("entity_tag").asText();
        assertThat(updated.headers().allValues("Etag")).containsExactly(second);
        assertThat(second).isNotEqualTo(tag);

        JsonNode read = server.get(tenant.path(), tenant.token()).body();
        assertThat(read).isEqualTo(body);

        Answer again = put(tenant, second, "{\"mfa\":\"NONE\"}");
        assertThat(again.status()).isEqualTo(200);
        String third = again.body().get("entity_tag").asText();
        assertThat(third).isNotIn(tag, second);
        assertThat(again.body().get("restrict_create_service_id").asText()).as("absent fields keep their value")
                .isEqualTo("RESTRICTED");
        JsonNode history = server.get(tenant.path() + "?include_history=true", tenant.token()).body().get("history");
        assertThat(history.findValuesAsText("action")).containsExactly("update", "update");
        assertThat(history.get(1).get("params").toString()).isEqualTo("[\"mfa\"]");
        assertThat(history.get(0).get("iam_id").asText()).isEqualTo(tenant.owner().iamId());
        assertThat(history.get(0).get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000");
    }

    @Test
    void includeHistoryListsEachUpdateWithItsCallerFieldsValuesAndTime() {
        Tenant tenant = tenant();
        Person administrator = fixtures.member(tenant.id(), Role.ADMINISTRATOR);
        Person viewer = fixtures.member(tenant.id(), Role.VIEWER);
        String adminToken = server.token(administrator.apikey());
        String before = IBM_MINUTE.format(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        assertThat(put(tenant, "*", "{\"mfa\":\"TOTP\",\"restrict_user_list_visibility\":\"NOT_RESTRICTED\"}")
                .status()).isEqualTo(200);
        assertThat(server.call("PUT", tenant.path(), adminToken, "{\"system_access_token_expiration_in_seconds\":"
                + "\"900\"}", Map.of("If-Match", "*")).status()).isEqualTo(200);
        String after = IBM_MINUTE.format(Instant.now());

        JsonNode history = server.get(tenant.path() + "?include_history=true", adminToken).body().get("history");
        assertThat(history).hasSize(2);
        JsonNode first = history.get(0);
        assertThat(first.get("iam_id").asText()).isEqualTo(tenant.owner().iamId());
        assertThat(first.get("iam_id_account").asText()).isEqualTo(tenant.id());
        assertThat(first.get("action").asText()).isEqualTo("update");
        assertThat(first.get("params").toString()).isEqualTo("[\"mfa\",\"restrict_user_list_visibility\"]");
        assertThat(first.get("message").asText()).isEqualTo("Account settings updated: mfa: 'NONE' → 'TOTP'.");
        JsonNode second = history.get(1);
        assertThat(second.get("iam_id").asText()).isEqualTo(administrator.iamId());
        assertThat(second.get("params").toString()).isEqualTo("[\"system_access_token_expiration_in_seconds\"]");
        assertThat(second.get("message").asText())
                .isEqualTo("Account settings updated: system_access_token_expiration_in_seconds: '3600' → '900'.");
        for (JsonNode entry : history) {
            assertThat(entry.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000")
                    .isBetween(before, after);
        }
        JsonNode effective = server.get("/v1/accounts/" + tenant.id() + "/effective_settings/identity"
                + "?include_history=true", tenant.token()).body();
        assertThat(effective.get("account").get("history")).isEqualTo(history);
        assertThat(effective.get("effective").has("history")).isFalse();

        assertThat(server.get(tenant.path(), tenant.token()).body().has("history")).as("not asked for").isFalse();
        assertThat(server.get(tenant.path() + "?include_history=false", tenant.token()).body().has("history"))
                .isFalse();
        assertBadRequest(server.get(tenant.path() + "?include_history=true", server.token(viewer.apikey())), 403,
                "iam-identity.account.get");
        assertBadRequest(server.get(tenant.path() + "?include_history=true", server.token(fixtures.accountWithOwner()
                .apikey())), 403, "");
    }

    @Test
    void staleIfMatchIs409AndNothingIsWritten() {
        Tenant tenant = tenant();
        String tag = server.get(tenant.path(), tenant.token()).header("Etag");
        assertThat(put(tenant, tag, "{\"mfa\":\"TOTP\"}").status()).isEqualTo(200);
        Answer stale = put(tenant, tag, "{\"mfa\":\"LEVEL1\",\"restrict_create_service_id\":\"RESTRICTED\"}");
        assertBadRequest(stale, 409, "changed since");
        assertThat(stale.body().get("errors").get(0).get("message_code").asText()).isEqualTo("LKIAM0409E");
        JsonNode read = server.get(tenant.path() + "?include_history=true", tenant.token()).body();
        assertThat(read.get("mfa").asText()).isEqualTo("TOTP");
        assertThat(read.get("restrict_create_service_id").asText()).isEqualTo("NOT_SET");
        assertThat(read.get("history")).hasSize(1);
        assertThat(put(tenant, "*", "{\"mfa\":\"LEVEL1\"}").status()).as("* matches any version").isEqualTo(200);
    }

    @Test
    void missingIfMatchIs400AndNothingIsWritten() {
        Tenant tenant = tenant();
        String tag = server.get(tenant.path(), tenant.token()).header("Etag");
        Answer missing = put(tenant, null, "{\"mfa\":\"TOTP\"}");
        assertBadRequest(missing, 400, "If-Match");
        assertThat(missing.body().get("errors").get(0).get("message_code").asText()).isEqualTo("LKIAM0428E");
        assertThat(server.get(tenant.path(), tenant.token()).header("Etag")).isEqualTo(tag);
    }

    @Test
    void everyInvalidFieldIs400NamingTheFieldAndNothingIsWritten() {
        Tenant tenant = tenant();
        String tag = server.get(tenant.path(), tenant.token()).header("Etag");
        String[][] cases = {
            {"{\"restrict_create_service_id\":\"YES\"}", "'restrict_create_service_id'"},
            {"{\"restrict_create_platform_apikey\":\"restricted\"}", "'restrict_create_platform_apikey'"},
            {"{\"allowed_ip_addresses\":\"10.0.0.300\"}", "'allowed_ip_addresses'"},
            {"{\"allowed_ip_addresses\":\"intranet.example.com\"}", "'allowed_ip_addresses'"},
            {"{\"mfa\":\"SMS\"}", "'mfa'"},
            {"{\"user_mfa\":[{\"iam_id\":\"IBMid-NOBODY0000\",\"mfa\":\"NONE\"}]}", "'user_mfa[0].iam_id'"},
            {"{\"user_mfa\":[{\"iam_id\":\"" + tenant.owner().iamId() + "\",\"mfa\":\"SMS\"}]}", "'user_mfa[0].mfa'"},
            {"{\"user_mfa\":[{\"mfa\":\"NONE\"}]}", "'user_mfa[0].iam_id'"},
            {"{\"user_mfa\":\"everyone\"}", "'user_mfa' must be an array"},
            {"{\"user_mfa\":[\"x\"]}", "'user_mfa[0]' must be an object"},
            {"{\"session_expiration_in_seconds\":\"899\"}", "'session_expiration_in_seconds'"},
            {"{\"session_expiration_in_seconds\":\"86401\"}", "'session_expiration_in_seconds'"},
            {"{\"session_invalidation_in_seconds\":\"7201\"}", "'session_invalidation_in_seconds'"},
            {"{\"max_sessions_per_identity\":\"0\"}", "'max_sessions_per_identity'"},
            {"{\"system_access_token_expiration_in_seconds\":\"3601\"}", "'system_access_token_expiration_in_seconds'"},
            {"{\"system_access_token_expiration_in_seconds\":\"abc\"}", "'system_access_token_expiration_in_seconds'"},
            {"{\"system_access_token_expiration_in_seconds\":900}",
                "'system_access_token_expiration_in_seconds' must be a string"},
            {"{\"system_refresh_token_expiration_in_seconds\":\"300\"}", "'system_refresh_token_expiration_in_seconds'"},
            {"{\"restrict_user_list_visibility\":\"NOT_SET\"}", "'restrict_user_list_visibility'"},
            {"{\"restrict_user_domains\":[{\"invitation_email_allow_patterns\":[]}]}", "'restrict_user_domains[0].realm_id'"},
            {"{\"restrict_user_domains\":[{\"realm_id\":\"IBMid\",\"restrict_invitation\":\"yes\"}]}",
                "'restrict_user_domains[0].restrict_invitation' must be true or false"},
            {"{\"restrict_user_domains\":[{\"realm_id\":\"IBMid\",\"invitation_email_allow_patterns\":[7]}]}",
                "'restrict_user_domains[0].invitation_email_allow_patterns[0]' must be a string"},
            {"{\"restrict_user_domains\":[{\"realm_id\":\"IBMid\",\"extra\":1}]}", "'restrict_user_domains[0].extra'"},
            {"{\"restrict_create_platform_api_key\":\"RESTRICTED\"}", "'restrict_create_platform_api_key' is not known"},
            {"{\"apikey_max_lifetime_days\":\"0\"}", "'apikey_max_lifetime_days' must be a whole number from 1 to 3650"},
            {"{\"apikey_max_lifetime_days\":\"3651\"}", "'apikey_max_lifetime_days'"},
            {"{\"apikey_max_lifetime_days\":90}", "'apikey_max_lifetime_days' must be a string"},
            {"{\"apikey_disable_after_inactive_days\":\"ninety\"}", "'apikey_disable_after_inactive_days'"},
            {"{\"apikey_disable_after_inactive_days\":\"-1\"}", "'apikey_disable_after_inactive_days'"},
            // a valid field first: the request fails whole, nothing of it is written
            {"{\"mfa\":\"TOTP\",\"session_expiration_in_seconds\":\"1\"}", "'session_expiration_in_seconds'"},
            {"{\"mfa\":", "not valid JSON"},
        };
        for (String[] c : cases) {
            Answer answer = put(tenant, "*", c[0]);
            assertBadRequest(answer, 400, c[1]);
        }
        assertBadRequest(server.get(tenant.path() + "?include_history=maybe", tenant.token()), 400,
                "'include_history'");
        JsonNode read = server.get(tenant.path() + "?include_history=true", tenant.token()).body();
        assertThat(read.get("entity_tag").asText()).isEqualTo(tag);
        assertThat(read.get("mfa").asText()).isEqualTo("NONE");
        assertThat(read.get("history")).isEmpty();
    }

    @Test
    void restrictUserDomainsEchoExactlyAndARealmAloneRemovesItsEntry() throws Exception {
        Tenant tenant = tenant();
        String sent = "[{\"realm_id\":\"IBMid\",\"invitation_email_allow_patterns\":[\"*.*@example.com\",\"**@example.org\"],"
                + "\"restrict_invitation\":true},{\"realm_id\":\"other-realm\",\"restrict_invitation\":false},"
                + "{\"realm_id\":\"third\",\"invitation_email_allow_patterns\":[]}]";
        Answer answer = put(tenant, "*", "{\"restrict_user_domains\":" + sent + "}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("restrict_user_domains")).isEqualTo(TestServer.JSON.readTree(sent));
        assertThat(server.get(tenant.path(), tenant.token()).body().get("restrict_user_domains"))
                .isEqualTo(TestServer.JSON.readTree(sent));

        Answer removed = put(tenant, "*", "{\"restrict_user_domains\":[{\"realm_id\":\"other-realm\"}]}");
        assertThat(removed.body().get("restrict_user_domains").findValuesAsText("realm_id"))
                .containsExactly("IBMid", "third");
    }

    @Test
    void effectiveSettingsShowTheAccountSectionAndTheValuesThatApply() {
        Tenant tenant = tenant();
        put(tenant, "*", "{\"system_access_token_expiration_in_seconds\":\"NOT_SET\","
                + "\"restrict_create_platform_apikey\":\"RESTRICTED\",\"user_mfa\":[{\"iam_id\":\""
                + tenant.owner().iamId() + "\",\"mfa\":\"TOTP\"}]}");
        Answer answer = server.get("/v1/accounts/" + tenant.id() + "/effective_settings/identity?resolve_user_mfa=true",
                tenant.token());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("account_id").asText()).isEqualTo(tenant.id());
        assertThat(body.get("account").get("system_access_token_expiration_in_seconds").asText()).isEqualTo("NOT_SET");
        assertThat(body.get("account").get("entity_tag").asText()).matches("1-[0-9a-f]{32}");
        JsonNode effective = body.get("effective");
        assertThat(effective.get("system_access_token_expiration_in_seconds").asText()).isEqualTo("3600");
        assertThat(effective.get("restrict_create_platform_apikey").asText()).isEqualTo("RESTRICTED");
        assertThat(effective.get("restrict_create_service_id").asText()).isEqualTo("NOT_RESTRICTED");
        assertThat(effective.has("entity_tag")).isFalse();
        assertThat(effective.has("account_id")).isFalse();
        for (String field : STRING_FIELDS) {
            assertThat(effective.get(field).isTextual()).as(field).isTrue();
        }
        JsonNode mfa = effective.get("user_mfa").get(0);
        assertThat(mfa.get("iam_id").asText()).isEqualTo(tenant.owner().iamId());
        assertThat(mfa.get("userName").asText()).as("IBM's camelCase").contains("@example.com");
        assertThat(mfa.get("email").asText()).contains("@example.com");
        assertThat(mfa.has("user_name")).isFalse();
        assertThat(body.get("assigned_templates")).isEmpty();
        assertThat(server.get(tenant.path(), tenant.token()).body().get("user_mfa").get(0).has("email"))
                .as("profile fields only when asked for").isFalse();
    }

    @Test
    void anotherAccountsSettingsAreForbidden() {
        Tenant mine = tenant();
        Tenant theirs = tenant();
        assertBadRequest(server.get(theirs.path(), mine.token()), 403, "iam-identity.account.get");
        assertBadRequest(server.call("PUT", theirs.path(), mine.token(), "{\"mfa\":\"TOTP\"}", Map.of("If-Match", "*")),
                403, "iam-identity.account.update");
        assertBadRequest(server.get("/v1/accounts/" + theirs.id() + "/effective_settings/identity", mine.token()), 403,
                "iam-identity.account.get");
        assertThat(server.get(theirs.path(), theirs.token()).body().get("mfa").asText()).isEqualTo("NONE");
    }
}
