package dev.latchkey.core.resource;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.Decision;
import dev.latchkey.core.access.IamIdentityActions;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Creates, reads, changes and (softly) deletes service instances and their resource keys on behalf of an
 * authenticated principal, asking {@link AccessDecider} before acting (actions in {@link ResourceActions}). A
 * resource key is created in one transaction with its service ID, that service ID's retrievable API key and a
 * policy granting its role on the instance, and removed with them in one transaction; nobody can hand out a role
 * they do not hold there themselves ({@link AccessDecider#checkGrant}). Thread-safe.
 */
public final class ResourceService {
    private static final int SCAN_BATCH = 500;

    private final Transactor tx;
    private final ResourceStore store;
    private final ServiceIdStore serviceIds;
    private final ApiKeyService apiKeys;
    private final ApiKeyStore keys;
    private final AccessDecider access;
    private final ServiceCredentials credentials;
    private final Ids ids;
    private final Clock clock;

    private final AuditTrail audit;
    private final PlanCatalogue catalogue;

    public ResourceService(Transactor tx, ResourceStore store, ResourcePlanStore plans, ServiceIdStore serviceIds,
                           ApiKeyService apiKeys, ApiKeyStore keys, PolicyStore policies, AccessGroupStore accessGroups,
                           AccessDecider access,
                           Ids ids, Clock clock, AuditTrail audit) {
        this.tx = tx;
        this.catalogue = new PlanCatalogue(tx, plans, store, access, clock, audit);
        this.audit = audit;
        this.store = store;
        this.serviceIds = serviceIds;
        this.apiKeys = apiKeys;
        this.keys = keys;
        this.access = access;
        this.credentials = new ServiceCredentials(serviceIds, apiKeys, keys, policies, accessGroups, ids);
        this.ids = ids;
        this.clock = clock;
    }

    /** The plan catalogue: which service a plan id names (docs/decisions/0045-plan-catalogue.md). */
    public PlanCatalogue plans() {
        return catalogue;
    }

    // ---- instances

    /**
     * Needs {@value ResourceActions#INSTANCE_CREATE} on the service in the resource group. The service is the one
     * the request names, or the one its plan names in the catalogue; where both are given they must agree.
     */
    public ResourceInstance createInstance(Principal caller, CreateResourceInstance request) {
        String name = ResourceRequests.name(request.name(), "name");
        String given = ResourceRequests.givenService(request);
        String planId = ResourceRequests.text(request.resourcePlanId(), "resource_plan_id", null);
        ResourcePlan catalogued = catalogue.forCreate(caller.accountId(), planId, given);
        String service = catalogued != null ? catalogued.serviceName() : given;
        String plan = planId == null ? ResourceRequests.DEFAULT_PLAN : planId;
        String group = ResourceRequests.group(request.resourceGroup());
        String target = ResourceRequests.text(request.target(), "target", ResourceRequests.DEFAULT_TARGET);
        access.require(caller, ResourceActions.INSTANCE_CREATE,
                ResourceInstance.target(caller.accountId(), service, group, null),
                "create instances of service " + service);
        Instant now = now();
        ResourceInstance instance = new ResourceInstance(ids.uuid(), caller.accountId(), name, service, plan, group,
                target, ResourceState.ACTIVE, request.locked(), "create", now, caller.iamId(), now, caller.iamId(),
                null, null, now, caller.iamId(), 1);
        tx.inTransaction(() -> {
            catalogue.hold(caller.accountId(), catalogued);
            store.insertInstance(instance);
            audited(caller, instance, "create", Map.of("service", service, "plan", plan, "resource_group", group,
                    "target", target));
            return null;
        });
        return instance;
    }

    /** A removed instance is still answered, with state {@code removed}. */
    public ResourceInstance getInstance(Principal caller, String id) {
        ResourceInstance instance = findInstance(id);
        access.require(caller, ResourceActions.INSTANCE_RETRIEVE, instance.resource(), "view instance " + id);
        return instance;
    }

    /**
     * Changes the name, the plan, or both (null: unchanged; one is needed). A plan change stays within the service:
     * to a plan the catalogue has for the instance's service, or to the default plan.
     */
    public ResourceInstance updateInstance(Principal caller, String id, String name, String planId) {
        ResourceInstance instance = findInstance(id);
        access.require(caller, ResourceActions.INSTANCE_UPDATE, instance.resource(), "change instance " + id);
        if (name == null && planId == null) {
            throw DomainException.invalid("Field 'name' or 'resource_plan_id' is required: they are what can be "
                    + "changed here.");
        }
        String newName = name == null ? instance.name() : ResourceRequests.name(name, "name");
        String newPlan = planId == null ? instance.planId() : ResourceRequests.text(planId, "resource_plan_id", null);
        requireActive(instance);
        requireUnlocked(instance, "updated");
        boolean planChanged = !newPlan.equals(instance.planId());
        ResourcePlan catalogued = planChanged ? catalogue.forChange(instance, newPlan) : null;
        Map<String, String> details = new LinkedHashMap<>();
        if (name != null) {
            details.put("name", newName);
        }
        if (planChanged) {
            details.put("plan", newPlan);
            details.put("previous_plan", instance.planId());
        }
        ResourceInstance after = instance.updated(newName, newPlan, caller.iamId(), now());
        return tx.inTransaction(() -> {
            catalogue.hold(caller.accountId(), catalogued);
            if (!store.updateInstance(after, instance.version())) {
                throw concurrentChange();
            }
            audited(caller, after, "update", details);
            return after;
        });
    }

    /** Locking guards an instance against update and delete; its keys can still be made and removed. */
    public ResourceInstance setLocked(Principal caller, String id, boolean locked) {
        ResourceInstance instance = findInstance(id);
        access.require(caller, ResourceActions.INSTANCE_UPDATE, instance.resource(),
                (locked ? "lock" : "unlock") + " instance " + id);
        requireActive(instance);
        if (instance.locked() == locked) {
            throw new DomainException(ErrorCode.INVALID_STATE,
                    "Conflict: instance " + instance.guid() + " is already " + (locked ? "locked" : "unlocked") + ".");
        }
        return write(caller, instance, instance.withLocked(locked, caller.iamId(), now()), "update",
                Map.of("locked", Boolean.toString(locked)));
    }

    /**
     * Marks the instance removed. With active keys it needs {@code recursive}, and then removes them (and their
     * service IDs, API keys and policies) in the same transaction.
     */
    public void deleteInstance(Principal caller, String id, boolean recursive) {
        tx.inTransaction(() -> {
            ResourceInstance found = findInstance(id);
            ResourceInstance instance = store.lockInstance(found.guid()).orElse(found);
            access.require(caller, ResourceActions.INSTANCE_DELETE, instance.resource(), "delete instance " + id);
            requireActive(instance);
            requireUnlocked(instance, "deleted");
            List<ResourceKey> live = store.activeKeysOf(instance.guid());
            if (!live.isEmpty() && !recursive) {
                throw new DomainException(ErrorCode.RESOURCE_HAS_KEYS, "Instance " + instance.guid() + " has "
                        + live.size() + " resource key(s); delete them first, or delete with recursive=true.");
            }
            Instant now = now();
            if (!live.isEmpty()) {
                access.require(caller, ResourceActions.KEY_DELETE, instance.resource(),
                        "delete the resource keys of instance " + id);
                live.forEach(key -> remove(caller, key, now));
            }
            write(caller, instance, instance.removed(caller.iamId(), now), "delete", Map.of());
            return null;
        });
    }

    /** The instances the caller may retrieve, filtered and paged. */
    public Page<ResourceInstance> listInstances(Principal caller, ResourceFilter filter) {
        Keyset.Read<ResourceStore.Position, ResourceInstance> fetch = (after, offset, limit) -> store.listInstances(
                new ResourceStore.InstanceQuery(caller.accountId(), filter.guid(), filter.name(), filter.resourceId(),
                        filter.resourceGroupId(), filter.planId(), filter.states(), offset, limit, after));
        BiPredicate<String, Resource> allowed = access.permissions(caller);
        return visible(caller, filter, fetch, ResourceStore.Position::of,
                i -> allowed.test(ResourceActions.INSTANCE_RETRIEVE, i.resource()));
    }

    // ---- keys

    /**
     * Needs {@value ResourceActions#KEY_CREATE} on the instance, and every action of the role there
     * ({@link AccessDecider#checkGrant}); a given service ID also needs {@code iam-identity.serviceid.update} on it.
     * The answer carries the new API key's value.
     */
    public ResourceKeyView createKey(Principal caller, CreateResourceKey request) {
        String name = ResourceRequests.name(request.name(), "name");
        if (request.source() == null || request.source().isBlank()) {
            throw DomainException.invalid("Field 'source' is required: the guid or CRN of the instance.");
        }
        ResourceInstance instance = store.findInstance(ResourceRequests.instanceGuid(request.source()))
                .filter(i -> !request.source().startsWith("crn:") || i.crn().equals(request.source()))
                .orElseThrow(() -> DomainException.invalid("Field 'source' does not name an instance: '"
                        + abbreviate(request.source()) + "'."));
        access.require(caller, ResourceActions.KEY_CREATE, instance.resource(),
                "create resource keys for instance " + instance.guid());
        if (instance.isRemoved()) {
            throw DomainException.invalid("Field 'source' names instance " + instance.guid() + ", which is removed.");
        }
        Role role = ResourceRequests.role(request.role(), instance.serviceName());
        Decision grant = access.checkGrant(caller, role, instance.resource());
        if (!grant.permitted()) {
            throw DomainException.forbidden("You are not allowed to create a resource key with role "
                    + role.displayName() + " on instance " + instance.guid() + ": " + grant.reason() + ".");
        }
        ServiceId given = request.serviceIdCrn() == null ? null : givenServiceId(caller, request.serviceIdCrn());
        return tx.inTransaction(() -> {
            if (store.lockInstance(instance.guid()).map(ResourceInstance::isRemoved).orElse(true)) {
                throw DomainException.invalid("Field 'source' names instance " + instance.guid()
                        + ", which was removed meanwhile.");
            }
            Instant now = now();
            String guid = ids.uuid();
            String crn = ResourceKey.crnOf(instance.serviceName(), instance.accountId(), instance.guid(), guid);
            ServiceCredentials.Issued issued = credentials.issue(caller, instance, crn, name, role, given, now);
            ResourceKey key = new ResourceKey(guid, instance.accountId(), instance.guid(), instance.serviceName(),
                    instance.resourceGroupId(), name, role.crn(), issued.serviceId().id(), issued.owned(),
                    issued.apiKey().key().id(), issued.policy().id(), ResourceState.ACTIVE, now, caller.iamId(), now,
                    caller.iamId(), null, null, 1);
            store.insertKey(key);
            audit.record(caller, key.accountId(), "resource-controller.key.create", target(key),
                    Map.of("instance", instance.guid(), "role", role.crn(), "serviceid", issued.serviceId().id(),
                            "apikey", issued.apiKey().key().id()));
            return new ResourceKeyView(key, Credentials.of(key, issued.apiKey().key().name(), issued.apiKey().value()));
        });
    }

    /**
     * Needs {@value ResourceActions#KEY_RETRIEVE} on the key's instance. The credentials, API key value included,
     * need {@value ResourceActions#CREDENTIAL_RETRIEVE} as well; others get them redacted.
     */
    public ResourceKeyView getKey(Principal caller, String id) {
        ResourceKey key = findKey(id);
        access.require(caller, ResourceActions.KEY_RETRIEVE, resourceOf(key), "view resource key " + id);
        return view(caller, key);
    }

    public ResourceKeyView renameKey(Principal caller, String id, String name) {
        ResourceKey key = findKey(id);
        access.require(caller, ResourceActions.KEY_UPDATE, resourceOf(key), "change resource key " + id);
        String newName = ResourceRequests.name(name, "name");
        if (key.isRemoved()) {
            throw removed("Resource key", key.guid());
        }
        ResourceKey renamed = key.renamed(newName, caller.iamId(), now());
        tx.inTransaction(() -> {
            if (!store.updateKey(renamed, key.version())) {
                throw concurrentChange();
            }
            audit.record(caller, key.accountId(), "resource-controller.key.update", target(renamed),
                    Map.of("name", newName));
            return null;
        });
        return view(caller, renamed);
    }

    /** Marks the key removed and deletes its API key, its policy and the service ID made for it, at once. */
    public void deleteKey(Principal caller, String id) {
        tx.inTransaction(() -> {
            ResourceKey key = findKey(id);
            access.require(caller, ResourceActions.KEY_DELETE, resourceOf(key), "delete resource key " + id);
            if (key.isRemoved()) {
                throw removed("Resource key", key.guid());
            }
            remove(caller, key, now());
            return null;
        });
    }

    /** Active keys the caller may retrieve, filtered and paged; credentials without the API key value. */
    public Page<ResourceKeyView> listKeys(Principal caller, ResourceFilter filter) {
        String instanceGuid = null;
        if (filter.instance() != null) {
            ResourceInstance instance = findInstance(filter.instance());
            access.require(caller, ResourceActions.KEY_RETRIEVE, instance.resource(),
                    "list the resource keys of instance " + filter.instance());
            instanceGuid = instance.guid();
        }
        String onInstance = instanceGuid;
        Keyset.Read<ResourceStore.Position, ResourceKey> fetch = (after, offset, limit) -> store.listKeys(
                new ResourceStore.KeyQuery(caller.accountId(), filter.guid(), filter.name(), filter.resourceId(),
                        filter.resourceGroupId(), onInstance, offset, limit, after));
        BiPredicate<String, Resource> allowed = access.permissions(caller);
        Page<ResourceKey> page = visible(caller, filter, fetch, ResourceStore.Position::of,
                k -> allowed.test(ResourceActions.KEY_RETRIEVE, resourceOf(k)));
        List<ResourceKeyView> views = page.items().stream().map(k -> new ResourceKeyView(k,
                allowed.test(ResourceActions.CREDENTIAL_RETRIEVE, resourceOf(k))
                        ? Credentials.of(k, apiKeyName(k), null) : Credentials.REDACTED)).toList();
        return new Page<>(views, page.offset(), page.limit(), page.hasMore());
    }

    /** For the API key views: which of these API keys back a live resource key, and its CRN. */
    public Map<String, String> resourceKeyCrns(Collection<String> apiKeyIds) {
        return apiKeyIds.isEmpty() ? Map.of() : store.activeKeyCrnsByApiKey(apiKeyIds);
    }

    // ---- helpers

    private ServiceId givenServiceId(Principal caller, String crn) {
        String id = ResourceRequests.serviceIdOf(crn, caller.accountId());
        ServiceId serviceId = serviceIds.find(id).filter(s -> s.accountId().equals(caller.accountId()))
                .orElseThrow(() -> DomainException.invalid("Field 'parameters.serviceid_crn' does not name a service "
                        + "ID of account " + caller.accountId() + "."));
        access.require(caller, IamIdentityActions.SERVICE_ID_UPDATE, serviceId.resource(),
                "give resource keys to service ID " + serviceId.id());
        return serviceId;
    }

    /** The name of the key's API key, as a single GET shows it: renaming a credential leaves its API key's name. */
    private String apiKeyName(ResourceKey key) {
        return key.isRemoved() ? key.name() : keys.find(key.apiKeyId()).map(ApiKey::name).orElse(key.name());
    }

    private ResourceKeyView view(Principal caller, ResourceKey key) {
        if (!access.permits(caller, ResourceActions.CREDENTIAL_RETRIEVE, resourceOf(key))) {
            return new ResourceKeyView(key, Credentials.REDACTED);
        }
        var apiKey = key.isRemoved() ? null : keys.find(key.apiKeyId()).orElse(null);
        var value = apiKey == null ? null : apiKeys.storedValue(apiKey).orElse(null);
        return new ResourceKeyView(key, Credentials.of(key, apiKey == null ? key.name() : apiKey.name(), value));
    }

    private void remove(Principal caller, ResourceKey key, Instant now) {
        credentials.revoke(key);
        if (!store.updateKey(key.removed(caller.iamId(), now), key.version())) {
            throw concurrentChange();
        }
        audit.record(caller, key.accountId(), "resource-controller.key.delete", target(key),
                Map.of("instance", key.instanceGuid()));
    }

    private static AuditTarget target(ResourceKey key) {
        return AuditTarget.of("resource_key", key.guid(), key.name());
    }

    /**
     * The page {@code filter} asks for among the rows the caller may retrieve ({@code allowed}): the store's page for
     * the account's owner, who may see every row; for anyone else, the store read in batches ({@link Keyset#filtered}).
     */
    private <T> Page<T> visible(Principal caller, ResourceFilter filter, Keyset.Read<ResourceStore.Position, T> fetch,
                                Function<T, ResourceStore.Position> position, Predicate<T> allowed) {
        if (access.isOwner(caller)) {
            return fetch.read(filter.after(), filter.offset(), filter.limit());
        }
        return Keyset.filtered(filter.after(), filter.offset(), filter.limit(), SCAN_BATCH, fetch, position, allowed);
    }

    private ResourceInstance findInstance(String id) {
        return store.findInstance(ResourceRequests.instanceGuid(id))
                .filter(i -> !id.startsWith("crn:") || i.crn().equals(id))
                .orElseThrow(() -> DomainException.notFound("ResourceInstance", abbreviate(id)));
    }

    private ResourceKey findKey(String id) {
        return store.findKey(ResourceRequests.keyGuid(id))
                .filter(k -> !id.startsWith("crn:") || k.crn().equals(id))
                .orElseThrow(() -> DomainException.notFound("ResourceKey", abbreviate(id)));
    }

    private static Resource resourceOf(ResourceKey key) {
        return ResourceInstance.target(key.accountId(), key.serviceName(), key.resourceGroupId(), key.instanceGuid());
    }

    private ResourceInstance write(Principal caller, ResourceInstance before, ResourceInstance after, String verb,
                                   Map<String, String> details) {
        return tx.inTransaction(() -> {
            if (!store.updateInstance(after, before.version())) {
                throw concurrentChange();
            }
            audited(caller, after, verb, details);
            return after;
        });
    }

    private void audited(Principal caller, ResourceInstance instance, String verb, Map<String, String> details) {
        audit.record(caller, instance.accountId(), "resource-controller.instance." + verb,
                AuditTarget.of("resource_instance", instance.guid(), instance.name()), details);
    }

    private static void requireActive(ResourceInstance instance) {
        if (instance.isRemoved()) {
            throw removed("Instance", instance.guid());
        }
    }

    private static void requireUnlocked(ResourceInstance instance, String verb) {
        if (instance.locked()) {
            throw new DomainException(ErrorCode.RESOURCE_LOCKED, "Instance " + instance.guid()
                    + " is locked and cannot be " + verb + "; unlock it first.");
        }
    }

    private static DomainException removed(String what, String guid) {
        return new DomainException(ErrorCode.RESOURCE_REMOVED, what + " " + guid + " has already been removed.");
    }

    private static DomainException concurrentChange() {
        return new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                "The resource was changed by another request at the same time; read it again and retry.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
