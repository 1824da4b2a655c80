package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.CustomRole;
import dev.latchkey.core.access.CustomRoleService;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * IBM IAM Policy Management's roles under {@code /v2/roles} (reference §2.4): the listing of the fixed roles of
 * {@link Role} (system roles everywhere, service roles where they apply, each with the actions it grants on the
 * service asked about) and the account's custom roles, and the custom roles' create, get, replace (If-Match) and
 * delete. {@link CustomRoleService} decides who may (docs/decisions/0046-custom-roles.md).
 */
public final class RoleRoutes {
    private final CustomRoleService customRoles;
    private final Paging paging;

    public RoleRoutes(CustomRoleService customRoles, Paging paging) {
        this.customRoles = customRoles;
        this.paging = paging;
    }

    /** IBM's {@code Role}: {@code actions} are concrete where the service's actions are known, else patterns. */
    record RoleWire(String displayName, String description, List<String> actions, String crn) {
    }

    /** IBM's {@code CustomRole}. */
    record CustomRoleWire(String id, String displayName, String description, List<String> actions, String crn,
                          String name, String accountId, String serviceName, String createdAt, String createdById,
                          String lastModifiedAt, String lastModifiedById, String href) {
        static CustomRoleWire of(CustomRole r, String base) {
            return new CustomRoleWire(r.id(), r.displayName(), r.description(), r.actions(), r.crn(), r.name(),
                    r.accountId(), r.serviceName(), PolicyWire.time(r.createdAt()), r.createdBy(),
                    PolicyWire.time(r.modifiedAt()), r.modifiedBy(), base + "/v2/roles/" + r.id());
        }
    }

    /** IBM's {@code RoleCollection}. */
    record RoleCollection(List<CustomRoleWire> customRoles, List<RoleWire> serviceRoles, List<RoleWire> systemRoles) {
    }

    public void register(RouteTable routes) {
        routes.get("/v2/roles", Audience.AUTHENTICATED, this::list);
        routes.post("/v2/roles", Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            respond(ctx, 201, customRoles.create(caller, new CustomRoleService.NewRole(body.string("account_id"),
                    body.string("name"), body.string("display_name"), body.string("description"),
                    body.string("service_name"), body.strings("actions"))));
        });
        routes.get("/v2/roles/{role_id}", Audience.AUTHENTICATED, (ctx, caller) ->
                respond(ctx, 200, customRoles.get(caller, ctx.pathParam("role_id"))));
        routes.put("/v2/roles/{role_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            JsonBody body = JsonBody.of(ctx);
            respond(ctx, 200, customRoles.replace(caller, ctx.pathParam("role_id"), ctx.header("If-Match"),
                    body.string("display_name"), body.string("description"), body.strings("actions")));
        });
        routes.delete("/v2/roles/{role_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            customRoles.delete(caller, ctx.pathParam("role_id"));
            ctx.status(204);
        });
    }

    private void respond(Context ctx, int status, CustomRole role) {
        ctx.header("ETag", EntityTag.of(role.id(), role.version()));
        Json.send(ctx, status, CustomRoleWire.of(role, paging.base(ctx)));
    }

    private void list(Context ctx, Principal caller) {
        String accountId = ctx.queryParam("account_id");
        String service = blankToNull(ctx.queryParam("service_name"));
        String group = blankToNull(ctx.queryParam("service_group_id"));
        String policyType = blankToNull(ctx.queryParam("policy_type"));
        if (accountId != null && !accountId.equals(caller.accountId())) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId()
                    + "; it cannot list the roles of account " + accountId + ".");
        }
        if (service != null && group != null) {
            throw DomainException.invalid("Parameters 'service_name' and 'service_group_id' cannot be combined.");
        }
        if (group != null && !group.equals("IAM")) {
            throw DomainException.invalid("Parameter 'service_group_id' must be IAM, the only service group Latchkey "
                    + "knows.");
        }
        if (policyType != null && !policyType.equals("access") && !policyType.equals("authorization")) {
            throw DomainException.invalid("Parameter 'policy_type' must be access or authorization.");
        }
        List<RoleWire> system = new ArrayList<>();
        List<RoleWire> services = new ArrayList<>();
        List<CustomRoleWire> custom = new ArrayList<>();
        if (!"authorization".equals(policyType)) { // Latchkey has no authorization policies, so no roles for them
            String base = paging.base(ctx);
            customRoles.list(caller, service).stream()
                    .filter(r -> group == null || AccessDecider.IAM_SERVICES.contains(r.serviceName()))
                    .forEach(r -> custom.add(CustomRoleWire.of(r, base)));
            List<String> scope = service != null ? List.of(service)
                    : group != null ? new TreeSet<>(AccessDecider.IAM_SERVICES).stream().toList() : null;
            for (Role role : Role.values()) {
                RoleWire wire = wire(role, scope);
                if (wire != null) {
                    (role.kind() == Role.Kind.SYSTEM ? system : services).add(wire);
                }
            }
        }
        Json.send(ctx, 200, new RoleCollection(custom, services, system));
    }

    /** The role as offered on the services in {@code scope} (null: anywhere), or null when it is offered on none. */
    private static RoleWire wire(Role role, List<String> scope) {
        if (scope == null) {
            return new RoleWire(role.displayName(), role.description(), role.actionPatterns(), role.crn());
        }
        TreeSet<String> actions = new TreeSet<>();
        boolean offered = false;
        for (String service : scope) {
            if (role.offeredFor(service)) {
                offered = true;
                actions.addAll(role.actions(service));
            }
        }
        return offered ? new RoleWire(role.displayName(), role.description(), List.copyOf(actions), role.crn()) : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
