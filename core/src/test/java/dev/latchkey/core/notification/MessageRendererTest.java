package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
    final MessageRenderer renderer = new MessageRenderer("https://iam.example.com/");

    @Test
    void aLeakMailNamesTheKeyWhereItWasSeenWhatWasDoneAndWhatToDo() {
        KeyEvent event = KeyEvent.leaked("a".repeat(32), "ApiKey-1", "deploy-bot", "lk_AbCd", "IBMid-OWNER00001",
                "https://github.com/acme/app/blob/main/.env", "github", KeyEvent.Action.DISABLED, null, AT);
        MessageRenderer.Rendered r = renderer.render("event-1", event);
        assertThat(r.subject()).isEqualTo(
                "[Latchkey] API key \"deploy-bot\" (lk_AbCd…) was found exposed and has been disabled");
        assertThat(r.mailBody()).contains("ApiKey-1", "deploy-bot", "lk_AbCd", "https://github.com/acme/app/blob/main/.env",
                        "github", "the key was disabled", "event-1", "Rotate the key",
                        "GET https://iam.example.com/v1/apikeys/ApiKey-1?include_activity=true", "last_authn",
                        "DELETE https://iam.example.com/v1/apikeys/ApiKey-1/disable")
                .doesNotContain("//v1");
        assertThat(r.json()).startsWith("{\"event_id\":\"event-1\",\"type\":\"apikey.leaked\",")
                .contains("\"display_prefix\":\"lk_AbCd\"", "\"action_taken\":\"disabled\"",
                        "\"sighting\":{\"url\":\"https://github.com/acme/app/blob/main/.env\",\"source\":\"github\"}");
    }

    @Test
    void inactivityEventsSayWhenTheKeyWasLastUsedAndWhenItIsDisabled() {
        KeyEvent.Inactivity facts = new KeyEvent.Inactivity(AT.minusSeconds(86_400L * 23), 30, AT.plusSeconds(86_400L * 7));
        MessageRenderer.Rendered warning = renderer.render("e", KeyEvent.inactive(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS,
                "a".repeat(32), "ApiKey-1", "ci", "lk_AbCd", "IBMid-USER000001", null, facts, AT));
        assertThat(warning.subject()).isEqualTo("[Latchkey] API key \"ci\" (lk_AbCd…) will be disabled in 7 days unless it is used");
        assertThat(warning.mailBody()).contains("Last used:", facts.lastUsedAt().toString(), "Disabled from:",
                facts.disableAt().toString(), "keys unused for 30 days are disabled");
        assertThat(warning.json()).contains("\"type\":\"apikey.inactive_disable_in_7_days\"", "\"inactivity\":{"
                + "\"last_used_at\":\"" + facts.lastUsedAt() + "\",\"inactive_days\":30,\"disable_at\":\""
                + facts.disableAt() + "\"}").doesNotContain("action_taken");
        MessageRenderer.Rendered done = renderer.render("e", KeyEvent.inactive(KeyEvent.Kind.DISABLED_FOR_INACTIVITY,
                "a".repeat(32), "ApiKey-1", "ci", "lk_AbCd", "IBMid-USER000001", null, facts, AT));
        assertThat(done.subject()).endsWith("was disabled because it was not used");
        assertThat(done.mailBody()).contains("Disabled at:", "Action taken:", "DELETE https://iam.example.com/v1/apikeys/ApiKey-1/disable");
        assertThat(done.json()).contains("\"type\":\"apikey.disabled_for_inactivity\"", "\"action_taken\":\"disabled\"");
    }

    @Test
    void everyKindAndActionRendersWithItsOwnHeadlineAndAdvice() {
        for (KeyEvent.Kind kind : KeyEvent.Kind.values()) {
            for (KeyEvent.Action action : KeyEvent.Action.values()) {
                KeyEvent event = new KeyEvent(kind, "a".repeat(32), "ApiKey-1", "n", "lk_AbCd", "iam-ServiceId-1",
                        "IBMid-ADMIN00001", null, null, action, AT.plusSeconds(86_400), AT);
                MessageRenderer.Rendered r = renderer.render("e", event);
                assertThat(r.subject()).startsWith("[Latchkey] API key \"n\" (lk_AbCd…) ");
                assertThat(r.mailBody()).contains("What to do next:\n  1. ", "(a service ID)", "ApiKey-1");
                assertThat(r.json()).contains("\"type\":\"" + kind.wire() + "\"", "\"identity_type\":\"serviceid\"",
                        "\"next_steps\":[\"");
            }
        }
    }

    @Test
    void aRotationByTheKeysOwnIdentityIsAPlainNoticeWithTheGraceEnd() {
        Instant until = AT.plusSeconds(3600);
        KeyEvent self = KeyEvent.rotated("a".repeat(32), "ApiKey-1", "deploy-bot", "lk_NeWv", "IBMid-OWNER00001",
                null, AT, until);
        MessageRenderer.Rendered r = renderer.render("event-2", self);
        assertThat(r.subject()).isEqualTo("[Latchkey] API key \"deploy-bot\" (lk_NeWv…) was rotated");
        assertThat(r.mailBody()).contains("the key has a new value", "the previous value works until " + until,
                "before " + until, "Done by:", "If you did not rotate it", "because you own this API key.\n")
                .doesNotContain("someone else rotated", "by someone else");
        assertThat(r.json()).startsWith("{\"event_id\":\"event-2\",\"type\":\"apikey.rotated\",")
                .contains("\"previous_value_until\":\"" + until + "\"", "\"action_taken\":\"rotated\"");

        KeyEvent other = KeyEvent.rotatedByOther("a".repeat(32), "ApiKey-1", "deploy-bot", "lk_NeWv",
                "IBMid-OWNER00001", "IBMid-ADMIN00001", null, AT, null);
        assertThat(renderer.render("event-3", other).subject()).endsWith("was rotated by someone else");
        assertThat(renderer.render("event-4", KeyEvent.rotated("a".repeat(32), "ApiKey-1", "deploy-bot", "lk_NeWv",
                "IBMid-OWNER00001", null, AT, null)).mailBody()).contains("the previous value stopped working at once",
                "now: the previous value no longer works");
    }

    @Test
    void controlCharactersInANameCannotAddHeadersOrLinesAndQuotesAreEscaped() {
        KeyEvent event = KeyEvent.changedByOther(KeyEvent.Kind.DELETED_BY_OTHER, "a".repeat(32), "ApiKey-1",
                "evil\r\nBcc: attacker@example.com \"quoted\"\\", "lk_AbCd", "IBMid-OWNER00001", "IBMid-ADMIN00001",
                null, AT);
        MessageRenderer.Rendered r = renderer.render("e", event);
        assertThat(r.subject()).doesNotContain("\r", "\n").contains("evil  Bcc: attacker@example.com");
        assertThat(r.mailBody()).doesNotContain("\nBcc:");
        assertThat(r.json()).contains("\"name\":\"evil\\r\\nBcc: attacker@example.com \\\"quoted\\\"\\\\\"");
    }

    @Test
    void longNamesAreCutInTheSubject() {
        KeyEvent event = KeyEvent.changedByOther(KeyEvent.Kind.DISABLED_BY_OTHER, "a".repeat(32), "ApiKey-1",
                "x".repeat(256), "lk_AbCd", "IBMid-OWNER00001", "IBMid-ADMIN00001", null, AT);
        assertThat(renderer.render("e", event).subject()).contains("x".repeat(60) + "…\"").doesNotContain("x".repeat(61));
    }
}
