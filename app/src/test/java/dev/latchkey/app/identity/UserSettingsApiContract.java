package dev.latchkey.app.identity;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IBM User Management's user settings and profile over real HTTP (decision 0044): reading and changing them, who may
 * change which field, validation that writes nothing, {@code include_settings}, the audit events, and the user's
 * allowed addresses refusing and then issuing tokens from the very next request (the test server's client is
 * 127.0.0.1). H2 and PostgreSQL subclasses.
 */
abstract class UserSettingsApiContract extends AccountOwnerContract {

    String settingsPath(String account, String iamId) {
        return "/v2/accounts/" + account + "/users/" + iamId + "/settings";
    }

    String profilePath(String account, String iamId) {
        return "/v2/accounts/" + account + "/users/" + iamId;
    }

    Answer patch(String path, String token, String json) {
        return server.call("PATCH", path, token, json, Map.of());
    }

    void patched(String path, String token, String json) {
        Answer answer = patch(path, token, json);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(204);
        assertThat(answer.raw()).isEmpty();
    }

    JsonNode settingsOf(Person who) {
        Answer answer = server.get(settingsPath(accountId, who.iamId()), owner);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    /** The user-management role {@code role} for {@code who}: the grants that matter here. */
    Person withUserManagement(Role role) {
        Person person = fixtures.member(accountId);
        fixtures.grant(accountId, person.iamId(), "user-management", role);
        return person;
    }

    @Test
    void settingsStartAtIbmsDefaultsAndAPatchAnswers204WithANewEtag() {
        Person member = fixtures.member(accountId);
        Answer read = server.get(settingsPath(accountId, member.iamId()), owner);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().toString()).isEqualTo("{\"language\":\"\",\"notification_language\":\"\","
                + "\"allowed_ip_addresses\":\"\",\"self_manage\":false}");
        String etag = read.header("Etag");
        assertThat(etag).isNotBlank();

        Answer changed = server.call("PATCH", settingsPath(accountId, member.iamId()), owner,
                "{\"language\":\"fr\",\"notification_language\":\"pt-br\"}", Map.of("If-Match", etag));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(204);
        assertThat(changed.header("Etag")).isNotBlank().isNotEqualTo(etag);
        JsonNode now = settingsOf(member);
        assertThat(now.get("language").asText()).isEqualTo("fr");
        assertThat(now.get("notification_language").asText()).isEqualTo("pt-br");

        Answer stale = server.call("PATCH", settingsPath(accountId, member.iamId()), owner, "{\"language\":\"de\"}",
                Map.of("If-Match", etag));
        assertBadRequest(stale, 409, "If-Match");
        assertThat(settingsOf(member).get("language").asText()).isEqualTo("fr");
        Answer any = server.call("PATCH", settingsPath(accountId, member.iamId()), owner, "{\"language\":\"de\"}",
                Map.of("If-Match", "*"));
        assertThat(any.status()).as(any.raw()).isEqualTo(204);
        patched(settingsPath(accountId, member.iamId()), owner, "{\"language\":\"it\"}");
        assertThat(settingsOf(member).get("language").asText()).as("If-Match is optional, as IBM's SDK sends none")
                .isEqualTo("it");
    }

    @Test
    void theUsersAllowedAddressesRefuseAndIssueTokensFromTheNextRequestOnEveryGrant() {
        Person member = fixtures.member(accountId);
        String email = "addresses-" + System.nanoTime() + "@example.com";
        server.inviteWithPassword(owner, accountId, email, "correct horse battery staple");
        String invitee = fixtures.iamIdOf(email);
        Map<String, String> password = Map.of("grant_type", "password", "username", email, "password",
                "correct horse battery staple");
        assertThat(server.tokenFor(member.apikey()).status()).isEqualTo(200);

        patched(settingsPath(accountId, member.iamId()), owner, "{\"allowed_ip_addresses\":\"10.0.0.0/8, 192.0.2.7\"}");
        patched(settingsPath(accountId, invitee), owner, "{\"allowed_ip_addresses\":\"2001:db8::/32\"}");
        assertTokenError(server.tokenFor(member.apikey()), "LKIAM0466E", "127.0.0.1");
        assertThat(server.tokenFor(member.apikey()).body().get("errorMessage").asText()).contains("this user");
        assertTokenError(server.tokenRequest(password, Map.of()), "LKIAM0466E", "127.0.0.1");
        assertThat(server.tokenFor(server.adminKey).status()).as("the owner has no list").isEqualTo(200);

        patched(settingsPath(accountId, member.iamId()), owner, "{\"allowed_ip_addresses\":\"10.0.0.0/8, 127.0.0.1\"}");
        Answer issued = server.tokenFor(member.apikey());
        assertThat(issued.status()).as(issued.raw()).isEqualTo(200);
        patched(settingsPath(accountId, invitee), owner, "{\"allowed_ip_addresses\":\"127.0.0.0/8\"}");
        assertThat(server.tokenRequest(password, Map.of()).status()).isEqualTo(200);

        patched(settingsPath(accountId, member.iamId()), owner, "{\"allowed_ip_addresses\":\"203.0.113.0/24\"}");
        assertTokenError(server.tokenFor(member.apikey()), "LKIAM0466E", "127.0.0.1");
        patched(settingsPath(accountId, member.iamId()), owner, "{\"allowed_ip_addresses\":\"\"}");
        assertThat(server.tokenFor(member.apikey()).status()).as("an empty list allows any address").isEqualTo(200);
    }

    @Test
    void aUserChangesOwnLanguagesAndOwnAddressesOnlyWhileSelfManaged() {
        Person member = fixtures.member(accountId);
        String token = server.token(member.apikey());
        Answer own = server.get(settingsPath(accountId, member.iamId()), token);
        assertThat(own.status()).as("everyone reads their own").isEqualTo(200);
        patched(settingsPath(accountId, member.iamId()), token, "{\"language\":\"ja\",\"notification_language\":\"en\"}");
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), token,
                "{\"allowed_ip_addresses\":\"127.0.0.1\"}"), 403, "'self_manage'");
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), token, "{\"self_manage\":true}"), 403,
                "'self_manage'");
        assertThat(settingsOf(member).get("allowed_ip_addresses").asText()).isEmpty();

        patched(settingsPath(accountId, member.iamId()), owner, "{\"self_manage\":true}");
        patched(settingsPath(accountId, member.iamId()), token, "{\"allowed_ip_addresses\":\"127.0.0.1, 10.0.0.0/8\"}");
        assertThat(settingsOf(member).get("allowed_ip_addresses").asText()).isEqualTo("127.0.0.1, 10.0.0.0/8");
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), token, "{\"self_manage\":false}"), 403,
                "'self_manage'");
        assertThat(server.tokenFor(member.apikey()).status()).isEqualTo(200);
    }

    @Test
    void othersNeedUserManagementRolesViewerReadsEditorChanges() {
        Person member = fixtures.member(accountId);
        Person viewer = withUserManagement(Role.VIEWER);
        Person editor = withUserManagement(Role.EDITOR);
        Person stranger = fixtures.member(accountId, Role.ADMINISTRATOR);
        String viewerToken = server.token(viewer.apikey());
        String editorToken = server.token(editor.apikey());
        String identityAdmin = server.token(stranger.apikey());

        assertBadRequest(server.get(settingsPath(accountId, member.iamId()), identityAdmin), 403,
                "user-management.user.read");
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), identityAdmin, "{\"language\":\"fr\"}"), 403,
                "user-management.user.update");
        assertBadRequest(patch(profilePath(accountId, member.iamId()), identityAdmin, "{\"firstname\":\"X\"}"), 403,
                "user-management.user.update");
        assertThat(server.get(settingsPath(accountId, member.iamId()), viewerToken).status()).isEqualTo(200);
        assertThat(server.get(profilePath(accountId, member.iamId()), viewerToken).status()).isEqualTo(200);
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), viewerToken, "{\"language\":\"fr\"}"), 403,
                "user-management.user.update");
        assertBadRequest(patch(profilePath(accountId, member.iamId()), viewerToken, "{\"firstname\":\"X\"}"), 403,
                "user-management.user.update");

        patched(settingsPath(accountId, member.iamId()), editorToken,
                "{\"language\":\"fr\",\"allowed_ip_addresses\":\"127.0.0.1\",\"self_manage\":true}");
        patched(profilePath(accountId, member.iamId()), editorToken, "{\"firstname\":\"Edited\"}");
        assertThat(settingsOf(member).get("self_manage").asBoolean()).isTrue();
        assertThat(server.get(profilePath(accountId, member.iamId()), owner).body().get("firstname").asText())
                .isEqualTo("Edited");

        Person otherOwner = fixtures.accountWithOwner();
        String otherToken = server.token(otherOwner.apikey());
        assertBadRequest(server.get(settingsPath(accountId, member.iamId()), otherToken), 403, "not for account");
        assertBadRequest(patch(settingsPath(accountId, member.iamId()), otherToken, "{\"language\":\"fr\"}"), 403,
                "not for account");
        assertBadRequest(server.get(settingsPath(accountId, otherOwner.iamId()), owner), 404, otherOwner.iamId());
        assertBadRequest(patch(profilePath(accountId, otherOwner.iamId()), owner, "{\"firstname\":\"X\"}"), 404,
                otherOwner.iamId());
    }

    @Test
    void everyBadFieldIsA400NamingItAndNothingIsWritten() {
        Person member = fixtures.member(accountId);
        String settings = settingsPath(accountId, member.iamId());
        String[][] bad = {
            {"{\"language\":\"not a language\"}", "'language'"},
            {"{\"notification_language\":\"" + "x".repeat(36) + "\"}", "'notification_language'"},
            {"{\"allowed_ip_addresses\":\"10.0.0.300\"}", "'allowed_ip_addresses'"},
            {"{\"allowed_ip_addresses\":\"intranet.example.com\"}", "'allowed_ip_addresses'"},
            {"{\"self_manage\":\"yes\"}", "'self_manage'"},
            {"{\"language\":\"fr\",\"langauge\":\"de\"}", "'langauge'"},
        };
        for (String[] one : bad) {
            assertBadRequest(patch(settings, owner, one[0]), 400, one[1]);
        }
        assertThat(settingsOf(member).toString()).isEqualTo("{\"language\":\"\",\"notification_language\":\"\","
                + "\"allowed_ip_addresses\":\"\",\"self_manage\":false}");

        String profile = profilePath(accountId, member.iamId());
        String[][] badProfile = {
            {"{\"phonenumber\":\"call me maybe\"}", "'phonenumber'"},
            {"{\"altphonenumber\":\"" + "1".repeat(33) + "\"}", "'altphonenumber'"},
            {"{\"photo\":\"javascript:alert(1)\"}", "'photo'"},
            {"{\"firstname\":\"" + "x".repeat(129) + "\"}", "'firstname'"},
            {"{\"email\":\"someone.else@example.com\"}", "'email'"},
            {"{\"state\":\"VPN_ONLY\"}", "'state'"},
            {"{\"firstname\":42}", "'firstname'"},
            {"{\"nickname\":\"Al\"}", "'nickname'"},
        };
        for (String[] one : badProfile) {
            assertBadRequest(patch(profile, owner, one[0]), 400, one[1]);
        }
        JsonNode unchanged = server.get(profile, owner).body();
        assertThat(unchanged.get("firstname").asText()).isEqualTo("Test");
        assertThat(unchanged.has("phonenumber")).isFalse();
        assertThat(unchanged.get("email").asText()).isEqualTo(fixtures.email(member.iamId()));
    }

    @Test
    void theProfileIsTheAccountsAndTakesIbmsFieldsEmailAndStateUnchanged() {
        Person member = fixtures.member(accountId);
        String token = server.token(member.apikey());
        String email = fixtures.email(member.iamId());
        // as IBM's integration tests send it: names, the user's state and e-mail unchanged
        patched(profilePath(accountId, member.iamId()), token, "{\"firstname\":\"John\",\"lastname\":\"Doe\","
                + "\"state\":\"ACTIVE\",\"email\":\"" + email.toUpperCase() + "\",\"phonenumber\":\"+1 555 0100\","
                + "\"altphonenumber\":\"+44 20 7946 0000\",\"photo\":\"https://example.com/john.png\"}");
        Answer read = server.get(profilePath(accountId, member.iamId()), owner);
        JsonNode profile = read.body();
        assertThat(profile.get("firstname").asText()).isEqualTo("John");
        assertThat(profile.get("lastname").asText()).isEqualTo("Doe");
        assertThat(profile.get("phonenumber").asText()).isEqualTo("+1 555 0100");
        assertThat(profile.get("altphonenumber").asText()).isEqualTo("+44 20 7946 0000");
        assertThat(profile.get("photo").asText()).isEqualTo("https://example.com/john.png");
        assertThat(profile.get("email").asText()).isEqualTo(email);
        assertThat(profile.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(read.header("Etag")).isNotBlank();

        Person otherOwner = fixtures.accountWithOwner();
        fixtures.join(otherOwner.accountId(), member.iamId());
        JsonNode elsewhere = server.get(profilePath(otherOwner.accountId(), member.iamId()),
                server.token(otherOwner.apikey())).body();
        assertThat(elsewhere.get("firstname").asText()).as("another account knows the user by their own name")
                .isEqualTo("Test");
        assertThat(elsewhere.has("phonenumber")).isFalse();

        patched(profilePath(accountId, member.iamId()), token, "{\"firstname\":\"\",\"phonenumber\":\"\"}");
        JsonNode cleared = server.get(profilePath(accountId, member.iamId()), owner).body();
        assertThat(cleared.get("firstname").asText()).as("empty: the user's own name again").isEqualTo("Test");
        assertThat(cleared.has("phonenumber")).isFalse();
        assertThat(cleared.get("lastname").asText()).isEqualTo("Doe");
    }

    @Test
    void includeSettingsAddsEachUsersSettingsToTheList() {
        Person member = fixtures.member(accountId);
        patched(settingsPath(accountId, member.iamId()), owner, "{\"language\":\"fr\",\"allowed_ip_addresses\":"
                + "\"127.0.0.1\",\"self_manage\":true}");
        JsonNode plain = find(server.get("/v2/accounts/" + accountId + "/users?limit=100", owner).body(), member);
        assertThat(plain.has("language")).isFalse();
        assertThat(plain.has("self_manage")).isFalse();
        JsonNode with = find(server.get("/v2/accounts/" + accountId + "/users?limit=100&include_settings=true", owner)
                .body(), member);
        assertThat(with.get("language").asText()).isEqualTo("fr");
        assertThat(with.get("notification_language").asText()).isEmpty();
        assertThat(with.get("allowed_ip_addresses").asText()).isEqualTo("127.0.0.1");
        assertThat(with.get("self_manage").asBoolean()).isTrue();
        assertBadRequest(server.get("/v2/accounts/" + accountId + "/users?include_settings=maybe", owner), 400,
                "'include_settings'");
    }

    private JsonNode find(JsonNode list, Person who) {
        String next = null;
        JsonNode page = list;
        while (true) {
            for (JsonNode user : page.get("resources")) {
                if (user.get("iam_id").asText().equals(who.iamId())) {
                    return user;
                }
            }
            next = page.path("next_url").asText(null);
            assertThat(next).as("user " + who.iamId() + " listed").isNotNull();
            page = server.get(next.substring(next.indexOf("/v2/")), owner).body();
        }
    }

    @Test
    void changesAreAuditedWithoutTheProfilesValuesAndNoChangeIsNotAudited() {
        Person member = fixtures.member(accountId);
        patched(settingsPath(accountId, member.iamId()), owner, "{\"allowed_ip_addresses\":\"127.0.0.1\"}");
        patched(profilePath(accountId, member.iamId()), owner, "{\"phonenumber\":\"+1 555 0199\"}");
        patched(profilePath(accountId, member.iamId()), owner, "{\"phonenumber\":\"+1 555 0199\"}");
        Answer events = server.get("/v1/accounts/" + accountId + "/audit_events?target_id=" + member.iamId(), owner);
        assertThat(events.status()).as(events.raw()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        events.body().get("events").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("user-management.user.update", "user-management.user-settings.update");
        JsonNode profile = events.body().get("events").get(0);
        assertThat(profile.get("details").get("fields").asText()).isEqualTo("phonenumber");
        // as written or with its spaces taken out; not "0199" alone, which a hash or id in the body may hold
        assertThat(events.raw()).as("phone numbers are not history").doesNotContain("555 0199")
                .doesNotContain("5550199");
        JsonNode settings = events.body().get("events").get(1);
        assertThat(settings.get("details").get("change").asText())
                .isEqualTo("User settings updated: allowed_ip_addresses: '' → '127.0.0.1'.");
        assertThat(settings.get("actor").get("iam_id").asText()).isEqualTo(ownerIamId);
    }
}
