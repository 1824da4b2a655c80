package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notification mail over real SMTP (GreenMail): who gets it, what it says, that it never holds the key, and that it
 * commits or rolls back with the change it reports. Delivery is driven by calling the dispatcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationMailTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    static final DateTimeFormatter IBM = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxx").withZone(ZoneOffset.UTC);

    TestServer server;
    NotificationTestKit kit;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()
                .withSmtp(NotificationTestKit.smtp(MAIL.getSmtp().getPort()))));
        kit = new NotificationTestKit(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void emptyMailbox() throws Exception {
        kit.deliver();
        MAIL.purgeEmailFromAllMailboxes();
    }

    List<MimeMessage> receive(int count) {
        kit.deliver();
        assertThat(MAIL.waitForIncomingEmail(5_000, count)).as("%d mails arrive", count).isTrue();
        return Arrays.asList(MAIL.getReceivedMessages());
    }

    static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage m) {
        try {
            return m.getContent().toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyDeletedByAnAdministratorIsMailedToItsOwnerAndEveryAdministratorWithoutItsValue() throws Exception {
        Key key = kit.memberKey("deploy-bot");
        assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);

        List<MimeMessage> mails = receive(3);
        assertThat(mails).extracting(NotificationMailTest::recipient).containsExactlyInAnyOrder(
                kit.fixtures.email(kit.member.iamId()), kit.fixtures.email(kit.admin.iamId()),
                NotificationTestKit.OWNER_EMAIL);
        for (MimeMessage mail : mails) {
            assertThat(mail.getFrom()[0].toString()).isEqualTo("latchkey@test.local");
            assertThat(subject(mail)).isEqualTo("[Latchkey] API key \"deploy-bot\" (" + key.displayPrefix()
                    + "…) was deleted by someone else");
            assertThat(text(mail)).contains(key.id(), "deploy-bot", key.displayPrefix(), kit.admin.iamId(),
                    "What to do next:");
            assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(key.value())
                    .doesNotContain(key.value().substring(7, 30));
        }
        assertThat(kit.notifications("delivered")).filteredOn(n -> n.get("apikey_id").asText().equals(key.id()))
                .hasSize(3).allSatisfy(n -> {
                    assertThat(n.get("channel").asText()).isEqualTo("email");
                    assertThat(n.get("type").asText()).isEqualTo("apikey.deleted_by_other");
                    assertThat(n.get("attempts").asInt()).isEqualTo(1);
                });
    }

    @Test
    void removingAUserOrDeletingAServiceIdReportsEveryKeyItDeletes() throws Exception {
        Fixtures.Person leaving = kit.fixtures.member(kit.accountId);
        Key second = kit.keyOf(server.token(leaving.apikey()), leaving.iamId(), "leaving-bot", null);
        assertThat(server.delete("/v2/accounts/" + kit.accountId + "/users/" + leaving.iamId(), kit.ownerToken)
                .status()).isEqualTo(204);
        List<MimeMessage> mails = receive(6);
        assertThat(mails).extracting(NotificationMailTest::recipient).containsOnly(
                kit.fixtures.email(leaving.iamId()), kit.fixtures.email(kit.admin.iamId()),
                NotificationTestKit.OWNER_EMAIL);
        assertThat(mails).extracting(NotificationMailTest::subject).filteredOn(s -> s.contains("\"leaving-bot\""))
                .hasSize(3).allSatisfy(s -> assertThat(s).endsWith("was deleted by someone else"));
        assertThat(mails).allSatisfy(m -> assertThat(GreenMailUtil.getWholeMessage(m)).doesNotContain(second.value())
                .doesNotContain(leaving.apikey()));
        MAIL.purgeEmailFromAllMailboxes();

        String serviceId = server.post("/v1/serviceids", kit.ownerToken, "{\"account_id\":\"" + kit.accountId
                + "\",\"name\":\"retired-app\"}").body().get("id").asText();
        Key appKey = kit.keyOf(kit.ownerToken, IamIds.ofServiceId(serviceId), "app-key", null);
        assertThat(server.delete("/v1/serviceids/" + serviceId, kit.ownerToken).status()).isEqualTo(204);
        assertThat(receive(2)).extracting(NotificationMailTest::recipient).as("the administrators; a service ID has "
                + "no mailbox").containsExactlyInAnyOrder(kit.fixtures.email(kit.admin.iamId()),
                NotificationTestKit.OWNER_EMAIL);
        assertThat(kit.notifications(null)).filteredOn(n -> n.get("apikey_id").asText().equals(appKey.id()))
                .extracting(n -> n.get("type").asText()).containsOnly("apikey.deleted_by_other");
    }

    @Test
    void anAdministratorOfAllIamServicesIsToldToo() throws Exception {
        Fixtures.Person groupAdmin = kit.fixtures.member(kit.accountId);
        Answer policy = server.post("/v1/policies", kit.ownerToken, "{\"type\":\"access\",\"subjects\":[{"
                + "\"attributes\":[{\"name\":\"iam_id\",\"value\":\"" + groupAdmin.iamId() + "\"}]}],\"roles\":[{"
                + "\"role_id\":\"crn:v1:bluemix:public:iam::::role:Administrator\"}],\"resources\":[{\"attributes\":["
                + "{\"name\":\"accountId\",\"value\":\"" + kit.accountId + "\"},{\"name\":\"service_group_id\","
                + "\"value\":\"IAM\"}]}]}");
        assertThat(policy.status()).as(policy.raw()).isEqualTo(201);
        Key key = kit.memberKey("watched");
        assertThat(server.delete("/v1/apikeys/" + key.id(), kit.ownerToken).status()).isEqualTo(204);
        assertThat(receive(4)).extracting(NotificationMailTest::recipient).containsExactlyInAnyOrder(
                kit.fixtures.email(kit.member.iamId()), kit.fixtures.email(kit.admin.iamId()),
                NotificationTestKit.OWNER_EMAIL, kit.fixtures.email(groupAdmin.iamId()));
        assertThat(server.delete("/v1/policies/" + policy.body().get("id").asText(), kit.ownerToken).status())
                .isEqualTo(204);
    }

    @Test
    void disablingSomeoneElsesKeyIsMailedAndDisablingOrDeletingYourOwnIsNot() throws Exception {
        Key theirs = kit.memberKey("theirs");
        Key own = kit.memberKey("own");
        assertThat(server.post("/v1/apikeys/" + own.id() + "/disable", kit.memberToken, null).status()).isEqualTo(204);
        assertThat(server.delete("/v1/apikeys/" + own.id(), kit.memberToken).status()).isEqualTo(204);
        assertThat(server.post("/v1/apikeys/" + theirs.id() + "/disable", kit.adminToken, null).status())
                .isEqualTo(204);
        List<MimeMessage> mails = receive(3);
        assertThat(mails).extracting(NotificationMailTest::subject).containsOnly("[Latchkey] API key \"theirs\" ("
                + theirs.displayPrefix() + "…) was disabled by someone else");
        assertThat(kit.notifications(null)).noneMatch(n -> n.get("apikey_id").asText().equals(own.id()));
        assertThat(text(mails.get(0))).contains("DELETE " + server.url + "/v1/apikeys/" + theirs.id() + "/disable");
    }

    @Test
    void aKeyRotatedByItsOwnIdentityIsMailedToItsUserAloneWithTheGraceEnd() throws Exception {
        Key key = kit.memberKey("self-rotated");
        Answer rotated = server.post("/v1/apikeys/" + key.id() + "/rotate", kit.memberToken, "{\"grace_seconds\":3600}");
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        String newValue = rotated.body().get("apikey").asText();

        MimeMessage mail = receive(1).getFirst();
        assertThat(recipient(mail)).isEqualTo(kit.fixtures.email(kit.member.iamId()));
        assertThat(subject(mail)).isEqualTo("[Latchkey] API key \"self-rotated\" (" + newValue.substring(0, 7)
                + "…) was rotated");
        assertThat(text(mail)).contains("the previous value works until ", "when the previous value stops working",
                "Done by:", kit.member.iamId(), "If you did not rotate it", "because you own this API key.")
                .doesNotContain("by someone else", "administer");
        assertThat(GreenMailUtil.getWholeMessage(mail)).doesNotContain(key.value()).doesNotContain(newValue)
                .doesNotContain(newValue.substring(7, 30));
        assertThat(kit.notifications(null)).filteredOn(n -> key.id().equals(n.path("apikey_id").asText()))
                .singleElement().satisfies(n -> {
                    assertThat(n.get("type").asText()).isEqualTo("apikey.rotated");
                    assertThat(n.get("channel").asText()).isEqualTo("email");
                });
        assertThat(MAIL.getReceivedMessages()).as("no administrator is mailed").hasSize(1);
    }

    @Test
    void aServiceIdKeyHasNoPersonalRecipientOnlyTheAdministrators() {
        String serviceId = "iam-ServiceId-" + java.util.UUID.randomUUID();
        String keyId = kit.fixtures.insertKey(kit.accountId, serviceId, null, false, false).getKey();
        assertThat(server.delete("/v1/apikeys/" + keyId, kit.adminToken).status()).isEqualTo(204);
        assertThat(receive(2)).extracting(NotificationMailTest::recipient).containsExactlyInAnyOrder(
                NotificationTestKit.OWNER_EMAIL, kit.fixtures.email(kit.admin.iamId()));
    }

    @Test
    void aLeakResponseEnqueuedInTheTransactionOfItsKeyChangeCommitsWithItAndRollsBackWithIt() {
        Key key = kit.memberKey("leaky");
        JdbcApiKeyStore keys = new JdbcApiKeyStore(server.wiring.database().jdbi(), server.wiring.database().changes(),
                server.wiring.database().isPostgres());
        NotificationService notifications = server.wiring.notifications().service();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        assertThatThrownBy(() -> server.wiring.database().inTransaction(() -> {
            ApiKey k = keys.find(key.id()).orElseThrow();
            keys.update(k.withDisabled(true, now), k.version(), new HistoryEntry(now, "leak-response", k.accountId(),
                    "disable", List.of(), "disabled: leaked"));
            notifications.enqueue(leak(k, now));
            throw new IllegalStateException("the leak response failed after enqueueing");
        })).hasMessageContaining("failed after enqueueing");
        assertThat(keys.find(key.id()).orElseThrow().disabled()).isFalse();
        assertThat(kit.notifications(null)).noneMatch(n -> n.get("apikey_id").asText().equals(key.id()));

        String eventId = server.wiring.database().inTransaction(() -> {
            ApiKey k = keys.find(key.id()).orElseThrow();
            keys.update(k.withDisabled(true, now), k.version(), new HistoryEntry(now, "leak-response", k.accountId(),
                    "disable", List.of(), "disabled: leaked"));
            return notifications.enqueue(leak(k, now));
        });
        assertThat(keys.find(key.id()).orElseThrow().disabled()).isTrue();
        List<MimeMessage> mails = receive(3);
        assertThat(mails).allSatisfy(m -> {
            assertThat(subject(m)).contains("was found exposed and has been disabled");
            assertThat(text(m)).contains("https://github.com/acme/app/blob/main/.env", "github-secret-scanning",
                    "the key was disabled", "Rotate the key", "last_authn", eventId);
        });
    }

    static KeyEvent leak(ApiKey k, Instant now) {
        return KeyEvent.leaked(k.accountId(), k.id(), k.name(), k.displayPrefix(), k.iamId(),
                "https://github.com/acme/app/blob/main/.env", "github-secret-scanning", KeyEvent.Action.DISABLED,
                k.expiresAt(), now);
    }

    @Test
    void noRenderedMessageOfAnyKindContainsTheKeyValue() throws Exception {
        String endpoint = server.post("/v1/accounts/" + kit.accountId + "/notification_endpoints", kit.ownerToken,
                "{\"url\":\"http://127.0.0.1:9/never-answers\"}").body().get("id").asText();
        try {
            Key key = kit.keyOf(kit.memberToken, kit.member.iamId(), "every-kind",
                    IBM.format(Instant.now().plus(3, ChronoUnit.DAYS)));
            assertThat(server.wiring.notifications().expiry().runOnce()).isEqualTo(1);
            JsonNode read = server.get("/v1/apikeys/" + key.id(), kit.memberToken).body();
            assertThat(server.call("PUT", "/v1/apikeys/" + key.id(), kit.memberToken, "{\"expires_at\":\""
                    + IBM.format(Instant.now().plus(10, ChronoUnit.HOURS)) + "\"}",
                    Map.of("If-Match", read.get("entity_tag").asText())).status()).isEqualTo(200);
            assertThat(server.wiring.notifications().expiry().runOnce()).isEqualTo(1);
            ApiKey stored = new JdbcApiKeyStore(server.wiring.database().jdbi(), server.wiring.database().changes(),
                server.wiring.database().isPostgres()).find(key.id()).orElseThrow();
            server.wiring.notifications().service().enqueue(leak(stored, Instant.now()));
            KeyEvent.Inactivity idle = new KeyEvent.Inactivity(stored.createdAt(), 30, Instant.now().plus(7,
                    ChronoUnit.DAYS));
            for (KeyEvent.Kind kind : List.of(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS,
                    KeyEvent.Kind.DISABLED_FOR_INACTIVITY)) {
                server.wiring.notifications().service().enqueue(KeyEvent.inactive(kind, stored.accountId(),
                        stored.id(), stored.name(), stored.displayPrefix(), stored.iamId(), stored.expiresAt(), idle,
                        Instant.now()));
            }
            Answer own = server.post("/v1/apikeys/" + key.id() + "/rotate", kit.memberToken, "{\"grace_seconds\":60}");
            assertThat(own.status()).as(own.raw()).isEqualTo(201);
            Answer byAdmin = server.post("/v1/apikeys/" + key.id() + "/rotate", kit.adminToken, "{}");
            assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(201);
            List<String> values = List.of(key.value(), own.body().get("apikey").asText(),
                    byAdmin.body().get("apikey").asText());
            assertThat(server.post("/v1/apikeys/" + key.id() + "/disable", kit.adminToken, null).status()).isEqualTo(204);
            assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);

            List<Map<String, Object>> rows = server.wiring.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT event_type, channel, subject, body FROM notification_outbox WHERE subject_id = :id "
                            + "AND event_type LIKE 'apikey.%'").bind("id", key.id()).mapToMap().list());
            assertThat(rows.stream().map(r -> r.get("event_type")).collect(Collectors.toSet()))
                    .as("every kind was rendered").hasSize(KeyEvent.Kind.values().length);
            assertThat(rows.stream().map(r -> r.get("channel")).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("email", "webhook");
            List<String> texts = new java.util.ArrayList<>();
            rows.forEach(r -> texts.add(r.get("subject") + "\n" + r.get("body")));
            // eight events for the member and both administrators (the two expiry warnings, the leak, the two
            // inactivity notices, and the rotation, disabling and deletion by an administrator: 24), and the member's
            // own rotation for the member alone
            int expectedMails = 8 * 3 + 1;
            for (MimeMessage mail : receive(expectedMails)) {
                texts.add(GreenMailUtil.getWholeMessage(mail));
            }
            assertThat(texts).hasSizeGreaterThanOrEqualTo(rows.size() + expectedMails);
            for (String text : texts) {
                for (String value : values) {
                    assertThat(text).doesNotContain(value);
                    for (int i = 3; i + 12 <= value.length(); i++) {
                        assertThat(text).as("no 12 characters of a key value after its prefix")
                                .doesNotContain(value.substring(i, i + 12));
                    }
                }
            }
        } finally {
            server.delete("/v1/accounts/" + kit.accountId + "/notification_endpoints/" + endpoint, kit.ownerToken);
        }
    }
}
