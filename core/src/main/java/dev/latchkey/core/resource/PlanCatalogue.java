package dev.latchkey.core.resource;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plan catalogue (Latchkey's own, far smaller than IBM's Global Catalog): which service a plan id
 * ({@code resource_plan_id}) names, so that an instance created with the plan alone, as IBM's SDKs create them,
 * belongs to that service. It holds the {@link #BUILT_IN} plans, in every account, and the plans registered in an
 * account, which only that account sees and uses. Anyone in the account may read the catalogue; registering and
 * deleting a plan of a service needs {@value ResourceActions#PLAN_CREATE} / {@value ResourceActions#PLAN_DELETE}
 * on that service (Administrator, or the owner). A plan used by active instances is not deleted. Every change is
 * recorded in the audit trail in its transaction (docs/decisions/0045-plan-catalogue.md). Thread-safe.
 */
public final class PlanCatalogue {
    /**
     * The built-in plans: IBM Cloud Object Storage's Lite and Standard plans, whose ids IBM publishes
     * (cloud.ibm.com/docs/cloud-object-storage?topic=cloud-object-storage-faq-provision).
     */
    public static final List<ResourcePlan> BUILT_IN = List.of(
            ResourcePlan.builtIn("2fdf0c08-2d32-4f46-84b5-32e0c92fffd8", "cloud-object-storage", "Lite"),
            ResourcePlan.builtIn("744bfc56-d12c-4866-88d5-dac9139e0e5d", "cloud-object-storage", "Standard"));
    /** A registered plan's id: 1 to 128 letters, digits and {@code . _ : -}, starting with a letter or digit. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final int SCAN_BATCH = 500;
    /** How many of the instances on a plan a refused delete counts before it says "more than". */
    private static final int USE_COUNT = 100;

    private final Transactor tx;
    private final ResourcePlanStore plans;
    private final ResourceStore instances;
    private final AccessDecider access;
    private final Clock clock;
    private final AuditTrail audit;

    public PlanCatalogue(Transactor tx, ResourcePlanStore plans, ResourceStore instances, AccessDecider access,
                         Clock clock, AuditTrail audit) {
        this.tx = tx;
        this.plans = plans;
        this.instances = instances;
        this.access = access;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The plans of the caller's account, built-in ones first, then the registered ones in the order they were
     * registered; of one service when {@code serviceName} is not null.
     */
    public Page<ResourcePlan> list(Principal caller, String serviceName, int offset, int limit) {
        List<ResourcePlan> builtIn = BUILT_IN.stream()
                .filter(p -> serviceName == null || p.serviceName().equals(serviceName)).toList();
        List<ResourcePlan> items = new ArrayList<>();
        if (offset < builtIn.size()) {
            items.addAll(builtIn.subList(offset, Math.min(builtIn.size(), offset + limit)));
        }
        boolean moreBuiltIn = offset + limit < builtIn.size();
        int room = limit - items.size();
        Page<ResourcePlan> stored = plans.list(new ResourcePlanStore.Query(caller.accountId(), serviceName,
                Math.max(0, offset - builtIn.size()), Math.max(room, 1)));
        if (room == 0) {
            return new Page<>(items, offset, limit, moreBuiltIn || !stored.items().isEmpty());
        }
        items.addAll(stored.items());
        return new Page<>(items, offset, limit, stored.hasMore());
    }

    /** A built-in plan, or a plan registered in the caller's account; 404 for any other. */
    public ResourcePlan get(Principal caller, String id) {
        return find(caller.accountId(), id).orElseThrow(() -> notFound(id));
    }

    /**
     * Registers a plan of a service in the caller's account. Needs {@value ResourceActions#PLAN_CREATE} on the
     * service. The id must be free in the account and not a built-in one, and no active instance of another
     * service may carry it already (a plan names one service).
     */
    public ResourcePlan register(Principal caller, RegisterResourcePlan request) {
        String id = id(request.id());
        String name = ResourceRequests.name(request.name(), "name");
        String service = service(request);
        access.require(caller, ResourceActions.PLAN_CREATE, Resource.service(caller.accountId(), service),
                "register plans of service " + service);
        if (id.equals(ResourceRequests.DEFAULT_PLAN)) {
            throw new DomainException(ErrorCode.DUPLICATE_VALUE, "Plan id '" + id + "' is Latchkey's default plan, "
                    + "which every service has; choose another id.");
        }
        builtIn(id).ifPresent(plan -> {
            throw new DomainException(ErrorCode.DUPLICATE_VALUE, "Plan id '" + id + "' is a built-in plan (" + plan.name()
                    + " of service " + plan.serviceName() + "); choose another id.");
        });
        ResourcePlan plan = new ResourcePlan(id, caller.accountId(), service, name, now(), caller.iamId());
        return tx.inTransaction(() -> {
            if (!plans.insert(plan)) {
                throw new DomainException(ErrorCode.DUPLICATE_VALUE, "Account " + caller.accountId()
                        + " has a plan with id '" + id + "' already.");
            }
            otherServiceOn(caller.accountId(), id, service).ifPresent(instance -> {
                throw new DomainException(ErrorCode.INVALID_STATE, "Plan id '" + id + "' is carried already by "
                        + "active instance " + instance.guid() + " of service " + instance.serviceName()
                        + "; a plan names one service, so choose another id.");
            });
            audit.record(caller, caller.accountId(), "resource-controller.plan.create", target(plan),
                    Map.of("service", service, "name", name));
            return plan;
        });
    }

    /**
     * Deletes a plan registered in the caller's account. Needs {@value ResourceActions#PLAN_DELETE} on its service;
     * refused while active instances carry it, and for built-in plans.
     */
    public void delete(Principal caller, String id) {
        builtIn(id).ifPresent(plan -> {
            throw DomainException.forbidden("Plan " + id + " (" + plan.name() + " of service " + plan.serviceName()
                    + ") is built in: nobody can delete it.");
        });
        ResourcePlan found = plans.find(caller.accountId(), id).orElseThrow(() -> notFound(id));
        access.require(caller, ResourceActions.PLAN_DELETE, Resource.service(caller.accountId(), found.serviceName()),
                "delete plans of service " + found.serviceName());
        tx.inTransaction(() -> {
            ResourcePlan plan = plans.lock(caller.accountId(), id).orElseThrow(() -> notFound(id));
            Page<ResourceInstance> using = instances.listInstances(new ResourceStore.InstanceQuery(caller.accountId(),
                    null, null, null, null, id, List.of(ResourceState.ACTIVE), 0, USE_COUNT));
            if (!using.items().isEmpty()) {
                throw new DomainException(ErrorCode.INVALID_STATE, "Plan " + id + " is used by "
                        + (using.hasMore() ? "more than " + USE_COUNT : using.items().size())
                        + " active instance(s), e.g. " + using.items().get(0).guid() + "; move them to another plan "
                        + "or delete them first.");
            }
            if (!plans.delete(caller.accountId(), id)) {
                throw notFound(id);
            }
            audit.record(caller, caller.accountId(), "resource-controller.plan.delete", target(plan),
                    Map.of("service", plan.serviceName()));
            return null;
        });
    }

    /**
     * The plan an instance is created on, from the plan id and the service the client named (either may be null):
     * the catalogue's plan when it has one by that id, which must then be of the named service; null when the
     * catalogue has none, which needs the service named (the plan id is then stored as given, or is the default).
     */
    ResourcePlan forCreate(String accountId, String planId, String givenService) {
        Optional<ResourcePlan> plan = planId == null || planId.equals(ResourceRequests.DEFAULT_PLAN) ? Optional.empty()
                : find(accountId, planId);
        if (plan.isPresent()) {
            if (givenService != null && !givenService.equals(plan.get().serviceName())) {
                throw DomainException.invalid("Field 'resource_plan_id' names plan " + planId + " of service "
                        + plan.get().serviceName() + ", but 'resource_id' names service " + givenService
                        + "; send a plan of that service, or the plan alone.");
            }
            return plan.get();
        }
        if (givenService != null) {
            return null;
        }
        if (planId == null) {
            throw DomainException.invalid("Field 'resource_id' is required: the name of the service the instance "
                    + "belongs to (also accepted as 'service_name' or, for IBM's SDKs, 'parameters.service_name'), "
                    + "unless 'resource_plan_id' names a plan of the catalogue.");
        }
        if (planId.equals(ResourceRequests.DEFAULT_PLAN)) {
            throw DomainException.invalid("Field 'resource_id' is required with resource_plan_id '" + planId
                    + "': it is Latchkey's default plan, which every service has, so it names no service.");
        }
        throw DomainException.invalid("Field 'resource_plan_id' names no plan of the catalogue: '" + abbreviate(planId)
                + "'. Register the plan (POST /v2/resource_plans), or name the service with 'resource_id'.");
    }

    /**
     * The plan {@code instance} moves to: the default plan (null), or a plan of the catalogue of the instance's
     * own service; anything else is refused.
     */
    ResourcePlan forChange(ResourceInstance instance, String planId) {
        if (planId.equals(ResourceRequests.DEFAULT_PLAN)) {
            return null;
        }
        ResourcePlan plan = find(instance.accountId(), planId).orElseThrow(() -> DomainException.invalid(
                "Field 'resource_plan_id' names no plan of the catalogue: '" + abbreviate(planId) + "'. An instance "
                        + "moves to a plan of its service (GET /v2/resource_plans?resource_id="
                        + instance.serviceName() + ") or to " + ResourceRequests.DEFAULT_PLAN + "."));
        if (!plan.serviceName().equals(instance.serviceName())) {
            throw DomainException.invalid("Field 'resource_plan_id' names plan " + planId + " of service "
                    + plan.serviceName() + ", but instance " + instance.guid() + " is of service "
                    + instance.serviceName() + "; a plan change stays within the service.");
        }
        return plan;
    }

    /**
     * Inside the transaction that puts an instance on {@code plan} (null: no catalogue plan): locks a registered
     * plan's row, so that it cannot be deleted until the instance is written, and refuses if it is gone.
     */
    void hold(String accountId, ResourcePlan plan) {
        if (plan == null || plan.isBuiltIn()) {
            return;
        }
        boolean still = plans.lock(accountId, plan.id()).filter(p -> p.serviceName().equals(plan.serviceName()))
                .isPresent();
        if (!still) {
            throw DomainException.invalid("Field 'resource_plan_id' names plan " + plan.id()
                    + ", which was deleted meanwhile.");
        }
    }

    /** A built-in plan, or one registered in {@code accountId}. */
    Optional<ResourcePlan> find(String accountId, String id) {
        return builtIn(id).or(() -> id.length() > 128 ? Optional.empty() : plans.find(accountId, id));
    }

    private static Optional<ResourcePlan> builtIn(String id) {
        return BUILT_IN.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** An active instance of {@code accountId} that carries {@code planId} and is not of {@code service}. */
    private Optional<ResourceInstance> otherServiceOn(String accountId, String planId, String service) {
        ResourceStore.Position after = null;
        Page<ResourceInstance> page;
        do {
            page = instances.listInstances(new ResourceStore.InstanceQuery(accountId, null, null, null, null, planId,
                    List.of(ResourceState.ACTIVE), 0, SCAN_BATCH, after));
            Optional<ResourceInstance> other = page.items().stream()
                    .filter(i -> !i.serviceName().equals(service)).findFirst();
            if (other.isPresent() || page.items().isEmpty()) {
                return other;
            }
            after = ResourceStore.Position.of(page.items().getLast());
        } while (page.hasMore());
        return Optional.empty();
    }

    private static String id(String id) {
        if (id == null || id.isEmpty()) {
            throw DomainException.invalid("Field 'id' is required: the plan id that instances name as "
                    + "'resource_plan_id'.");
        }
        if (!ID.matcher(id).matches()) {
            throw DomainException.invalid("Field 'id' must be 1 to 128 letters, digits and . _ : - only, starting "
                    + "with a letter or digit.");
        }
        return id;
    }

    private static String service(RegisterResourcePlan request) {
        List<String> given = Stream.of(request.resourceId(), request.serviceName()).filter(Objects::nonNull)
                .distinct().toList();
        if (given.isEmpty()) {
            throw DomainException.invalid("Field 'resource_id' is required: the name of the service the plan "
                    + "belongs to (also accepted as 'service_name').");
        }
        if (given.size() > 1) {
            throw DomainException.invalid("Fields 'resource_id' and 'service_name' name different services; send "
                    + "one of them.");
        }
        return ResourceRequests.service(given.get(0));
    }

    private static AuditTarget target(ResourcePlan plan) {
        return AuditTarget.of("resource_plan", plan.id(), plan.name());
    }

    private static DomainException notFound(String id) {
        return DomainException.notFound("ResourcePlan", abbreviate(id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
