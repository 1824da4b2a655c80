package dev.latchkey.console.notification;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.notification.EventFamily;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.WebhookEndpointService;
import dev.latchkey.http.WireError;
import java.util.List;
import java.util.Locale;

/**
 * Manage &gt; Access (IAM) &gt; Notifications: the account's webhook endpoints (add one, its signing secret shown once;
 * change one's events or description; delete one) and, to who may read it, the outbox of mail and webhook deliveries
 * with their state. Every listing and change is the API's own service call with the signed-in principal; what the
 * identity may not do is not offered, and forcing it is the service's refusal.
 */
public final class NotificationPages {
    private final ConsoleServices services;

    public NotificationPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/iam/notifications", Access.SIGNED_IN, visit -> show(visit, 200, null, null, null));
        pages.post("/iam/notifications/endpoints", Access.SIGNED_IN, this::create);
        pages.post("/iam/notifications/endpoints/{id}/edit", Access.SIGNED_IN, this::edit);
        pages.post("/iam/notifications/endpoints/{id}/delete", Access.SIGNED_IN, visit -> {
            Principal me = visit.principal();
            services.webhookEndpoints().delete(me, me.accountId(), visit.path("id"));
            visit.redirect("/iam/notifications");
        });
    }

    private void show(Visit visit, int status, NotificationsView.Form form, NotificationsView.Edit edit,
                      NotificationsView.Created created) {
        Principal me = visit.principal();
        List<NotificationsView.Endpoint> endpoints = services.webhookEndpoints().list(me, me.accountId()).stream()
                .map(e -> new NotificationsView.Endpoint(e.id(), e.url(),
                        e.events().stream().sorted().map(EventFamily::wire).toList(), e.description(),
                        e.createdAt(), e.createdBy(), EntityTag.of(e.id(), e.version()))).toList();
        String state = visit.query("state") == null ? "" : visit.query("state");
        if (!state.isEmpty() && !NotificationsView.STATES.contains(state)) {
            throw DomainException.invalid("There is no state '" + state + "' of notifications.");
        }
        List<NotificationsView.Delivery> outbox = null;
        boolean hasNext = false;
        if (services.notifications().mayList(me, me.accountId())) {
            Page<OutboxMessage> page = services.notifications().list(me, me.accountId(), state.isEmpty() ? null
                    : OutboxMessage.State.valueOf(state.toUpperCase(Locale.ROOT)), visit.offset(), Visit.PAGE_SIZE);
            outbox = page.items().stream().map(m -> new NotificationsView.Delivery(m.type(), m.subjectId(),
                    m.channel().wire(), m.recipient(), m.state().wire(), m.attempts(), m.lastError(), m.createdAt()))
                    .toList();
            hasNext = page.hasMore();
        }
        visit.render(status, "notifications.jte", new NotificationsView(visit.chrome("Notifications",
                "Notifications"), endpoints, services.webhookEndpoints().mayChange(me, me.accountId()), form, edit,
                created, outbox, state, visit.page(), hasNext));
    }

    private void create(Visit visit) {
        Principal me = visit.principal();
        List<String> events = visit.ctx().formParams("events");
        NotificationsView.Form typed = new NotificationsView.Form(visit.form("url"), visit.form("description"),
                events, null);
        try {
            WebhookEndpointService.Created made = services.webhookEndpoints().create(me, me.accountId(), typed.url(),
                    typed.description(), events);
            show(visit, 201, null, null, new NotificationsView.Created(made.endpoint().id(), made.endpoint().url(),
                    made.secret().reveal()));
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            show(visit, WireError.of(refused.errorCode()).status(), new NotificationsView.Form(typed.url(),
                    typed.description(), events, refused.getMessage()), null, null);
        }
    }

    /**
     * The events and description together, with the entity tag the dialog was drawn with (If-Match); no event checked
     * is the service's refusal, shown in the dialog.
     */
    private void edit(Visit visit) {
        Principal me = visit.principal();
        String id = visit.path("id");
        List<String> events = visit.ctx().formParams("events");
        String description = visit.form("description") == null ? "" : visit.form("description");
        try {
            services.webhookEndpoints().update(me, me.accountId(), id, visit.form("etag"), description, events);
            visit.redirect("/iam/notifications");
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN || refused.errorCode() == ErrorCode.NOT_FOUND) {
                throw refused;
            }
            // after a concurrent change the dialog shows the endpoint as it now is, with its new entity tag
            NotificationsView.Edit typed = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH
                    ? new NotificationsView.Edit(id, null, List.of(), "Someone changed this endpoint after you opened "
                    + "it, so nothing was saved. The dialog now shows its current events and description.")
                    : new NotificationsView.Edit(id, description, events, refused.getMessage());
            show(visit, WireError.of(refused.errorCode()).status(), null, typed, null);
        }
    }
}
