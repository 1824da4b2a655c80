package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.IamIdentityActions;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates, reads, renames and deletes service ID groups on behalf of an authenticated principal
 * (docs/decisions/0043-service-id-groups.md). Every operation asks {@link AccessDecider} first, on the group
 * ({@link ServiceIdGroup#resource}) or, to create and list, on the account's IAM Identity service; every change is
 * recorded in the account's audit trail in its transaction. A group that a service ID names is not deleted.
 * Which group a service ID belongs to is the service ID's field, changed through {@link ServiceIdService}.
 * Thread-safe.
 */
public final class ServiceIdGroupService {
    /** The most groups an account may hold: IBM lists an account's groups in one answer, without paging. */
    public static final int MAX_GROUPS = 1000;

    private final Transactor tx;
    private final ServiceIdGroupStore store;
    private final AccessDecider access;
    private final Ids ids;
    private final Clock clock;
    private final AuditTrail audit;

    public ServiceIdGroupService(Transactor tx, ServiceIdGroupStore store, AccessDecider access, Ids ids, Clock clock,
                                 AuditTrail audit) {
        this.tx = tx;
        this.store = store;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** Needs {@value IamIdentityActions#SERVICE_ID_GROUP_CREATE} on the account's IAM Identity service. */
    public ServiceIdGroup create(Principal caller, CreateServiceIdGroup request) {
        String accountId = request.accountId() == null || request.accountId().isEmpty() ? caller.accountId()
                : request.accountId();
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.invalid("Field 'account_id' must be the account of your access token ("
                    + caller.accountId() + ").");
        }
        access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_CREATE,
                accountService(accountId), "create service ID groups in account " + accountId);
        String name = Fields.name(request.name(), "name");
        String description = emptyAsNull(Fields.description(request.description()));
        Instant now = now();
        ServiceIdGroup group = new ServiceIdGroup(ServiceIdGroup.ID_PREFIX + ids.uuid(), accountId, name, description,
                now, caller.iamId(), now, 1);
        return tx.inTransaction(() -> {
            ServiceIdGroupStore.Outcome outcome = store.insert(group, MAX_GROUPS);
            switch (outcome) {
                case DONE -> { }
                case NAME_TAKEN -> throw nameTaken(name, accountId);
                case LIMIT_REACHED -> throw new DomainException(ErrorCode.LIMIT_REACHED, "Account " + accountId
                        + " has " + MAX_GROUPS + " service ID groups, the most it may have; delete one first.");
                default -> throw new IllegalStateException("an insert cannot be " + outcome);
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", name);
            if (description != null) {
                details.put("description", description);
            }
            audited(caller, group, "create", details);
            return group;
        });
    }

    public ServiceIdGroup get(Principal caller, String id) {
        ServiceIdGroup group = find(id);
        access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_GET, group.resource(),
                "view service ID group " + id);
        return group;
    }

    /**
     * The groups of one account (the caller's when {@code accountId} is null or empty), oldest first; needs
     * {@value IamIdentityActions#SERVICE_ID_GROUP_LIST} on that account's IAM Identity service.
     */
    public List<ServiceIdGroup> list(Principal caller, String accountId) {
        String account = accountId == null || accountId.isEmpty() ? caller.accountId() : accountId;
        access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_LIST, accountService(account),
                "list the service ID groups of account " + account);
        return store.list(account);
    }

    /** Whether {@link #list} would answer the caller for this account rather than refuse. */
    public boolean mayList(Principal caller, String accountId) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_GROUP_LIST, accountService(accountId));
    }

    /** Whether {@link #create} would let the caller create a group in this account (the access rule alone). */
    public boolean mayCreate(Principal caller, String accountId) {
        return accountId.equals(caller.accountId())
                && access.permits(caller, IamIdentityActions.SERVICE_ID_GROUP_CREATE, accountService(accountId));
    }

    /** Whether {@link #update} would let the caller rename this group or change its description. */
    public boolean mayChange(Principal caller, ServiceIdGroup group) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_GROUP_UPDATE, group.resource());
    }

    /** Whether {@link #delete} would let the caller delete this group (when no service ID names it). */
    public boolean mayDelete(Principal caller, ServiceIdGroup group) {
        return access.permits(caller, IamIdentityActions.SERVICE_ID_GROUP_DELETE, group.resource());
    }

    private static Resource accountService(String accountId) {
        return Resource.service(accountId, Policy.IAM_IDENTITY);
    }

    /** Renames the group and sets or clears its description; {@code ifMatch} as for every IBM update. */
    public ServiceIdGroup update(Principal caller, String id, String ifMatch, UpdateServiceIdGroup request) {
        ServiceIdGroup group = find(id);
        access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_UPDATE, group.resource(),
                "change service ID group " + id);
        EntityTag.requireMatch(ifMatch, group.id(), group.version());
        String name = Fields.name(request.name(), "name");
        String description = request.description() == null ? group.description()
                : emptyAsNull(Fields.description(request.description()));
        ServiceIdGroup updated = group.withDetails(name, description, now());
        Map<String, String> details = new LinkedHashMap<>();
        if (!name.equals(group.name())) {
            details.put("name", name);
        }
        if (request.description() != null) {
            details.put("description", description == null ? "" : description);
        }
        return tx.inTransaction(() -> {
            ServiceIdGroupStore.Outcome outcome = store.update(updated, group.version());
            switch (outcome) {
                case DONE -> { }
                case NAME_TAKEN -> throw nameTaken(name, group.accountId());
                case STALE -> throw concurrentChange();
                default -> throw new IllegalStateException("an update cannot be " + outcome);
            }
            audited(caller, updated, "update", details);
            return updated;
        });
    }

    /** Deletes the group; refused (409) while a service ID names it, so no service ID is left naming nothing. */
    public void delete(Principal caller, String id) {
        tx.inTransaction(() -> {
            ServiceIdGroup group = find(id);
            access.require(caller, IamIdentityActions.SERVICE_ID_GROUP_DELETE, group.resource(),
                    "delete service ID group " + id);
            ServiceIdGroupStore.Outcome outcome = store.delete(id, group.version());
            switch (outcome) {
                case DONE -> { }
                case IN_USE -> throw new DomainException(ErrorCode.INVALID_STATE, "Service ID group " + id
                        + " still has service IDs; move them to another group (group_id on the service ID) or "
                        + "delete them first.");
                case STALE -> throw concurrentChange();
                default -> throw new IllegalStateException("a delete cannot be " + outcome);
            }
            audited(caller, group, "delete", Map.of());
            return null;
        });
    }

    private ServiceIdGroup find(String id) {
        return store.find(id).orElseThrow(() -> DomainException.notFound("ServiceIdGroup", id));
    }

    private static DomainException nameTaken(String name, String accountId) {
        return new DomainException(ErrorCode.DUPLICATE_VALUE, "Field 'name' must be unique in the account: account "
                + accountId + " has a service ID group named '" + name + "' already.");
    }

    private static DomainException concurrentChange() {
        return new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                "The service ID group was changed by another request at the same time; read it again and retry.");
    }

    private void audited(Principal caller, ServiceIdGroup group, String verb, Map<String, String> details) {
        audit.record(caller, group.accountId(), "iam-identity.serviceidgroup." + verb,
                AuditTarget.of(ServiceIdGroup.RESOURCE_TYPE, group.id(), group.name()), details);
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
