package dev.latchkey.console.notification;

import dev.latchkey.console.Chrome;
import dev.latchkey.core.notification.OutboxMessage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The Notifications page as {@code notifications.jte} draws it: the account's webhook endpoints, and its outbox to
 * who may read it.
 *
 * @param mayChange whether the viewer may add, edit and delete endpoints (the service's own rule)
 * @param form      the "Add endpoint" dialog open again with what was typed and the server's refusal, or null
 * @param edit      an endpoint's "Edit" dialog open again with what was typed and the refusal, or null
 * @param created   an endpoint just added, with its signing secret shown this once; or null
 * @param outbox    the latest deliveries, newest first; null when the viewer may not read the outbox
 * @param state     the outbox filter: empty for every state, else {@code pending}, {@code delivered} or {@code failed}
 */
public record NotificationsView(Chrome chrome, List<Endpoint> endpoints, boolean mayChange, Form form, Edit edit,
                                Created created, List<Delivery> outbox, String state, int page, boolean hasNext) {

    /** The states a delivery can be in, as the filter offers them: {@code pending}, {@code delivered}, {@code failed}. */
    public static final List<String> STATES = Arrays.stream(OutboxMessage.State.values())
            .map(OutboxMessage.State::wire).toList();

    /** {@code families}: the wire names of the event families it receives; {@code etag}: its If-Match for an edit. */
    public record Endpoint(String id, String url, List<String> families, String description, Instant created,
                           String createdBy, String etag) {
        public String events() {
            return String.join(", ", families);
        }

        public String editUrl() {
            return "/iam/notifications/endpoints/" + id + "/edit";
        }
    }

    /**
     * What was typed into an endpoint's "Edit" dialog and the refusal; a null {@code description} shows the endpoint
     * as it now is (after someone else changed it).
     */
    public record Edit(String id, String description, List<String> events, String error) {
        public boolean checked(String family) {
            return events.contains(family);
        }
    }

    /** The "Edit" dialog of {@code endpoint}: what was typed, if it was refused; else the endpoint as it is. */
    public Edit editOf(Endpoint endpoint) {
        if (edit == null || !endpoint.id().equals(edit.id())) {
            return new Edit(endpoint.id(), endpoint.description(), endpoint.families(), null);
        }
        return edit.description() == null
                ? new Edit(endpoint.id(), endpoint.description(), endpoint.families(), edit.error()) : edit;
    }

    /** What was typed into "Add endpoint": the URL, the description, the event families checked, the refusal. */
    public record Form(String url, String description, List<String> events, String error) {
        public boolean checked(String family) {
            return events.contains(family);
        }
    }

    public record Created(String id, String url, String secret) {
    }

    /** One delivery: a mail or a webhook request, about a key ({@code about} its id) or an audit event's target. */
    public record Delivery(String type, String about, String channel, String recipient, String state, int attempts,
                           String lastError, Instant created) {
    }

    public String pageUrl(int target) {
        return "/iam/notifications?" + (state.isEmpty() ? "" : "state=" + state + "&") + "page=" + target;
    }
}
