package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.http.HttpRefusal;
import dev.latchkey.http.WireError;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * IBM's role listing, {@code GET /v2/roles} (reference §2.4), from the fixed roles of {@link Role}: system roles
 * everywhere, service roles where they apply, each with the actions it grants on the service asked about.
 * Latchkey has no custom roles: {@code POST /v2/roles} answers 405 saying so.
 */
public final class RoleRoutes {
    /** IBM's {@code Role}: {@code actions} are concrete where the service's actions are known, else patterns. */
    record RoleWire(String displayName, String description, List<String> actions, String crn) {
    }

    /** IBM's {@code RoleCollection}; {@code custom_roles} is always empty. */
    record RoleCollection(List<Object> customRoles, List<RoleWire> serviceRoles, List<RoleWire> systemRoles) {
    }

    public void register(RouteTable routes) {
        routes.get("/v2/roles", Audience.AUTHENTICATED, this::list);
        routes.post("/v2/roles", Audience.AUTHENTICATED, (ctx, caller) -> {
            ctx.header("Allow", "GET");
            throw new HttpRefusal(WireError.METHOD_NOT_ALLOWED, "Custom roles are not supported by Latchkey: "
                    + "the roles are the fixed system and service roles that GET /v2/roles lists.");
        });
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
        if (!"authorization".equals(policyType)) { // Latchkey has no authorization policies, so no roles for them
            List<String> scope = service != null ? List.of(service)
                    : group != null ? new TreeSet<>(AccessDecider.IAM_SERVICES).stream().toList() : null;
            for (Role role : Role.values()) {
                RoleWire wire = wire(role, scope);
                if (wire != null) {
                    (role.kind() == Role.Kind.SYSTEM ? system : services).add(wire);
                }
            }
        }
        Json.send(ctx, 200, new RoleCollection(List.of(), services, system));
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
