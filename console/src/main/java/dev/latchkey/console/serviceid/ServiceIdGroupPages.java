package dev.latchkey.console.serviceid;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.CreateServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroupService;
import dev.latchkey.core.serviceid.UpdateServiceIdGroup;
import dev.latchkey.http.WireError;
import java.util.List;

/**
 * Manage &gt; Access (IAM) &gt; Service IDs &gt; Service ID groups: the account's groups (create one, rename it or
 * change its description, delete an empty one), each linked to the service IDs in it. Every listing and change is the
 * API's own {@link ServiceIdGroupService} call with the signed-in principal; what the identity may not do is not
 * offered, and forcing it is the service's refusal (the 403 page). Who may list the groups: Viewers and up of IAM
 * Identity and the account's owner (decision 0043).
 */
public final class ServiceIdGroupPages {
    static final String PATH = "/iam/serviceid-groups";
    private final ConsoleServices services;

    public ServiceIdGroupPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get(PATH, Access.SIGNED_IN, visit -> show(visit, 200, null, null, null));
        pages.post(PATH, Access.SIGNED_IN, this::create);
        pages.post(PATH + "/{id}/edit", Access.SIGNED_IN, this::edit);
        pages.post(PATH + "/{id}/delete", Access.SIGNED_IN, this::delete);
    }

    private void show(Visit visit, int status, ServiceIdGroupsView.Form create, ServiceIdGroupsView.Form edit,
                      String stillUsed) {
        Principal me = visit.principal();
        ServiceIdGroupService groups = services.serviceIdGroups();
        List<ServiceIdGroupsView.Row> rows = groups.list(me, me.accountId()).stream()
                .map(g -> new ServiceIdGroupsView.Row(g.id(), g.name(), g.description(), g.createdAt(),
                        EntityTag.of(g.id(), g.version()), groups.mayChange(me, g), groups.mayDelete(me, g)))
                .toList();
        visit.render(status, "serviceid/groups.jte", new ServiceIdGroupsView(visit.chrome("Service ID groups",
                "Service IDs"), rows, groups.mayCreate(me, me.accountId()), create, edit, stillUsed));
    }

    private void create(Visit visit) {
        Principal me = visit.principal();
        String name = visit.form("name");
        String description = visit.form("description");
        try {
            services.serviceIdGroups().create(me, new CreateServiceIdGroup(me.accountId(), name, description));
            visit.redirect(PATH);
        } catch (DomainException refused) {
            show(visit, statusOf(refused), new ServiceIdGroupsView.Form(null, name, description, refused.getMessage()),
                    null, null);
        }
    }

    /** Name and description together, with the entity tag the dialog was drawn with (If-Match). */
    private void edit(Visit visit) {
        String id = visit.path("id");
        String name = visit.form("name");
        String description = visit.form("description") == null ? "" : visit.form("description");
        try {
            services.serviceIdGroups().update(visit.principal(), id, visit.form("etag"),
                    new UpdateServiceIdGroup(name, description));
            visit.redirect(PATH);
        } catch (DomainException refused) {
            int status = statusOf(refused);
            // after a concurrent change the dialog shows the group as it now is (and its new entity tag), not what was
            // typed over the old one: saving again is then a choice made seeing the other change
            ServiceIdGroupsView.Form typed = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH
                    ? new ServiceIdGroupsView.Form(id, null, null, "Someone changed this group after you opened it, "
                    + "so nothing was saved. The dialog now shows the current name and description.")
                    : new ServiceIdGroupsView.Form(id, name, description, refused.getMessage());
            show(visit, status, null, typed, null);
        }
    }

    /** A group that service IDs still name is refused (409) with the way out: the service IDs in it. */
    private void delete(Visit visit) {
        try {
            services.serviceIdGroups().delete(visit.principal(), visit.path("id"));
            visit.redirect(PATH);
        } catch (DomainException refused) {
            if (refused.errorCode() != ErrorCode.INVALID_STATE) {
                throw refused;
            }
            show(visit, 409, null, null, visit.path("id"));
        }
    }

    /**
     * The status of a refusal the dialog shows, the API's own ({@link WireError}); one the page cannot show (not
     * allowed, not found) is the error page instead.
     */
    private static int statusOf(DomainException refused) {
        if (refused.errorCode() == ErrorCode.FORBIDDEN || refused.errorCode() == ErrorCode.NOT_FOUND) {
            throw refused;
        }
        return WireError.of(refused.errorCode()).status();
    }
}
