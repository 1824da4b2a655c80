package dev.latchkey.http.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.access.AttributeValues;
import dev.latchkey.core.access.CustomRoleService;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * IBM IAM Policy Management's v2 policy routes under {@code /v2/policies}: create, get, replace (If-Match), delete
 * and list, in IBM's v2 shape ({@code subject}, {@code resource}, {@code control.grant.roles}, {@code pattern},
 * {@code rule}). They read and write the same policies as the v1 routes: a v1 policy reads through v2, and a v2
 * policy without conditions through v1 (docs/decisions/0047-policies-v2.md). {@link PolicyService} decides the rest.
 */
public final class PolicyV2Routes {
    private final PolicyService service;
    private final CustomRoleService customRoles;
    private final Paging paging;

    public PolicyV2Routes(PolicyService service, CustomRoleService customRoles, Paging paging) {
        this.service = service;
        this.customRoles = customRoles;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.get("/v2/policies", Audience.AUTHENTICATED, this::list);
        routes.post("/v2/policies", Audience.AUTHENTICATED, (ctx, caller) ->
                respond(ctx, 201, service.create(caller, request(JsonBody.of(ctx)))));
        routes.get("/v2/policies/{id}", Audience.AUTHENTICATED, (ctx, caller) ->
                respond(ctx, 200, service.get(caller, ctx.pathParam("id"))));
        routes.put("/v2/policies/{id}", Audience.AUTHENTICATED, (ctx, caller) -> respond(ctx, 200,
                service.replace(caller, ctx.pathParam("id"), ctx.header("If-Match"), request(JsonBody.of(ctx)))));
        routes.delete("/v2/policies/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx, "limit", PolicyRoutes.DEFAULT_LIMIT);
        int offset = Paging.offset(ctx, "start");
        Page<Policy> page = service.list(caller, PolicyRoutes.query(ctx, offset, limit));
        Json.send(ctx, 200, new PolicyWire.V2CollectionWire(limit, new PolicyWire.Link(paging.url(ctx, "start", null)),
                PolicyRoutes.next(ctx, paging, page, offset, limit), PolicyRoutes.previous(ctx, paging, offset, limit),
                page.items().stream().map(p -> wire(ctx, p)).toList()));
    }

    private void respond(Context ctx, int status, Policy policy) {
        ctx.header("ETag", EntityTag.of(policy.id(), policy.version()));
        Json.send(ctx, status, wire(ctx, policy));
    }

    private PolicyWire.V2 wire(Context ctx, Policy policy) {
        return PolicyWire.V2.of(policy, paging.base(ctx), roleId -> customRoles.byCrn(policy.accountId(), roleId),
                service.subjectIsMember(policy));
    }

    /** A v2 body as sent, as the one request type {@link PolicyService} judges. */
    static PolicyRequest request(JsonBody body) {
        JsonBody subject = body.object("subject");
        JsonBody resource = body.object("resource");
        JsonBody control = body.object("control");
        JsonBody grant = control == null ? null : control.object("grant");
        List<JsonBody> roles = grant == null ? null : grant.objects("roles");
        if (control == null || grant == null) {
            throw DomainException.invalid("Field 'control.grant.roles' is required: the roles the policy grants, as "
                    + "[{\"role_id\": \"<role CRN>\"}].");
        }
        return new PolicyRequest(PolicyRequest.Api.V2, body.string("type"),
                subject == null ? null : List.of(new PolicyRequest.Subject(attributes(subject.objects("attributes")))),
                roles == null ? null : roles.stream().map(r -> r.string("role_id")).toList(),
                resource == null ? null : List.of(new PolicyRequest.ResourceSpec(
                        attributes(resource.objects("attributes")), attributes(resource.objects("tags")))),
                body.string("description"), body.string("pattern"),
                body.has("rule") ? rule(body.object("rule")) : null);
    }

    /** v2 attributes are {@code {key, operator, value}}; a value may be a string, a boolean or a list of strings. */
    private static List<Policy.Attribute> attributes(List<JsonBody> attributes) {
        return PolicyRoutes.map(attributes, a -> new Policy.Attribute(a.string("key"), value(a), a.string("operator")));
    }

    private static Policy.Rule rule(JsonBody rule) {
        List<JsonBody> conditions = rule.objects("conditions");
        if (conditions != null) {
            return Policy.Rule.group(rule.string("operator"), conditions.stream().map(PolicyV2Routes::rule).toList());
        }
        return Policy.Rule.condition(rule.string("key"), rule.string("operator"), value(rule));
    }

    private static String value(JsonBody attribute) {
        JsonNode value = attribute.node().get("value");
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        if (value.isArray()) {
            List<String> values = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw notAValue(attribute);
                }
                values.add(item.textValue());
            }
            return AttributeValues.encode(values);
        }
        throw notAValue(attribute);
    }

    private static DomainException notAValue(JsonBody attribute) {
        return DomainException.invalid("Field '" + attribute.name("value") + "' must be a string, a boolean or a list "
                + "of strings.");
    }
}
