package dev.latchkey.http.access;

import dev.latchkey.core.access.CustomRoleService;
import dev.latchkey.core.access.ListPolicies;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * IBM IAM Policy Management's v1 policy routes under {@code /v1/policies} (reference §2.1, §2.2): create,
 * get, replace (If-Match), state change (PATCH, If-Match), delete and list with {@code limit}/{@code start}.
 * Every route needs an access token; {@link PolicyService} decides the rest.
 */
public final class PolicyRoutes {
    static final int DEFAULT_LIMIT = 50;
    private final PolicyService service;
    private final CustomRoleService customRoles;
    private final Paging paging;

    /** {@code paging}'s base ({@link Paging#base}) is the base of every {@code href} and paging link. */
    public PolicyRoutes(PolicyService service, CustomRoleService customRoles, Paging paging) {
        this.service = service;
        this.customRoles = customRoles;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/policies", Audience.AUTHENTICATED, this::list);
        routes.post("/v1/policies", Audience.AUTHENTICATED, this::create);
        routes.get("/v1/policies/{id}", Audience.AUTHENTICATED,
                (ctx, caller) -> respond(ctx, 200, service.get(caller, ctx.pathParam("id"))));
        routes.put("/v1/policies/{id}", Audience.AUTHENTICATED, this::replace);
        routes.patch("/v1/policies/{id}", Audience.AUTHENTICATED, this::updateState);
        routes.delete("/v1/policies/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void create(Context ctx, Principal caller) {
        respond(ctx, 201, service.create(caller, request(JsonBody.of(ctx))));
    }

    private void replace(Context ctx, Principal caller) {
        PolicyRequest request = request(JsonBody.of(ctx));
        respond(ctx, 200, service.replace(caller, ctx.pathParam("id"), ctx.header("If-Match"), request));
    }

    private void updateState(Context ctx, Principal caller) {
        String state = JsonBody.of(ctx).string("state");
        respond(ctx, 200, service.updateState(caller, ctx.pathParam("id"), ctx.header("If-Match"), state));
    }

    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx, "limit", DEFAULT_LIMIT);
        int offset = Paging.offset(ctx, "start");
        Page<Policy> page = service.list(caller, query(ctx, offset, limit));
        Json.send(ctx, 200, new PolicyWire.CollectionWire(limit, new PolicyWire.Link(paging.url(ctx, "start", null)),
                next(ctx, paging, page, offset, limit), previous(ctx, paging, offset, limit),
                page.items().stream().map(p -> wire(ctx, p)).toList()));
    }

    /**
     * A listing's parameters, as IBM's v1 and v2 lists take them. {@code format} ({@code include_last_permit},
     * {@code display}) only adds fields Latchkey does not keep, and is ignored.
     */
    static ListPolicies query(Context ctx, int offset, int limit) {
        return new ListPolicies(ctx.queryParam("account_id"), ctx.queryParam("iam_id"),
                ctx.queryParam("access_group_id"), QueryParams.oneOf(ctx, "type", ListPolicies.Type.class, null),
                QueryParams.oneOf(ctx, "state", ListPolicies.State.class, ListPolicies.State.ACTIVE), offset, limit,
                blankToNull(ctx.queryParam("service_name")), blankToNull(ctx.queryParam("service_type")),
                blankToNull(ctx.queryParam("service_group_id")), blankToNull(ctx.queryParam("tag_name")),
                blankToNull(ctx.queryParam("tag_value")), blankToNull(ctx.queryParam("sort")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** IBM's {@code next} of a policy list: absent on the last page. */
    static PolicyWire.Cursor next(Context ctx, Paging paging, Page<Policy> page, int offset, int limit) {
        if (!page.hasMore()) {
            return null;
        }
        String start = Paging.token(offset + limit);
        return new PolicyWire.Cursor(paging.url(ctx, "start", start), start);
    }

    /** IBM's {@code previous} of a policy list: absent on the first page. */
    static PolicyWire.Cursor previous(Context ctx, Paging paging, int offset, int limit) {
        if (offset == 0) {
            return null;
        }
        String start = Paging.token(Math.max(0, offset - limit));
        return new PolicyWire.Cursor(paging.url(ctx, "start", start), start);
    }

    private void respond(Context ctx, int status, Policy policy) {
        ctx.header("ETag", EntityTag.of(policy.id(), policy.version()));
        Json.send(ctx, status, wire(ctx, policy));
    }

    private PolicyWire wire(Context ctx, Policy policy) {
        return PolicyWire.of(policy, paging.base(ctx), roleId -> customRoles.byCrn(policy.accountId(), roleId),
                service.subjectIsMember(policy));
    }

    /** The body of a create or replace, read as sent; {@link PolicyService} judges it. */
    /** The policy a JSON object describes, in IBM's v1 shape; used for invitations' {@code iam_policy} too. */
    public static PolicyRequest request(JsonBody body) {
        List<PolicyRequest.Subject> subjects = map(body.objects("subjects"),
                subject -> new PolicyRequest.Subject(attributes(subject.objects("attributes"))));
        List<String> roles = map(body.objects("roles"), role -> role.string("role_id"));
        List<PolicyRequest.ResourceSpec> resources = map(body.objects("resources"),
                resource -> new PolicyRequest.ResourceSpec(attributes(resource.objects("attributes")),
                        attributes(resource.objects("tags"))));
        return new PolicyRequest(body.string("type"), subjects, roles, resources, body.string("description"));
    }

    private static List<Policy.Attribute> attributes(List<JsonBody> attributes) {
        return map(attributes, a -> new Policy.Attribute(a.string("name"), a.string("value"), a.string("operator")));
    }

    /** Like {@code stream().map().toList()}, but null stays null and null elements are allowed. */
    static <T> List<T> map(List<JsonBody> items, Function<JsonBody, T> mapping) {
        if (items == null) {
            return null;
        }
        List<T> mapped = new ArrayList<>(items.size());
        items.forEach(item -> mapped.add(mapping.apply(item)));
        return Collections.unmodifiableList(mapped);
    }
}
