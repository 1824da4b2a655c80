package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.IamIdentityActions;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Creates, reads, changes, locks and deletes service IDs on behalf of an authenticated principal. Every
 * operation asks {@link AccessDecider} before it acts (on {@link ServiceId#resource}); writes that must agree —
 * a service ID, its creator's Administrator policy and its first key; or a deletion with its keys and policies —
 * happen in one transaction, so a refused or invalid request changes nothing. A service ID may name its
 * {@link ServiceIdGroup} ({@code group_id}): a group of its own account, which the caller may change
 * (docs/decisions/0043-service-id-groups.md). Thread-safe.
 */
public final class ServiceIdService {
    static final int MAX_CRNS = 100;
    static final int MAX_CRN = 1024;
    private static final int SCAN_BATCH = 500;

    private final Transactor tx;
    private final ServiceIdStore store;
    private final ServiceIdGroupStore groups;
    private final ApiKeyService apiKeys;
    private final PolicyStore policies;
    private final AccessGroupStore accessGroups;
    private final UserStore users;
    private final AccessDecider access;
    private final ServiceIdCreationPolicy creationPolicy;
    private final Ids ids;
    private final Clock clock;
    private final AuditTrail audit;

    public ServiceIdService(Transactor tx, ServiceIdStore store, ServiceIdGroupStore groups, ApiKeyService apiKeys,
                            PolicyStore policies, AccessGroupStore accessGroups, UserStore users,
                            AccessDecider access, ServiceIdCreationPolicy creationPolicy, Ids ids, Clock clock,
                            AuditTrail audit) {
        this.tx = tx;
        this.store = store;
        this.groups = groups;
        this.apiKeys = apiKeys;
        this.policies = policies;
        this.accessGroups = accessGroups;
        this.users = users;
        this.access = access;
        this.creationPolicy = creationPolicy;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Any user member of the account may create a service ID, unless {@link ServiceIdCreationPolicy} refuses;
     * service IDs may not. The creator gets Administrator on the new service ID, so they can manage what they
     * made. A nested API key is created through {@link ApiKeyService#create}, with its checks, in the same
     * transaction. A {@code groupId} must name a group of the account that the caller may change.
     */
    public CreatedServiceId create(Principal caller, CreateServiceId request) {
        String name = Fields.name(request.name(), "name");
        String description = Fields.description(request.description());
        List<String> crns = crns(request.uniqueInstanceCrns());
        String accountId = request.accountId() == null ? caller.accountId() : request.accountId();
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.invalid("Field 'account_id' must be the account of your access token ("
                    + caller.accountId() + ").");
        }
        requireMayCreate(caller, accountId);
        CreateServiceId.NestedApiKey nested = request.apikey();
        if (nested != null) {
            Fields.name(nested.name(), "apikey.name");
        }
        String groupId = emptyAsNull(request.groupId());
        Instant now = now();
        String id = ids.serviceId();
        ServiceId serviceId = new ServiceId(id, IamIds.ofServiceId(id), accountId, name, description, crns,
                request.locked(), now, now, caller.iamId(), 1, groupId);
        return tx.inTransaction(() -> {
            if (groupId != null) {
                requireGroupChange(caller, accountId, groupId, true);
            }
            store.insert(serviceId, history(caller, "create", List.of(), "Service ID created"));
            String creatorPolicy = ids.policyId();
            Map<String, String> details = new java.util.LinkedHashMap<>();
            details.put("name", name);
            details.put("creator_policy", creatorPolicy);
            if (groupId != null) {
                details.put("group_id", groupId);
            }
            audited(caller, serviceId, "create", details);
            policies.insert(Policy.grant(creatorPolicy, accountId, caller.iamId(), List.of(Role.ADMINISTRATOR.crn()),
                    List.of(new Policy.Attribute("accountId", accountId, null),
                            new Policy.Attribute("serviceName", Policy.IAM_IDENTITY, null),
                            new Policy.Attribute("resourceType", "serviceid", null),
                            new Policy.Attribute("resource", id, null)),
                    "Administrator of service ID " + id + ", granted to its creator", caller.iamId(), now));
            CreatedApiKey key = nested == null ? null : apiKeys.create(caller, new CreateApiKey(nested.name(),
                    serviceId.iamId(), nested.description(), accountId, nested.apikey(), nested.storeValue(), null,
                    nested.actionWhenLeaked(), nested.expiresAt(), false, false));
            return new CreatedServiceId(serviceId, key);
        });
    }

    /** Why the caller may not create a service ID in their account (a service ID, not a member, the setting), or empty. */
    public Optional<String> whyNoCreate(Principal caller) {
        try {
            requireMayCreate(caller, caller.accountId());
            return Optional.empty();
        } catch (DomainException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    private void requireMayCreate(Principal caller, String accountId) {
        if (IamIds.isServiceId(caller.iamId())) {
            throw DomainException.forbidden("Service IDs cannot create service IDs; ask a user of account "
                    + accountId + " to create it.");
        }
        if (users.membership(accountId, caller.iamId()).isEmpty()) {
            throw DomainException.forbidden("Only users who are members of account " + accountId
                    + " can create service IDs there.");
        }
        creationPolicy.requireMayCreate(caller, accountId);
    }

    /** Whether the caller may change (rename, lock, unlock, create keys for) this service ID. */
    public boolean mayChange(Principal caller, ServiceId serviceId) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_UPDATE, serviceId.resource());
    }

    /**
     * Whether the caller may put a service ID into this group or take one out of it, as {@link #update} requires of
     * both the group it leaves and the group it joins (besides the right to change the service ID).
     */
    public boolean mayMoveThrough(Principal caller, ServiceIdGroup group) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_GROUP_UPDATE, group.resource());
    }

    /** Whether the caller may delete this service ID (when it is not locked). */
    public boolean mayDelete(Principal caller, ServiceId serviceId) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_DELETE, serviceId.resource());
    }

    public ServiceId get(Principal caller, String id) {
        ServiceId serviceId = find(id);
        access.require(caller, IamIdentityActions.SERVICE_ID_GET, serviceId.resource(), "view service ID " + id);
        return serviceId;
    }

    public List<HistoryEntry> history(String id) {
        return store.history(id);
    }

    /** The latest authentication and the total count over the service ID's API keys. */
    public Activity activity(ServiceId serviceId) {
        return apiKeys.identityActivity(serviceId.accountId(), serviceId.iamId());
    }

    public ServiceId update(Principal caller, String id, String ifMatch, UpdateServiceId request) {
        ServiceId serviceId = find(id);
        access.require(caller, IamIdentityActions.SERVICE_ID_UPDATE, serviceId.resource(), "change service ID " + id);
        EntityTag.requireMatch(ifMatch, serviceId.id(), serviceId.version());
        requireUnlocked(serviceId, "updated");
        List<String> changed = new ArrayList<>();
        String name = serviceId.name();
        if (request.name() != null) {
            name = Fields.name(request.name(), "name");
            changed.add("name");
        }
        String description = serviceId.description();
        if (request.description() != null) {
            description = request.description().isEmpty() ? null : Fields.description(request.description());
            changed.add("description");
        }
        List<String> crns = serviceId.uniqueInstanceCrns();
        if (request.uniqueInstanceCrns() != null) {
            crns = crns(request.uniqueInstanceCrns());
            changed.add("unique_instance_crns");
        }
        String groupId = serviceId.groupId();
        if (request.groupId() != null) {
            groupId = emptyAsNull(request.groupId());
            changed.add("group_id");
        }
        ServiceId updated = serviceId.withDetails(name, description, crns, groupId, now());
        Map<String, String> details = new java.util.LinkedHashMap<>();
        for (String field : changed) {
            details.put(field, switch (field) {
                case "name" -> updated.name();
                case "description" -> updated.description() == null ? "" : updated.description();
                case "group_id" -> updated.groupId() == null ? "" : updated.groupId();
                default -> String.join(",", updated.uniqueInstanceCrns());
            });
        }
        boolean moved = !java.util.Objects.equals(serviceId.groupId(), updated.groupId());
        tx.inTransaction(() -> {
            if (moved && serviceId.groupId() != null) {
                requireGroupChange(caller, serviceId.accountId(), serviceId.groupId(), false);
            }
            if (moved && updated.groupId() != null) {
                requireGroupChange(caller, serviceId.accountId(), updated.groupId(), true);
            }
            write(serviceId, updated, history(caller, "update", changed, "Service ID updated"));
            audited(caller, updated, "update", details);
            return null;
        });
        return updated;
    }

    /** Deletes the service ID, all its API keys, every policy granted to it and its group memberships, in one transaction. */
    public void delete(Principal caller, String id) {
        tx.inTransaction(() -> {
            ServiceId serviceId = find(id);
            access.require(caller, IamIdentityActions.SERVICE_ID_DELETE, serviceId.resource(), "delete service ID " + id);
            requireUnlocked(serviceId, "deleted");
            apiKeys.deleteAllOf(caller, serviceId.accountId(), serviceId.iamId());
            policies.deleteForSubject(serviceId.accountId(), serviceId.iamId());
            accessGroups.removeEverywhere(serviceId.accountId(), serviceId.iamId());
            if (!store.delete(serviceId.id(), serviceId.version())) {
                throw concurrentChange();
            }
            audited(caller, serviceId, "delete", Map.of());
            return null;
        });
    }

    /** A locked service ID cannot be updated or deleted; its API keys keep working. */
    public void setLocked(Principal caller, String id, boolean locked) {
        ServiceId serviceId = find(id);
        access.require(caller, IamIdentityActions.SERVICE_ID_UPDATE, serviceId.resource(),
                (locked ? "lock" : "unlock") + " service ID " + id);
        if (serviceId.locked() == locked) {
            throw new DomainException(ErrorCode.INVALID_STATE,
                    "Conflict: the service ID is already " + (locked ? "locked" : "unlocked") + ".");
        }
        String action = locked ? "lock" : "unlock";
        tx.inTransaction(() -> {
            write(serviceId, serviceId.withLocked(locked, now()),
                    history(caller, action, List.of(), "Service ID " + action + "ed"));
            audited(caller, serviceId, action, Map.of());
            return null;
        });
    }

    /**
     * Lists one account's service IDs (the caller's by default); needs the get action account-wide. A
     * {@code groupId} narrows it to that group's, and must name a group of the account. A page from a position
     * (keyset paging, decision 0038) costs what the first page does, whatever its depth.
     */
    public Page<ServiceId> list(Principal caller, ListServiceIds request) {
        String accountId = request.accountId() == null || request.accountId().isEmpty() ? caller.accountId()
                : request.accountId();
        access.require(caller, IamIdentityActions.SERVICE_ID_GET, Resource.service(accountId, Policy.IAM_IDENTITY),
                "list the service IDs of account " + accountId);
        String name = request.name() == null || request.name().isEmpty() ? null : request.name();
        String groupId = emptyAsNull(request.groupId());
        if (groupId != null && groups.find(groupId).filter(g -> g.accountId().equals(accountId)).isEmpty()) {
            throw DomainException.invalid("Parameter 'group_id' must name a service ID group of account " + accountId
                    + "; '" + groupId + "' is none.");
        }
        ServiceIdQuery query = new ServiceIdQuery(accountId, name, request.filter(), request.sort(),
                request.descending(), request.offset(), request.limit(), groupId);
        if (request.after() == null) {
            return store.list(query);
        }
        return Keyset.page(request.after(), request.before(), request.offset(), request.limit(), request.descending(),
                (position, descending) -> store.list(query.seeking(position, descending, request.limit())));
    }

    /**
     * The service IDs of the caller's account that the caller may view, in the listing's order: all of them for
     * who may view them account-wide ({@link #list}), else those a policy lets the caller view one by one (the ones
     * they created, for instance). The console's list; the API's {@link #list} keeps IBM's account-wide check.
     */
    public Page<ServiceId> listVisible(Principal caller, ListServiceIds request) {
        String accountId = caller.accountId();
        if (access.permits(caller, IamIdentityActions.SERVICE_ID_GET, Resource.service(accountId, Policy.IAM_IDENTITY))) {
            return list(caller, new ListServiceIds(accountId, request.name(), request.filter(), request.sort(),
                    request.descending(), request.offset(), request.limit(), request.groupId()));
        }
        BiPredicate<String, Resource> permitted = access.permissions(caller);
        String name = request.name() == null || request.name().isEmpty() ? null : request.name();
        List<ServiceId> visible = new ArrayList<>();
        Page<ServiceId> batch;
        int offset = 0;
        do {
            batch = store.list(new ServiceIdQuery(accountId, name, request.filter(), request.sort(),
                    request.descending(), offset, SCAN_BATCH, emptyAsNull(request.groupId())));
            batch.items().stream().filter(s -> permitted.test(IamIdentityActions.SERVICE_ID_GET, s.resource()))
                    .forEach(visible::add);
            offset += SCAN_BATCH;
        } while (batch.hasMore());
        int from = Math.min(request.offset(), visible.size());
        int to = Math.min(from + request.limit(), visible.size());
        return new Page<>(List.copyOf(visible.subList(from, to)), request.offset(), request.limit(),
                to < visible.size());
    }

    private ServiceId find(String id) {
        return store.find(id).orElseThrow(() -> DomainException.notFound("ServiceId", id));
    }

    /**
     * A service ID joins ({@code joining}) or leaves the group {@code groupId}: the group must be one of
     * {@code accountId} (else 400, the same whether it exists elsewhere or not at all) and the caller must hold
     * the update action on it. Inside the writing transaction; a group being joined is held
     * ({@link ServiceIdGroupStore#lock}) until it ends, so that it cannot be deleted under the service ID that joins
     * it. A group being left needs no hold (it cannot be deleted while the service ID still names it), and holding
     * only the one joined keeps two opposite moves from waiting for each other.
     */
    private void requireGroupChange(Principal caller, String accountId, String groupId, boolean joining) {
        ServiceIdGroup group = (joining ? groups.lock(groupId) : groups.find(groupId))
                .filter(g -> g.accountId().equals(accountId))
                .orElseThrow(() -> DomainException.invalid("Field 'group_id' must name a service ID group of account "
                        + accountId + "; '" + groupId + "' is none."));
        access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_UPDATE, group.resource(),
                (joining ? "put a service ID into" : "take a service ID out of") + " service ID group " + groupId);
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private void write(ServiceId before, ServiceId after, HistoryEntry entry) {
        if (!store.update(after, before.version(), entry)) {
            throw concurrentChange();
        }
    }

    private static DomainException concurrentChange() {
        return new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                "The service ID was changed by another request at the same time; read it again and retry.");
    }

    private static void requireUnlocked(ServiceId serviceId, String verb) {
        if (serviceId.locked()) {
            throw new DomainException(ErrorCode.INVALID_STATE,
                    "Service ID " + serviceId.id() + " is locked and cannot be " + verb + "; unlock it first.");
        }
    }

    private void audited(Principal caller, ServiceId serviceId, String verb, Map<String, String> details) {
        audit.record(caller, serviceId.accountId(), "iam-identity.serviceid." + verb,
                AuditTarget.of("serviceid", serviceId.id(), serviceId.name()), details);
    }

    private HistoryEntry history(Principal caller, String action, List<String> params, String message) {
        return new HistoryEntry(now(), caller.iamId(), caller.accountId(), action, params, message);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static List<String> crns(List<String> crns) {
        if (crns == null) {
            return List.of();
        }
        if (crns.size() > MAX_CRNS) {
            throw DomainException.invalid("Field 'unique_instance_crns' may hold at most " + MAX_CRNS + " CRNs.");
        }
        for (String crn : crns) {
            if (crn == null || !crn.startsWith("crn:") || crn.length() > MAX_CRN) {
                throw DomainException.invalid("Field 'unique_instance_crns' must hold CRNs (text starting with "
                        + "'crn:', at most " + MAX_CRN + " characters each).");
            }
        }
        return List.copyOf(crns);
    }
}
