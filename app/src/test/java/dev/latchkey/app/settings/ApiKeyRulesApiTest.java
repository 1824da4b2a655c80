package dev.latchkey.app.settings;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.InactiveKeySweep;
import dev.latchkey.core.common.MutableClock;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Latchkey's API key rules beside IBM's settings (decision 0033) on a real server whose clock the test moves, with
 * real SMTP (GreenMail): the two settings in the settings routes, the lifetime rule on {@code /v1/apikeys} and its
 * report, and the inactivity sweep's warning, disabling and mail.
 */
class ApiKeyRulesApiTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());
    static final DateTimeFormatter IBM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxx").withZone(ZoneOffset.UTC);

    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final MutableClock clock = new MutableClock(t0);
    TestServer server;
    Fixtures fixtures;
    Person owner;
    Person member;
    String path;

    @BeforeEach
    void start() {
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()
                .withSmtp(NotificationTestKit.smtp(MAIL.getSmtp().getPort()))), clock);
        fixtures = new Fixtures(server);
        owner = fixtures.accountWithOwner();
        member = fixtures.member(owner.accountId());
        path = "/v1/accounts/" + owner.accountId() + "/settings/identity";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Answer putSettings(String json) {
        String token = server.token(owner.apikey());
        String tag = server.get(path, token).header("Etag");
        return server.call("PUT", path, token, json, Map.of("If-Match", tag));
    }

    Answer createKey(String token, String iamId, String name, Instant expiresAt) {
        return server.post("/v1/apikeys", token, "{\"name\":\"" + name + "\",\"iam_id\":\"" + iamId + "\""
                + (expiresAt == null ? "" : ",\"expires_at\":\"" + IBM.format(expiresAt) + "\"") + "}");
    }

    List<MimeMessage> deliver(int count) {
        server.wiring.notifications().dispatcher().runOnce();
        assertThat(MAIL.waitForIncomingEmail(5_000, count)).as("%d mails arrive", count).isTrue();
        return Arrays.asList(MAIL.getReceivedMessages());
    }

    @Test
    void theSettingsAreStringsLikeIbmsEchoedInEffectiveSettingsAndRecordedInHistory() {
        Answer put = putSettings("{\"apikey_max_lifetime_days\":\"90\",\"apikey_disable_after_inactive_days\":\"30\"}");
        assertThat(put.status()).as(put.raw()).isEqualTo(200);
        assertThat(put.body().get("apikey_max_lifetime_days").asText()).isEqualTo("90");
        assertThat(put.body().get("apikey_disable_after_inactive_days").asText()).isEqualTo("30");
        String token = server.token(owner.apikey());
        JsonNode effective = server.get("/v1/accounts/" + owner.accountId() + "/effective_settings/identity"
                + "?include_history=true", token).body();
        assertThat(effective.at("/effective/apikey_max_lifetime_days").asText()).isEqualTo("90");
        assertThat(effective.at("/account/apikey_disable_after_inactive_days").asText()).isEqualTo("30");
        JsonNode history = effective.at("/account/history/0");
        assertThat(history.get("params")).extracting(JsonNode::asText)
                .containsExactly("apikey_max_lifetime_days", "apikey_disable_after_inactive_days");
        assertThat(history.get("message").asText()).contains("apikey_max_lifetime_days: 'NOT_SET' → '90'",
                "apikey_disable_after_inactive_days: 'NOT_SET' → '30'");

        assertThat(putSettings("{\"apikey_max_lifetime_days\":\"NOT_SET\"}").body().get("apikey_max_lifetime_days")
                .asText()).isEqualTo("NOT_SET");
        Answer stale = server.call("PUT", path, token, "{\"apikey_max_lifetime_days\":\"7\"}",
                Map.of("If-Match", put.header("Etag")));
        assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
        assertThat(server.get(path, token).body().get("apikey_max_lifetime_days").asText()).isEqualTo("NOT_SET");
    }

    @Test
    void keysMustExpireWithinTheLifetimeAndOlderKeysAreReportedToAdministratorsOnly() {
        String memberToken = server.token(member.apikey());
        assertThat(putSettings("{\"apikey_max_lifetime_days\":\"30\"}").status()).isEqualTo(200);
        assertBadRequest(createKey(memberToken, member.iamId(), "forever", null), 400,
                "Field 'expires_at' is required: account setting apikey_max_lifetime_days is 30");
        assertBadRequest(createKey(memberToken, member.iamId(), "long", t0.plus(Duration.ofDays(31))), 400,
                "Field 'expires_at' must be no later than");
        Answer fits = createKey(memberToken, member.iamId(), "fits", t0.plus(Duration.ofDays(29)));
        assertThat(fits.status()).as(fits.raw()).isEqualTo(201);
        String id = fits.body().get("id").asText();
        Answer longer = server.call("PUT", "/v1/apikeys/" + id, memberToken, "{\"expires_at\":\""
                + IBM.format(t0.plus(Duration.ofDays(40))) + "\"}", Map.of("If-Match", fits.header("Etag")));
        assertBadRequest(longer, 400, "'expires_at' must be no later than");
        Answer removed = server.call("PUT", "/v1/apikeys/" + id, memberToken, "{\"expires_at\":\"\"}",
                Map.of("If-Match", fits.header("Etag")));
        assertBadRequest(removed, 400, "'expires_at' cannot be removed");
        assertThat(server.tokenFor(member.apikey()).status()).as("keys made before the rule still work")
                .isEqualTo(200);

        String report = path + "/long_lived_apikeys";
        Answer answer = server.get(report + "?pagesize=1", server.token(owner.apikey()));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("apikey_max_lifetime_days").asText()).isEqualTo("30");
        JsonNode first = answer.body().get("apikeys").get(0);
        assertThat(first.get("iam_id").asText()).isIn(owner.iamId(), member.iamId());
        assertThat(first.has("expires_at")).as("no expiry").isFalse();
        assertThat(first.get("latest_allowed_expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000");
        assertThat(first.has("apikey")).as("never a value").isFalse();
        String next = answer.body().get("next").asText();
        JsonNode second = server.get(next.substring(next.indexOf("/v1/")), server.token(owner.apikey())).body();
        assertThat(second.get("apikeys")).hasSize(1);
        assertThat(second.has("next")).isFalse();
        assertThat(server.get(report, memberToken).status()).isEqualTo(403);
        Person admin = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        assertThat(server.get(report, server.token(admin.apikey())).body().get("apikeys")).hasSize(3);
        assertBadRequest(server.get(report + "?pagesize=0", memberToken), 400, "'pagesize'");
    }

    @Test
    void anUnusedKeyIsWarnedByMailSevenDaysAheadThenDisabledBySystemOnceAndAUsedKeyIsLeftAlone() throws Exception {
        assertThat(putSettings("{\"apikey_disable_after_inactive_days\":\"30\"}").status()).isEqualTo(200);
        InactiveKeySweep sweep = server.wiring.inactiveKeys();
        clock.advance(Duration.ofDays(23).plusMinutes(1));
        server.token(owner.apikey()); // the owner's key is used: it stays enabled throughout
        server.wiring.flushActivity();
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(1, 0));
        assertThat(sweep.runOnce()).as("once").isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        List<MimeMessage> warnings = deliver(2);
        assertThat(warnings).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder(fixtures.email(member.iamId()), fixtures.email(owner.iamId()));
        String body = GreenMailUtil.getBody(warnings.getFirst());
        assertThat(warnings.getFirst().getSubject()).contains("will be disabled in 7 days unless it is used");
        assertThat(body).contains("Last used:", "keys unused for 30 days are disabled").doesNotContain(member.apikey());

        clock.advance(Duration.ofDays(7));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 1));
        assertThat(sweep.runOnce()).isEqualTo(new InactiveKeySweep.Outcome(0, 0));
        assertThat(server.tokenFor(member.apikey()).status()).as("disabled").isEqualTo(400);
        assertThat(server.tokenFor(owner.apikey()).status()).as("used 7 days ago").isEqualTo(200);
        MAIL.purgeEmailFromAllMailboxes();
        List<MimeMessage> disabled = deliver(2);
        assertThat(disabled.getFirst().getSubject()).contains("was disabled because it was not used");

        String ownerNow = server.token(owner.apikey());
        JsonNode keys = server.get("/v1/apikeys?scope=account&include_history=true", ownerNow).body().get("apikeys");
        JsonNode memberKey = null;
        for (JsonNode key : keys) {
            if (key.get("iam_id").asText().equals(member.iamId())) {
                memberKey = key;
            }
        }
        assertThat(memberKey).isNotNull();
        assertThat(memberKey.get("disabled").asBoolean()).isTrue();
        JsonNode last = memberKey.get("history").get(memberKey.get("history").size() - 1);
        assertThat(last.get("iam_id").asText()).isEqualTo("system");
        assertThat(last.get("action").asText()).isEqualTo("disable");
    }
}
