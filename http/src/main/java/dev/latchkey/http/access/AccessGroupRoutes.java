package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import dev.latchkey.http.Trace;
import dev.latchkey.http.WireError;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * IBM IAM Access Groups v2 under {@code /v2/groups}: groups (create, get, update with If-Match, list with
 * {@code limit}/{@code offset}, delete with {@code force}), members (add, check, list, remove one or several,
 * add to or remove from every group) and the account's group settings. Dynamic rules and templates are not
 * Latchkey's: their routes answer 501 saying so. Every route needs an access token; {@link AccessGroupService}
 * decides the rest (docs/decisions/0042-access-groups.md).
 */
public final class AccessGroupRoutes {
    static final int DEFAULT_LIMIT = 50;
    private static final String RULES = "Dynamic rules of access groups are not supported by Latchkey: membership is "
            + "static (add members with PUT /v2/groups/{access_group_id}/members).";
    private static final String TEMPLATES = "Access group templates and their assignments are not supported by "
            + "Latchkey: it has no enterprise accounts to assign them to.";

    private final AccessGroupService service;
    private final Paging paging;

    public AccessGroupRoutes(AccessGroupService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        // fixed paths before {access_group_id}: the router takes the first route whose pattern matches
        routes.get("/v2/groups/settings", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                AccessGroupWire.SettingsWire.of(service.settings(caller, ctx.queryParam("account_id")))));
        routes.patch("/v2/groups/settings", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                AccessGroupWire.SettingsWire.of(service.updateSettings(caller, ctx.queryParam("account_id"),
                        JsonBody.of(ctx).bool("public_access_enabled")))));
        routes.put("/v2/groups/_allgroups/members/{iam_id}", Audience.AUTHENTICATED, this::addToGroups);
        routes.delete("/v2/groups/_allgroups/members/{iam_id}", Audience.AUTHENTICATED, this::removeFromAll);

        routes.post("/v2/groups", Audience.AUTHENTICATED, this::create);
        routes.get("/v2/groups", Audience.AUTHENTICATED, this::list);
        routes.get("/v2/groups/{access_group_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            Shown shown = Shown.of(ctx);
            respond(ctx, 200, service.get(caller, ctx.pathParam("access_group_id")), shown);
        });
        routes.patch("/v2/groups/{access_group_id}", Audience.AUTHENTICATED, this::update);
        routes.delete("/v2/groups/{access_group_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.delete(caller, ctx.pathParam("access_group_id"), QueryParams.bool(ctx, "force"));
            ctx.status(204);
        });

        routes.put("/v2/groups/{access_group_id}/members", Audience.AUTHENTICATED, this::addMembers);
        routes.get("/v2/groups/{access_group_id}/members", Audience.AUTHENTICATED, this::members);
        routes.post("/v2/groups/{access_group_id}/members/delete", Audience.AUTHENTICATED, this::removeMembers);
        routes.add(HandlerType.HEAD, "/v2/groups/{access_group_id}/members/{iam_id}", Audience.AUTHENTICATED,
                (ctx, caller) -> ctx.status(service.isMember(caller, ctx.pathParam("access_group_id"),
                        ctx.pathParam("iam_id")) ? 204 : 404));
        routes.delete("/v2/groups/{access_group_id}/members/{iam_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.removeMember(caller, ctx.pathParam("access_group_id"), ctx.pathParam("iam_id"));
            ctx.status(204);
        });

        unsupported(routes, RULES, "/v2/groups/{access_group_id}/rules", HandlerType.POST, HandlerType.GET);
        unsupported(routes, RULES, "/v2/groups/{access_group_id}/rules/{rule_id}", HandlerType.GET, HandlerType.PUT,
                HandlerType.DELETE);
        unsupported(routes, TEMPLATES, "/v1/group_templates", HandlerType.POST, HandlerType.GET);
        unsupported(routes, TEMPLATES, "/v1/group_templates/{template_id}", HandlerType.GET, HandlerType.DELETE);
        unsupported(routes, TEMPLATES, "/v1/group_templates/{template_id}/versions", HandlerType.POST,
                HandlerType.GET);
        unsupported(routes, TEMPLATES, "/v1/group_templates/{template_id}/versions/{version_num}", HandlerType.GET,
                HandlerType.PUT, HandlerType.DELETE);
        unsupported(routes, TEMPLATES, "/v1/group_templates/{template_id}/versions/{version_num}/commit",
                HandlerType.POST);
        unsupported(routes, TEMPLATES, "/v1/group_assignments", HandlerType.POST, HandlerType.GET);
        unsupported(routes, TEMPLATES, "/v1/group_assignments/{assignment_id}", HandlerType.GET, HandlerType.PATCH,
                HandlerType.DELETE);
    }

    /** Routes IBM has and Latchkey does not implement: 501 with what is unsupported, after the token check. */
    private static void unsupported(RouteTable routes, String reason, String path, HandlerType... methods) {
        for (HandlerType method : methods) {
            routes.add(method, path, Audience.AUTHENTICATED, (ctx, caller) -> {
                throw new HttpRefusal(WireError.NOT_IMPLEMENTED, reason);
            });
        }
    }

    private void create(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        Shown shown = Shown.of(ctx);
        respond(ctx, 201, service.create(caller, ctx.queryParam("account_id"), body.string("name"),
                body.string("description")), shown);
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        Shown shown = Shown.of(ctx);
        respond(ctx, 200, service.update(caller, ctx.pathParam("access_group_id"), ctx.header("If-Match"),
                body.string("name"), body.string("description")), shown);
    }

    /** IBM's {@code show_federated} and {@code show_crn}, read (400 when not a boolean) before anything is written. */
    private record Shown(boolean federated, boolean crn) {
        static Shown of(Context ctx) {
            return new Shown(QueryParams.bool(ctx, "show_federated"), QueryParams.bool(ctx, "show_crn"));
        }
    }

    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx, "limit", DEFAULT_LIMIT);
        int offset = offset(ctx);
        var listing = service.list(caller, new AccessGroupService.ListGroups(ctx.queryParam("account_id"),
                ctx.queryParam("iam_id"), ctx.queryParam("search"), ctx.queryParam("membership_type"),
                ctx.queryParam("sort"), offset, limit));
        boolean federated = QueryParams.bool(ctx, "show_federated");
        boolean crn = QueryParams.bool(ctx, "show_crn");
        QueryParams.bool(ctx, "hide_public_access"); // well-formed or 400; there is no public access group to hide
        String base = paging.base(ctx);
        Json.send(ctx, 200, new AccessGroupWire.GroupsList(limit, offset, listing.total(),
                href(ctx, 0), offset > 0 ? href(ctx, Math.max(0, offset - limit)) : null,
                listing.hasMore() ? href(ctx, offset + limit) : null, href(ctx, last(listing.total(), limit)),
                listing.items().stream().map(g -> AccessGroupWire.GroupWire.of(g, base, federated, crn)).toList()));
    }

    private void addMembers(Context ctx, Principal caller) {
        List<AccessGroupService.NewMember> members = PolicyRoutes.map(JsonBody.of(ctx).objects("members"),
                m -> new AccessGroupService.NewMember(m.string("iam_id"), m.string("type")));
        String trace = Trace.of(ctx);
        var outcomes = service.addMembers(caller, ctx.pathParam("access_group_id"), members);
        Json.send(ctx, 207, new AccessGroupWire.AddedMembers(outcomes.stream()
                .map(o -> AccessGroupWire.AddedMember.of(o, trace)).toList()));
    }

    private void members(Context ctx, Principal caller) {
        int limit = Paging.size(ctx, "limit", DEFAULT_LIMIT);
        int offset = offset(ctx);
        var listing = service.members(caller, ctx.pathParam("access_group_id"), ctx.queryParam("type"),
                ctx.queryParam("membership_type"), ctx.queryParam("sort"), QueryParams.bool(ctx, "verbose"), offset,
                limit);
        String base = paging.base(ctx);
        Json.send(ctx, 200, new AccessGroupWire.MembersList(limit, offset, listing.total(), href(ctx, 0),
                offset > 0 ? href(ctx, Math.max(0, offset - limit)) : null,
                listing.hasMore() ? href(ctx, offset + limit) : null, href(ctx, last(listing.total(), limit)),
                listing.items().stream().map(m -> AccessGroupWire.MemberWire.of(m, base)).toList()));
    }

    private void removeMembers(Context ctx, Principal caller) {
        String groupId = ctx.pathParam("access_group_id");
        List<String> iamIds = JsonBody.of(ctx).strings("members");
        String trace = Trace.of(ctx);
        var outcomes = service.removeMembers(caller, groupId, iamIds);
        Json.send(ctx, 207, new AccessGroupWire.RemovedMembers(groupId, outcomes.stream()
                .map(o -> AccessGroupWire.GroupItem.of(o, 204, trace, false)).toList()));
    }

    private void addToGroups(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        String iamId = ctx.pathParam("iam_id");
        String trace = Trace.of(ctx);
        var outcomes = service.addToGroups(caller, ctx.queryParam("account_id"), iamId, body.string("type"),
                body.strings("groups"));
        Json.send(ctx, 207, new AccessGroupWire.MemberGroups(iamId, outcomes.stream()
                .map(o -> AccessGroupWire.GroupItem.of(o, 200, trace, true)).toList()));
    }

    private void removeFromAll(Context ctx, Principal caller) {
        String iamId = ctx.pathParam("iam_id");
        String trace = Trace.of(ctx);
        var outcomes = service.removeFromAll(caller, ctx.queryParam("account_id"), iamId);
        Json.send(ctx, 207, new AccessGroupWire.MemberGroups(iamId, outcomes.stream()
                .map(o -> AccessGroupWire.GroupItem.of(o, 204, trace, true)).toList()));
    }

    private void respond(Context ctx, int status, AccessGroup group, Shown shown) {
        ctx.header("ETag", EntityTag.of(group.id(), group.version()));
        Json.send(ctx, status, AccessGroupWire.GroupWire.of(group, paging.base(ctx), shown.federated(),
                shown.crn()));
    }

    /** IBM's plain {@code offset}: a whole number, 0 when absent. */
    private static int offset(Context ctx) {
        String value = ctx.queryParam("offset");
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.strip());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // the error below
        }
        throw DomainException.invalid("Parameter 'offset' must be a whole number, 0 or more.");
    }

    private static int last(int total, int limit) {
        return total == 0 ? 0 : ((total - 1) / limit) * limit;
    }

    private AccessGroupWire.Href href(Context ctx, int offset) {
        return new AccessGroupWire.Href(paging.url(ctx, "offset", Integer.toString(offset)));
    }
}
