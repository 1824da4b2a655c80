package dev.latchkey.http.notification;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.notification.EventFamily;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.WebhookEndpoint;
import dev.latchkey.core.notification.WebhookEndpointService;
import dev.latchkey.http.Audience;
import dev.latchkey.http.IbmDates;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Latchkey's notification routes (IBM has none): an account's webhook endpoints
 * ({@code /v1/accounts/{account_id}/notification_endpoints}: create, list, get, change with {@code PATCH} and
 * {@code If-Match}, delete; the signing secret appears once, in the create answer) and its outbox
 * ({@code /v1/accounts/{account_id}/notifications}, for IAM Identity Administrators). Authorization is decided in the
 * core services.
 */
public final class NotificationRoutes {
    static final String ENDPOINTS = "/v1/accounts/{account_id}/notification_endpoints";
    private final WebhookEndpointService endpoints;
    private final NotificationService notifications;
    private final Paging paging;

    /** The fields a change may name; the URL is not one of them (a new receiver is a new endpoint). */
    private static final Set<String> CHANGEABLE = Set.of("description", "events");

    /**
     * An endpoint; {@code secret} only in the answer to its creation; {@code events} the families it receives;
     * {@code entity_tag} what a change sends as {@code If-Match}.
     */
    record EndpointWire(String id, String accountId, String url, String description, String createdAt,
                        String createdBy, String secret, List<String> events, String entityTag) {
        static EndpointWire of(WebhookEndpoint e, String secret) {
            return new EndpointWire(e.id(), e.accountId(), e.url(), e.description(), IbmDates.format(e.createdAt()),
                    e.createdBy(), secret, e.events().stream().sorted().map(EventFamily::wire).toList(),
                    EntityTag.of(e.id(), e.version()));
        }
    }

    record EndpointListWire(List<EndpointWire> endpoints) {
    }

    /**
     * One outbox delivery; the message itself (which holds nothing secret) is not repeated here. A key event's names
     * its key ({@code apikey_id}); an audit event's ({@code type} {@code audit.event}, {@code event_id} the audit
     * event's id) names the event's target instead ({@code target_id}, absent when the target has no id).
     */
    record NotificationWire(String id, String eventId, String type, String apikeyId, String channel, String recipient,
                            String state, int attempts, String lastError, String createdAt, String nextAttemptAt,
                            String finishedAt, String targetId) {
        static NotificationWire of(OutboxMessage m) {
            boolean key = m.isKeyEvent();
            return new NotificationWire(m.id(), m.eventId(), m.type(), key ? m.subjectId() : null, m.channel().wire(),
                    m.recipient(), m.state().wire(), m.attempts(), m.lastError(), m.createdAt().toString(),
                    m.state() == OutboxMessage.State.PENDING ? m.nextAttemptAt().toString() : null,
                    m.finishedAt() == null ? null : m.finishedAt().toString(), key ? null : m.subjectId());
        }
    }

    record NotificationListWire(long offset, long limit, String first, String previous, String next,
                                List<NotificationWire> notifications) {
    }

    public NotificationRoutes(WebhookEndpointService endpoints, NotificationService notifications, Paging paging) {
        this.endpoints = endpoints;
        this.notifications = notifications;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.post(ENDPOINTS, Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            var created = endpoints.create(caller, ctx.pathParam("account_id"), body.string("url"),
                    body.string("description"), body.strings("events"));
            respond(ctx, 201, created.endpoint(), created.secret().reveal());
        });
        routes.get(ENDPOINTS, Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200, new EndpointListWire(
                endpoints.list(caller, ctx.pathParam("account_id")).stream().map(e -> EndpointWire.of(e, null)).toList())));
        routes.get(ENDPOINTS + "/{id}", Audience.AUTHENTICATED, (ctx, caller) -> respond(ctx, 200,
                endpoints.get(caller, ctx.pathParam("account_id"), ctx.pathParam("id")), null));
        routes.patch(ENDPOINTS + "/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            if (body.has("url")) {
                throw DomainException.invalid("Field 'url' cannot be changed: create an endpoint for the new URL (it "
                        + "gets a signing secret of its own), then delete this one.");
            }
            body.requireKnownFields(CHANGEABLE);
            respond(ctx, 200, endpoints.update(caller, ctx.pathParam("account_id"), ctx.pathParam("id"),
                    ctx.header("If-Match"), body.string("description"), body.strings("events")), null);
        });
        routes.delete(ENDPOINTS + "/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            endpoints.delete(caller, ctx.pathParam("account_id"), ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.get("/v1/accounts/{account_id}/notifications", Audience.AUTHENTICATED, this::listNotifications);
    }

    /** An endpoint with its {@code ETag}; {@code secret} only in the answer to its creation. */
    private static void respond(Context ctx, int status, WebhookEndpoint endpoint, String secret) {
        ctx.header("ETag", EntityTag.of(endpoint.id(), endpoint.version()));
        Json.send(ctx, status, EndpointWire.of(endpoint, secret));
    }

    /**
     * Newest first, paged by position (keyset paging, decision 0038): {@code next} continues after the page's last
     * message and {@code previous} goes back from its first, so a page at any depth costs what the first one does. A
     * {@code pagetoken} of the older offset form is still read as an offset.
     */
    private void listNotifications(Context ctx, dev.latchkey.core.common.Principal caller) {
        int limit = Paging.size(ctx);
        PageToken token = PageToken.read(ctx, "pagetoken");
        PageToken.Position from = token.createdAtPositionFor("pagetoken", true, false);
        Page<OutboxMessage> page = notifications.list(caller, ctx.pathParam("account_id"),
                QueryParams.oneOf(ctx, "state", OutboxMessage.State.class, null),
                from == null ? null : new OutboxMessage.Position(from.createdAt(), from.id()),
                from != null && from.before(), token.offset(), limit);
        Paging.Neighbours neighbours = paging.neighbours(ctx, page, limit, (message, before) ->
                PageToken.Position.createdAt(message.createdAt(), message.id(), true, before));
        Json.send(ctx, 200, new NotificationListWire(page.offset(), limit, paging.url(ctx, null),
                neighbours.previous(), neighbours.next(), page.items().stream().map(NotificationWire::of).toList()));
    }
}
