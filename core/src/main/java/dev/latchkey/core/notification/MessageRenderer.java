package dev.latchkey.core.notification;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.common.JsonText;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link KeyEvent} into the texts that are stored in the outbox: a mail subject and plain-text body, and a
 * JSON payload for webhooks, with the same facts and the same advice. Rendering happens when the event is
 * enqueued, so a message says what was true then, even if the key changes or disappears before delivery. Only
 * fields of the event are used, and the event has no key value, so no message can contain one. Also renders an
 * audit event into the payload delivered to the endpoints that subscribe to {@code audit}. Thread-safe.
 */
public final class MessageRenderer {
    private static final int MAX_NAME_IN_SUBJECT = 60;
    private static final int MAX_FIELD = 500;
    private static final int MAX_JSON_FIELD = 2048;
    private final String apiUrl;

    /** The texts of one event. */
    public record Rendered(String subject, String mailBody, String json) {
    }

    /** @param publicUrl the URL clients reach the server at, used in the advice; null leaves paths relative */
    public MessageRenderer(String publicUrl) {
        this.apiUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
    }

    public Rendered render(String eventId, KeyEvent event) {
        String subject = "[Latchkey] " + headline(event, clean(event.keyName(), MAX_NAME_IN_SUBJECT));
        List<String> steps = nextSteps(event);
        return new Rendered(subject, mailBody(eventId, event, steps), json(eventId, event, subject, steps));
    }

    private static String headline(KeyEvent e, String name) {
        String key = "API key \"" + name + "\" (" + e.displayPrefix() + "…)";
        return switch (e.kind()) {
            case LEAKED -> key + " was found exposed" + switch (e.actionTaken() == null ? KeyEvent.Action.NONE
                    : e.actionTaken()) {
                case DISABLED -> " and has been disabled";
                case DELETED -> " and has been deleted";
                case NONE -> " and still works";
                case ROTATED -> " and has been rotated";
            };
            case EXPIRES_IN_7_DAYS -> key + " expires within 7 days";
            case EXPIRES_IN_1_DAY -> key + " expires within a day";
            case DISABLED_BY_OTHER -> key + " was disabled by someone else";
            case DELETED_BY_OTHER -> key + " was deleted by someone else";
            case ROTATED_BY_OTHER -> key + " was rotated by someone else";
            case INACTIVE_DISABLE_IN_7_DAYS -> key + " will be disabled in 7 days unless it is used";
            case DISABLED_FOR_INACTIVITY -> key + " was disabled because it was not used";
            case ROTATED -> key + " was rotated";
        };
    }

    private String mailBody(String eventId, KeyEvent e, List<String> steps) {
        StringBuilder b = new StringBuilder();
        b.append("Hello,\n\n").append(headline(e, clean(e.keyName(), MAX_FIELD))).append(".\n\n");
        line(b, "Key name", clean(e.keyName(), MAX_FIELD));
        line(b, "Key ID", e.keyId());
        line(b, "Key starts with", e.displayPrefix() + "  (only the start is ever shown; the key itself is never sent)");
        line(b, "Authenticates as", e.identityIamId() + (e.identityIsServiceId() ? " (a service ID)" : " (a user)"));
        line(b, "Account", e.accountId());
        if (e.kind() == KeyEvent.Kind.LEAKED) {
            line(b, "Seen at", e.seenUrl() == null ? "not reported" : clean(e.seenUrl(), MAX_FIELD));
            line(b, "Reported by", e.seenSource() == null ? "not reported" : clean(e.seenSource(), MAX_FIELD));
        }
        if (e.actionTaken() != null) {
            line(b, "Action taken", switch (e.actionTaken()) {
                case NONE -> "none: the key still works (its action_when_leaked is none)";
                case DISABLED -> "the key was disabled: it cannot be exchanged for tokens";
                case DELETED -> "the key was deleted";
                case ROTATED -> "the key has a new value (it starts as shown above); " + previousValue(e);
            });
        }
        if (e.actorIamId() != null) {
            line(b, "Done by", e.actorIamId());
        }
        if (e.expiresAt() != null) {
            line(b, "Expires at", e.expiresAt().toString());
        }
        if (e.inactivity() != null) {
            line(b, "Last used", e.inactivity().lastUsedAt() + "  (last authentication, creation or enabling)");
            line(b, "Account rule", "keys unused for " + e.inactivity().inactiveDays()
                    + " days are disabled (apikey_disable_after_inactive_days)");
            line(b, e.kind() == KeyEvent.Kind.DISABLED_FOR_INACTIVITY ? "Disabled at" : "Disabled from",
                    e.inactivity().disableAt().toString());
        }
        line(b, "When", e.occurredAt().toString());
        line(b, "Event ID", eventId);
        b.append("\nWhat to do next:\n");
        for (int i = 0; i < steps.size(); i++) {
            b.append("  ").append(i + 1).append(". ").append(steps.get(i)).append('\n');
        }
        if (e.kind() == KeyEvent.Kind.ROTATED) {
            b.append("\nYou receive this because you own this API key.\n-- Latchkey\n");
        } else {
            b.append("\nYou receive this because you own this API key or administer the IAM Identity service of "
                    + "account ").append(e.accountId()).append(".\n-- Latchkey\n");
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append("  ").append(label).append(':').append(" ".repeat(Math.max(1, 18 - label.length()))).append(value)
                .append('\n');
    }

    private List<String> nextSteps(KeyEvent e) {
        String key = apiUrl + "/v1/apikeys/" + e.keyId();
        String activity = "Check whether it was used: GET " + key + "?include_activity=true shows last_authn (when the "
                + "key last authenticated) and authn_count; use you do not recognise means it was abused, so review what "
                + e.identityIamId() + " did since.";
        List<String> steps = new ArrayList<>();
        switch (e.kind()) {
            case LEAKED -> {
                KeyEvent.Action action = e.actionTaken() == null ? KeyEvent.Action.NONE : e.actionTaken();
                if (action == KeyEvent.Action.DELETED) {
                    steps.add("Create a new key and move every client to it: this key was deleted and no longer works.");
                    steps.add("Review what " + e.identityIamId() + " did since the key was exposed; the key's own "
                            + "last_authn was removed with it.");
                } else {
                    steps.add("Rotate the key: create a new key, move every client to it, then delete this one "
                            + "(DELETE " + key + ").");
                    steps.add(activity);
                    steps.add(action == KeyEvent.Action.DISABLED
                            ? "Re-enable it only after that review, and only if you are sure it was not exposed: "
                                    + "DELETE " + key + "/disable."
                            : "Disable it now unless you are sure the sighting is harmless: POST " + key + "/disable.");
                }
                steps.add("Remove the key from where it was seen, including any history that still holds it.");
            }
            case EXPIRES_IN_7_DAYS, EXPIRES_IN_1_DAY -> {
                steps.add("Create a replacement key and move every client to it before the key expires; an expired "
                        + "key cannot get tokens.");
                steps.add("Or give it a later expiry: PUT " + key + " with a new \"expires_at\" (send its Etag as If-Match).");
                steps.add("Check last_authn (GET " + key + "?include_activity=true): a key nobody uses can simply be "
                        + "deleted.");
            }
            case DISABLED_BY_OTHER -> {
                steps.add("Clients using this key cannot get tokens until it is enabled again.");
                steps.add("If you did not expect this, ask " + e.actorIamId() + " or your account administrators "
                        + "why: a key is often disabled because it was exposed.");
                steps.add(activity);
                steps.add("Re-enable it only after that review (DELETE " + key + "/disable), or rotate it: create a "
                        + "new key, move every client to it, and delete this one.");
            }
            case INACTIVE_DISABLE_IN_7_DAYS -> {
                steps.add("If the key is still needed, use it: any token exchange with it (POST " + apiUrl
                        + "/identity/token) counts as use and keeps it enabled.");
                steps.add("If nobody needs it any more, delete it now: DELETE " + key + ".");
                steps.add("Otherwise nothing is needed: it will be disabled, not deleted, and can be enabled again "
                        + "(DELETE " + key + "/disable).");
            }
            case DISABLED_FOR_INACTIVITY -> {
                steps.add("Clients using this key cannot get tokens until it is enabled again.");
                steps.add("If it is still needed, enable it (DELETE " + key + "/disable) and use it within the "
                        + "account's number of days; enabling counts as use.");
                steps.add("If nobody missed it, delete it: DELETE " + key + ".");
            }
            case DELETED_BY_OTHER -> {
                steps.add("The key no longer works; clients using it fail to get tokens.");
                steps.add("If you did not expect this, ask " + e.actorIamId() + " or your account administrators why.");
                steps.add("If the key is still needed, create a new one and move every client to it.");
            }
            case ROTATED_BY_OTHER -> {
                steps.add("Move every client to the new value" + (e.previousValueUntil() == null
                        ? " now: the previous value no longer works."
                        : " before " + e.previousValueUntil() + ", when the previous value stops working."));
                steps.add("The new value was shown once to " + e.actorIamId() + "; ask them for it, or rotate the key "
                        + "yourself (POST " + key + "/rotate) and keep the value this time.");
                steps.add("If you did not expect this, ask " + e.actorIamId() + " or your account administrators why: "
                        + "a key is often rotated because it was exposed.");
                steps.add(activity);
            }
            case ROTATED -> {
                steps.add("Move every client to the new value" + (e.previousValueUntil() == null
                        ? " now: the previous value no longer works."
                        : " before " + e.previousValueUntil() + ", when the previous value stops working."));
                steps.add("The new value was shown once, to whoever rotated the key as " + e.identityIamId()
                        + "; if it was lost, rotate the key again (POST " + key + "/rotate) and keep the value.");
                steps.add("If you did not rotate it, someone else acted as " + e.identityIamId() + ": rotate the key "
                        + "again at once with \"grace_seconds\": 0, and review what " + e.identityIamId() + " did since.");
            }
        }
        return steps;
    }

    private static String previousValue(KeyEvent e) {
        return e.previousValueUntil() == null ? "the previous value stopped working at once"
                : "the previous value works until " + e.previousValueUntil();
    }

    private static String json(String eventId, KeyEvent e, String subject, List<String> steps) {
        JsonText key = new JsonText().field("id", e.keyId()).field("name", e.keyName())
                .field("display_prefix", e.displayPrefix()).field("iam_id", e.identityIamId())
                .field("identity_type", e.identityIsServiceId() ? "serviceid" : "user")
                .field("expires_at", e.expiresAt() == null ? null : e.expiresAt().toString());
        JsonText inactivity = e.inactivity() == null ? null : new JsonText()
                .field("last_used_at", e.inactivity().lastUsedAt().toString())
                .field("inactive_days", e.inactivity().inactiveDays())
                .field("disable_at", e.inactivity().disableAt().toString());
        JsonText sighting = e.seenUrl() == null && e.seenSource() == null ? null
                : new JsonText().field("url", cut(e.seenUrl())).field("source", cut(e.seenSource()));
        return new JsonText().field("event_id", eventId).field("type", e.kind().wire())
                .field("occurred_at", e.occurredAt().toString()).field("account_id", e.accountId())
                .field("apikey", key).field("actor_iam_id", e.actorIamId()).field("sighting", sighting)
                .field("action_taken", e.actionTaken() == null ? null : e.actionTaken().wire())
                .field("previous_value_until", e.previousValueUntil() == null ? null : e.previousValueUntil().toString())
                .field("inactivity", inactivity).field("summary", subject).array("next_steps", steps).toJson();
    }

    /**
     * The webhook payload of an audit event: {@code event_id} (the audit event's id, as in {@code Latchkey-Event-Id})
     * and {@code type} {@value OutboxMessage#AUDIT_EVENT}, then the event exactly as {@code GET
     * /v1/accounts/{account_id}/audit_events} shows it (its chain position and hashes included, the time ISO-8601 to
     * the millisecond as the hash covers it, absent fields left out), so a receiver can check it against the trail.
     * Audit events hold no secret, so neither does this.
     */
    public String render(AuditEvent event) {
        return render(event, true);
    }

    /**
     * As {@link #render(AuditEvent)}; without {@code withDetails} the payload leaves {@code details} out and says so
     * ({@code "details_omitted":true}), for an event too large for the outbox: the receiver reads it from the route.
     */
    String render(AuditEvent event, boolean withDetails) {
        JsonText actor = new JsonText().field("iam_id", event.actor()).field("address", event.actorAddress());
        JsonText target = new JsonText().field("type", event.target().type()).field("id", event.target().id())
                .field("name", event.target().name());
        JsonText details = new JsonText();
        event.details().forEach(details::field);
        JsonText json = new JsonText(512).field("event_id", event.id()).field("type", OutboxMessage.AUDIT_EVENT)
                .field("id", event.id()).field("seq", event.seq()).field("account_id", event.accountId())
                .field("time", event.time().toString()).field("actor", actor).field("trace_id", event.traceId())
                .field("action", event.action()).field("target", target).field("outcome", event.outcome().wire())
                .field("details", withDetails ? details : null)
                .field("previous_hash", event.previousHash()).field("hash", event.hash());
        return (withDetails ? json : json.field("details_omitted", true)).toJson();
    }

    private static String cut(String text) {
        return text == null || text.length() <= MAX_JSON_FIELD ? text : text.substring(0, MAX_JSON_FIELD) + "…";
    }

    /** Control characters (a name with a line break could fake a header or a line) become spaces; long text is cut. */
    static String clean(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c);
        }
        return text.length() > max ? b + "…" : b.toString();
    }
}
