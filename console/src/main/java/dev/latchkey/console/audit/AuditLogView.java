package dev.latchkey.console.audit;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Audit log page as {@code audit.jte} draws it: the filters as typed, one page of events newest first, and the
 * cursor of the next (older) page.
 *
 * @param filters the filters as the form shows them (empty strings for none)
 * @param error   the service's refusal of the filters, shown above the table; or null
 * @param rows    the events of this page, newest first; empty with an error
 * @param before  the cursor this page was listed with (null: from the newest)
 * @param next    the cursor of the older events, or null when this page is the last
 */
public record AuditLogView(Chrome chrome, Filters filters, String error, List<Row> rows, Long before, Long next) {

    /**
     * The actions the guide documents (docs/guide/audit-log.md), grouped by service, for the Action select. An
     * action that is not here (a newer one in a link) is still filtered by and shown as chosen.
     */
    public static final Map<String, List<String>> ACTIONS = actions();

    /** The filters as the form sends them: dates as {@code yyyy-MM-dd}, the rest as typed. */
    public record Filters(String action, String actor, String targetId, String from, String to) {

        public boolean any() {
            return !(action.isEmpty() && actor.isEmpty() && targetId.isEmpty() && from.isEmpty() && to.isEmpty());
        }

        /** Whether {@code action} is none of {@link #ACTIONS} (it gets an option of its own). */
        public boolean unlistedAction() {
            return !action.isEmpty() && ACTIONS.values().stream().noneMatch(list -> list.contains(action));
        }

        /** The page with these filters, starting at {@code before} (null: the newest events). */
        public String url(Long before) {
            List<String> params = new ArrayList<>();
            add(params, "action", action);
            add(params, "actor", actor);
            add(params, "target_id", targetId);
            add(params, "from", from);
            add(params, "to", to);
            if (before != null) {
                params.add("before=" + before);
            }
            return AuditPages.PATH + (params.isEmpty() ? "" : "?" + String.join("&", params));
        }

        /** These filters with the actor replaced: the link on an actor in the table. */
        public String withActor(String value) {
            return new Filters(action, value, targetId, from, to).url(null);
        }

        /** These filters with the target replaced: the link on a target's id in the table. */
        public String withTarget(String value) {
            return new Filters(action, actor, value, from, to).url(null);
        }

        private static void add(List<String> params, String name, String value) {
            if (!value.isEmpty()) {
                params.add(name + "=" + Urls.encode(value));
            }
        }
    }

    /**
     * One event.
     *
     * @param actorName  the actor's e-mail or service ID name where the viewer may read it, "System" for scheduled
     *                   work, else the IAM ID
     * @param actorId    the IAM ID (or {@code system}), which the actor's filter link uses
     * @param targetType what the target is, as a reader says it ("API key", "Service ID", …)
     * @param details    the event's details, sorted by field; never a secret (the events hold none)
     */
    public record Row(long seq, Instant time, String actorName, String actorId, String address, String traceId,
                      String action, String targetType, String targetName, String targetId, boolean failure,
                      Map<String, String> details) {

        /** The action cut after each dot, where a narrow column may break it. */
        public List<String> actionParts() {
            return List.of(action.split("(?<=\\.)"));
        }

        /** Whether the actor is shown by a name rather than by the IAM ID. */
        public boolean actorNamed() {
            return !actorName.equals(actorId);
        }
    }

    public String newestUrl() {
        return filters.url(null);
    }

    public String olderUrl() {
        return filters.url(next);
    }

    /** What an event's target type is called on the page; an unknown type as it is stored. */
    public static String targetType(String type) {
        return switch (type) {
            case "apikey" -> "API key";
            case "serviceid" -> "Service ID";
            case "user" -> "User";
            case "policy" -> "Access policy";
            case "account" -> "Account";
            case "account_settings" -> "Account settings";
            case "classickey" -> "Classic infrastructure key";
            case "notification_endpoint" -> "Webhook endpoint";
            case "signing_key" -> "Signing key";
            case "activity_report" -> "Report";
            case "resource_instance" -> "Service instance";
            case "resource_key" -> "Service credential";
            case "serviceidgroup" -> "Service ID group";
            default -> type;
        };
    }

    private static Map<String, List<String>> actions() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("API keys", List.of("iam-identity.apikey.create", "iam-identity.apikey.update",
                "iam-identity.apikey.delete", "iam-identity.apikey.lock", "iam-identity.apikey.unlock",
                "iam-identity.apikey.disable", "iam-identity.apikey.enable", "iam-identity.apikey.rotate",
                "iam-identity.apikey.inactivity_warning", "iam-identity.apikey.leak", "iam-identity.apikey.login"));
        groups.put("Service IDs", List.of("iam-identity.serviceid.create", "iam-identity.serviceid.update",
                "iam-identity.serviceid.delete", "iam-identity.serviceid.lock", "iam-identity.serviceid.unlock",
                "iam-identity.serviceidgroup.create", "iam-identity.serviceidgroup.update",
                "iam-identity.serviceidgroup.delete"));
        groups.put("Users and sign-in", List.of("iam-identity.user.login", "user-management.user.invite",
                "user-management.user.accept", "user-management.user.remove", "user-management.user.update",
                "user-management.user-settings.update", "user-management.password.change",
                "user-management.password.reset", "iam-identity.external_interaction.report",
                "iam-identity.external_interaction.deny"));
        groups.put("Account", List.of("iam-identity.account.create", "iam-identity.account.update",
                "iam-access-management.settings.update", "iam-identity.classickey.create",
                "iam-identity.classickey.delete", "iam-identity.notification_endpoint.create",
                "iam-identity.notification_endpoint.update", "iam-identity.notification_endpoint.delete",
                "iam-identity.signing_key.rotate",
                "iam-identity.report.create"));
        groups.put("Access policies", List.of("iam-access-management.policy.create",
                "iam-access-management.policy.update", "iam-access-management.policy.delete"));
        groups.put("Resources", List.of("resource-controller.instance.create", "resource-controller.instance.update",
                "resource-controller.instance.delete", "resource-controller.key.create",
                "resource-controller.key.update", "resource-controller.key.delete"));
        return java.util.Collections.unmodifiableMap(groups);
    }
}
