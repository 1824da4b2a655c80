package dev.latchkey.app.identity;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users across accounts over real HTTP (IBM User Management shapes): invitations, acceptance with a first
 * password, the password grant, tokens per account, functional IDs, removal. H2 and PostgreSQL subclasses.
 */
abstract class UserApiContract extends AccountOwnerContract {

    Answer invite(String token, String account, String email, boolean functional) {
        return server.post("/v2/accounts/" + account + "/users", token, "{\"users\":[{\"email\":\"" + email
                + "\",\"account_role\":\"Member\",\"firstname\":\"Ada\",\"lastname\":\"Lovelace\""
                + (functional ? ",\"functional\":true" : "") + "}]}");
    }

    Answer accept(String invitation, String password) {
        return server.post("/v2/users/accept", null, "{\"invitation_token\":\"" + invitation + "\""
                + (password == null ? "" : ",\"password\":\"" + password + "\"") + "}");
    }

    Answer passwordToken(String email, String password, String account) {
        var form = new java.util.LinkedHashMap<String, String>(Map.of("grant_type", "password", "username", email,
                "password", password));
        if (account != null) {
            form.put("account", account);
        }
        return server.tokenRequest(form, Map.of());
    }

    /** Invites and accepts a new person; returns their access token in the owner's account. */
    String newPerson(String email) {
        Answer invited = invite(owner, accountId, email, false);
        assertThat(invited.status()).as(invited.raw()).isEqualTo(202);
        assertThat(accept(invited.body().get("resources").get(0).get("invitation_token").asText(),
                "correct horse battery staple").status()).isEqualTo(202);
        return passwordToken(email, "correct horse battery staple", null).body().get("access_token").asText();
    }

    static String iamIdOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("iam_id");
    }

    static String accountOf(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getJSONObjectClaim("account").get("bss").toString();
    }

    @Test
    void invitedUserAcceptsSetsAPasswordAndGetsTokens() throws Exception {
        Answer invited = invite(owner, accountId, "grace@example.com", false);
        assertThat(invited.status()).isEqualTo(202);
        JsonNode resource = invited.body().get("resources").get(0);
        assertThat(resource.get("email").asText()).isEqualTo("grace@example.com");
        assertThat(resource.get("id").asText()).startsWith("IBMid-");
        assertThat(resource.get("state").asText()).isEqualTo("PENDING");
        String invitation = resource.get("invitation_token").asText();
        assertThat(invitation).startsWith("lkinv_");

        assertTokenError(passwordToken("grace@example.com", "correct horse battery staple", null),
                "BXNIM0602E", "incorrect");
        assertThat(accept(invitation, "short").status()).isEqualTo(400);
        Answer accepted = accept(invitation, "correct horse battery staple");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(202);
        assertThat(accepted.body().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(accept(invitation, "correct horse battery staple").status()).as("an invitation works once").isEqualTo(400);

        Answer token = passwordToken("GRACE@example.com", "correct horse battery staple", null);
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        String access = token.body().get("access_token").asText();
        assertThat(iamIdOf(access)).isEqualTo(resource.get("id").asText());
        assertThat(SignedJWT.parse(access).getJWTClaimsSet().getStringClaim("grant_type")).isEqualTo("password");
        assertTokenError(passwordToken("grace@example.com", "wrong password here!!", null), "BXNIM0602E",
                "incorrect");
        assertTokenError(passwordToken("nobody@example.com", "correct horse battery staple", null),
                "BXNIM0602E", "incorrect");

        JsonNode profile = server.get("/v2/accounts/" + accountId + "/users/" + resource.get("id").asText(), owner).body();
        assertThat(profile.get("firstname").asText()).isEqualTo("Ada");
        assertThat(profile.get("user_id").asText()).isEqualTo("grace@example.com");
        assertThat(profile.get("invited_by").asText()).isEqualTo(iamIdOf(owner));
        assertThat(profile.get("account_id").asText()).isEqualTo(accountId);
    }

    @Test
    void aUserKeyAuthenticatesInEveryAccountOfItsUserOneAtATime() throws Exception {
        String person = newPerson("multi@example.com");
        String keyValue = server.post("/v1/apikeys", person, "{\"name\":\"mine\",\"iam_id\":\"" + iamIdOf(person) + "\"}")
                .body().get("apikey").asText();
        Fixtures.Person otherOwner = fixtures.accountWithOwner();
        String otherOwnerToken = server.token(otherOwner.apikey());
        Answer invited = invite(otherOwnerToken, otherOwner.accountId(), "multi@example.com", false);
        assertThat(invited.status()).as(invited.raw()).isEqualTo(202);
        Map<String, String> form = new java.util.HashMap<>(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", keyValue,
                "account", otherOwner.accountId()));
        assertTokenError(server.tokenRequest(form, Map.of()), "LKIAM0464E", "not a member");
        String invitation = invited.body().get("resources").get(0).get("invitation_token").asText();
        assertThat(accept(invitation, "not the password!!").status()).as("an existing user proves their password")
                .isEqualTo(400);
        assertThat(accept(invitation, "correct horse battery staple").status()).isEqualTo(202);

        Answer inOther = server.tokenRequest(form, Map.of());
        assertThat(inOther.status()).as(inOther.raw()).isEqualTo(200);
        assertThat(accountOf(inOther.body().get("access_token").asText())).isEqualTo(otherOwner.accountId());
        assertThat(accountOf(server.token(keyValue))).as("without 'account': the key's own account").isEqualTo(accountId);

        assertThat(server.delete("/v2/accounts/" + otherOwner.accountId() + "/users/" + iamIdOf(person),
                otherOwnerToken).status()).isEqualTo(204);
        assertTokenError(server.tokenRequest(form, Map.of()), "LKIAM0464E", "not a member");
        assertThat(server.token(keyValue)).as("still works in its own account").isNotBlank();
    }

    @Test
    void theInviterCannotGuessAnExistingUsersPasswordThroughTheInvitation() {
        newPerson("guarded@example.com");
        Fixtures.Person otherOwner = fixtures.accountWithOwner();
        Answer invited = invite(server.token(otherOwner.apikey()), otherOwner.accountId(), "guarded@example.com", false);
        String invitation = invited.body().get("resources").get(0).get("invitation_token").asText();
        for (int i = 0; i < 5; i++) {
            assertThat(accept(invitation, "guess number " + i + "!!").status()).as("guess " + i).isEqualTo(400);
        }
        Answer throttled = accept(invitation, "correct horse battery staple");
        assertBadRequest(throttled, 429, "Too many attempts for this address");
        assertThat(throttled.errorCode()).isEqualTo("too_many_requests");
    }

    @Test
    void withAnAccessTokenAnInvitationIsAcceptedOnlyWithinItsSevenDays() throws Exception {
        String person = newPerson("bearer-accept@example.com");
        Fixtures.Person fresh = fixtures.accountWithOwner();
        Fixtures.Person stale = fixtures.accountWithOwner();
        assertThat(invite(server.token(fresh.apikey()), fresh.accountId(), "bearer-accept@example.com", false)
                .status()).isEqualTo(202);
        assertThat(invite(server.token(stale.apikey()), stale.accountId(), "bearer-accept@example.com", false)
                .status()).isEqualTo(202);
        server.wiring.database().jdbi().useHandle(h -> h.execute("UPDATE account_members SET invitation_expires_at = "
                + "invitation_expires_at - INTERVAL '8' DAY WHERE account_id = ? AND iam_id = ?", stale.accountId(),
                iamIdOf(person)));

        Answer expired = server.post("/v2/users/accept", person, "{\"account_id\":\"" + stale.accountId() + "\"}");
        assertThat(expired.status()).as(expired.raw()).isEqualTo(400);
        assertThat(expired.body().get("errors").get(0).get("message").asText()).contains("expired");
        assertThat(server.post("/v2/users/accept", person, "{\"account_id\":\"" + fresh.accountId() + "\"}")
                .status()).isEqualTo(202);
        assertThat(server.post("/v2/users/accept", person, "{\"account_id\":\"" + fresh.accountId() + "\"}")
                .status()).as("accepted already").isEqualTo(204);

        assertThat(passwordToken("bearer-accept@example.com", "correct horse battery staple", fresh.accountId())
                .status()).isEqualTo(200);
        assertTokenError(passwordToken("bearer-accept@example.com", "correct horse battery staple",
                stale.accountId()), "LKIAM0464E", "not a member");
    }

    @Test
    void afterFiveWrongPasswordsTheAddressMustWaitEvenWithTheRightOne() {
        newPerson("guessed@example.com");
        for (int i = 0; i < 5; i++) {
            assertTokenError(passwordToken("guessed@example.com", "wrong guess " + i, null), "BXNIM0602E",
                    "incorrect");
        }
        Answer waiting = passwordToken("Guessed@example.com", "correct horse battery staple", null);
        assertThat(waiting.status()).as(waiting.raw()).isEqualTo(429);
        assertThat(waiting.body().get("errorCode").asText()).isEqualTo("LKIAM0429E");
        assertThat(waiting.body().get("errorMessage").asText()).matches("Too many wrong passwords for this e-mail "
                + "address; try again in \\d+ seconds\\.");
        assertThat(Integer.parseInt(waiting.header("Retry-After"))).isBetween(1, 30);
        assertThat(passwordToken("nobody-here@example.com", "whatever", null).status())
                .as("another address is not affected").isEqualTo(400);
    }

    @Test
    void removingAUserDeletesTheirKeysInThatAccount() throws Exception {
        String person = newPerson("leaver@example.com");
        String iamId = iamIdOf(person);
        JsonNode key = server.post("/v1/apikeys", person, "{\"name\":\"k\",\"iam_id\":\"" + iamId + "\"}").body();
        assertThat(server.token(key.get("apikey").asText())).isNotBlank();
        assertThat(server.delete("/v2/accounts/" + accountId + "/users/" + iamId, owner).status()).isEqualTo(204);
        assertTokenError(server.tokenFor(key.get("apikey").asText()), "BXNIM0415E", "could not be found");
        assertThat(server.get("/v1/apikeys/" + key.get("id").asText(), owner).status()).isEqualTo(404);
        assertThat(server.get("/v2/accounts/" + accountId + "/users/" + iamId, owner).status()).isEqualTo(404);
        assertTokenError(passwordToken("leaver@example.com", "correct horse battery staple", null),
                "LKIAM0464E", "not a member");
        assertBadRequest(server.delete("/v2/accounts/" + accountId + "/users/" + iamIdOf(owner), owner),
                409, "owner");
    }

    @Test
    void functionalIdsAreActiveAtOnceUseKeysOnlyAndBelongToOneAccount() throws Exception {
        Answer invited = invite(owner, accountId, "build-bot@example.com", true);
        assertThat(invited.status()).isEqualTo(202);
        JsonNode bot = invited.body().get("resources").get(0);
        assertThat(bot.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(bot.get("functional").asBoolean()).isTrue();
        assertThat(bot.has("invitation_token")).isFalse();
        String botId = bot.get("id").asText();
        Answer key = server.post("/v1/apikeys", owner, "{\"name\":\"bot\",\"iam_id\":\"" + botId + "\"}");
        assertThat(key.status()).as("an administrator makes a functional ID's keys").isEqualTo(201);
        String botToken = server.token(key.body().get("apikey").asText());
        assertThat(iamIdOf(botToken)).isEqualTo(botId);
        assertTokenError(passwordToken("build-bot@example.com", "correct horse battery staple", null),
                "BXNIM0602E", "incorrect");
        JsonNode profile = server.get("/v2/accounts/" + accountId + "/users/" + botId, botToken).body();
        assertThat(profile.get("functional").asBoolean()).isTrue();

        String member = newPerson("not-an-owner@example.com");
        assertBadRequest(server.post("/v1/apikeys", member, "{\"name\":\"x\",\"iam_id\":\"" + botId + "\"}"),
                403, "functional ID");
        Fixtures.Person otherOwner = new Fixtures(server).accountWithOwner();
        assertBadRequest(invite(server.token(otherOwner.apikey()), otherOwner.accountId(),
                "build-bot@example.com", false), 400, "one account only");
    }

    @Test
    void listingPagesWithStartAndShowsOnlyYourselfWithoutTheReadRole() throws Exception {
        String member = newPerson("lister@example.com");
        newPerson("listed-1@example.com");
        newPerson("listed-2@example.com");
        JsonNode page1 = server.get("/v2/accounts/" + accountId + "/users?limit=2", owner).body();
        assertThat(page1.get("limit").asInt()).isEqualTo(2);
        assertThat(page1.get("resources").size()).isEqualTo(2);
        assertThat(page1.get("total_results").asInt()).isGreaterThanOrEqualTo(4);
        String next = page1.get("next_url").asText();
        assertThat(next).contains("_start=");
        JsonNode page2 = server.get(next.substring(server.url.length()), owner).body();
        assertThat(page2.get("resources").get(0).get("iam_id").asText())
                .isNotEqualTo(page1.get("resources").get(0).get("iam_id").asText());

        JsonNode own = server.get("/v2/accounts/" + accountId + "/users", member).body();
        assertThat(own.get("resources")).hasSize(1);
        assertThat(own.get("resources").get(0).get("iam_id").asText()).isEqualTo(iamIdOf(member));
        assertBadRequest(server.get("/v2/accounts/" + accountId + "/users/" + iamIdOf(owner), member),
                403, "user-management.user.read");
        assertBadRequest(invite(member, accountId, "friend@example.com", false), 403, "invite");
    }

    /**
     * Keyset paging of members (decision 0038): following {@code next_url} visits every member once, in the order of
     * one big page, and a {@code _start} this server did not issue, or of the older offset form, is read as such.
     */
    @Test
    void followingNextUrlVisitsEveryMemberOnceAndForgedStartsAreRefused() {
        for (int i = 0; i < 5; i++) {
            assertThat(invite(owner, accountId, "paged-" + i + "@example.com", false).status()).isEqualTo(202);
        }
        String path = "/v2/accounts/" + accountId + "/users";
        List<String> all = server.get(path + "?limit=100", owner).body().get("resources").findValuesAsText("iam_id");
        assertThat(all).hasSizeGreaterThanOrEqualTo(6).doesNotHaveDuplicates();
        List<JsonNode> pages = follow(server.get(path + "?limit=2", owner).body(), "next_url", path, "_start");
        assertThat(pages.stream().flatMap(page -> page.get("resources").findValuesAsText("iam_id").stream()))
                .containsExactlyElementsOf(all);
        assertThat(pages).allSatisfy(page -> assertThat(page.get("total_results").asInt()).isEqualTo(all.size()));
        assertThat(pages.getLast().has("next_url")).isFalse();
        assertThat(server.get(path + "?limit=2&_start=" + Paging.token(2), owner).body().get("resources")
                .findValuesAsText("iam_id")).as("a _start of the older offset form is still an offset")
                .containsExactlyElementsOf(all.subList(2, 4));
        String start = pages.getFirst().get("next_url").asText().replaceAll(".*_start=([^&]*).*", "$1");
        for (String forged : List.of(start.substring(0, start.length() - 3), start + "AAAA",
                PageToken.of(2, new PageToken.Position("created_at", false, false, "yesterday", "IBMid-x")),
                PageToken.of(2, new PageToken.Position("created_at", false, false, null, "IBMid-x")),
                PageToken.of(2, new PageToken.Position("created_at", false, true, "2026-01-01T00:00:00Z", "IBMid-x")),
                PageToken.of(2, new PageToken.Position("name", false, false, "2026-01-01T00:00:00Z", "IBMid-x")))) {
            assertThat(server.get(path + "?_start=" + forged, owner).status()).as(forged).isEqualTo(400);
        }
        assertBadRequest(server.get(path + "?_start=" + start + "AAAA", owner), 400, "'_start'");
    }

    @Test
    void anInvitationCanCarryTheInviteesAccessAndIsAllOrNothing() throws Exception {
        String viewer = Role.VIEWER.crn();
        Answer invited = server.post("/v2/accounts/" + accountId + "/users", owner, "{\"users\":[{\"email\":"
                + "\"with-access@example.com\"}],\"iam_policy\":[{\"type\":\"access\",\"roles\":[{\"role_id\":\""
                + viewer + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\"},{\"name\":\"serviceName\",\"value\":\"user-management\"}]}]}]}");
        assertThat(invited.status()).as(invited.raw()).isEqualTo(202);
        String iamId = invited.body().get("resources").get(0).get("id").asText();
        JsonNode policies = server.get("/v1/policies?account_id=" + accountId + "&iam_id=" + iamId, owner).body();
        assertThat(policies.get("policies")).hasSize(1);
        assertThat(policies.get("policies").get(0).get("roles").get(0).get("role_id").asText()).isEqualTo(viewer);

        String member = newPerson("cannot-grant@example.com");
        Answer refused = server.post("/v2/accounts/" + accountId + "/users", member, "{\"users\":[{\"email\":"
                + "\"never@example.com\"}],\"iam_policy\":[{\"type\":\"access\",\"roles\":[{\"role_id\":\""
                + viewer + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\"}]}]}]}");
        assertThat(refused.status()).isEqualTo(403);
        fixtures.grant(accountId, iamIdOf(member), "user-management", Role.EDITOR);
        Answer overreach = server.post("/v2/accounts/" + accountId + "/users", member, "{\"users\":[{\"email\":"
                + "\"overreach@example.com\"}],\"iam_policy\":[{\"type\":\"access\",\"roles\":[{\"role_id\":\""
                + Role.ADMINISTRATOR.crn() + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\""
                + accountId + "\"},{\"name\":\"serviceName\",\"value\":\"iam-identity\"}]}]}]}");
        assertThat(overreach.status()).as("an Editor on user-management may invite but not grant iam-identity access")
                .isEqualTo(403);
        assertThat(server.get("/v2/accounts/" + accountId + "/users?limit=100", owner).raw())
                .doesNotContain("overreach@example.com").doesNotContain("never@example.com");
    }

    @Test
    void badInvitationsAreRefusedAndWriteNothing() {
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner, "{}"), 400, "'users'");
        assertBadRequest(invite(owner, accountId, "not-an-email", false), 400, "'email'");
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner,
                "{\"users\":[{\"email\":\"ok@example.com\"},{\"email\":\"bad\"}]}"), 400, "'email'");
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner,
                "{\"users\":[{\"email\":\"ok@example.com\"},{\"email\":\"long@example.com\",\"lastname\":\""
                        + "x".repeat(129) + "\"}]}"), 400, "'lastname' must be at most 128 characters");
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner,
                "{\"users\":[{\"email\":\"long@example.com\",\"firstname\":\"" + "x".repeat(129) + "\"}]}"), 400,
                "'firstname' must be at most 128 characters");
        assertThat(server.get("/v2/accounts/" + accountId + "/users?limit=100", owner).raw()).doesNotContain("ok@example.com")
                .doesNotContain("long@example.com");
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner,
                "{\"users\":[{\"email\":\"x@example.com\"}],\"access_groups\":[\"AccessGroupId-1\"]}"), 400,
                "'AccessGroupId-1', which is not an access group of account");
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner,
                "{\"users\":[{\"email\":1}]}"), 400, "'users[0].email' must be a string");
        assertBadRequest(accept("lkinv_nonsense", "correct horse battery staple"), 400, "invitation");
        assertBadRequest(server.post("/v2/accounts/" + "f".repeat(32) + "/users", owner,
                "{\"users\":[{\"email\":\"x@example.com\"}]}"), 403, "invite");
    }

    @Test
    void platformAdministratorsCreateAccountsMembersReadTheirs() throws Exception {
        Answer created = server.post("/v1/accounts", owner, "{\"name\":\"Second\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String second = created.body().get("id").asText();
        assertThat(second).matches("[0-9a-f]{32}");
        assertThat(server.get("/v1/accounts", owner).body().get("accounts").findValuesAsText("id"))
                .contains(accountId, second);
        Map<String, String> form = Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey, "account", second);
        assertThat(accountOf(server.tokenRequest(form, Map.of()).body().get("access_token").asText())).isEqualTo(second);

        String member = newPerson("account-reader@example.com");
        assertBadRequest(server.post("/v1/accounts", member, "{\"name\":\"Mine\"}"), 403, "platform administrator");
        assertThat(server.get("/v1/accounts/" + accountId, member).status()).isEqualTo(200);
        assertThat(server.get("/v1/accounts/" + second, member).status()).isEqualTo(404);
        assertBadRequest(server.post("/v1/accounts", owner, "{\"name\":\"\"}"), 400, "'name'");
        assertBadRequest(server.post("/v1/accounts", owner, "{\"name\":\"x\",\"owner_iam_id\":\"IBMid-NOPE\"}"),
                400, "'owner_iam_id'");
    }
}
