package dev.latchkey.core.access;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.Transactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Creates, reads, replaces, changes the state of, deletes and lists access policies (IBM's v1 subset) on behalf
 * of an authenticated principal. {@link AccessDecider} decides who may; the request is validated, the subject
 * must belong to the account, and an active policy may not duplicate another. A refused request writes nothing.
 * Thread-safe.
 */
public final class PolicyService {
    /** Service IDs are built elsewhere; until they are stored, an id of this shape is taken on trust. */
    static final String DELETED = "deleted";
    private static final int SCAN_BATCH = 500;

    private final PolicyStore store;
    private final Subjects subjects;
    private final CustomRoleService customRoles;
    private final AccessDecider access;
    private final Ids ids;
    private final Clock clock;
    private final Transactor tx;
    private final AuditTrail audit;

    public PolicyService(PolicyStore store, Subjects subjects, CustomRoleService customRoles, AccessDecider access,
                         Ids ids, Clock clock, Transactor tx, AuditTrail audit) {
        this.customRoles = customRoles;
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.subjects = subjects;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
    }

    public Policy create(Principal caller, PolicyRequest request) {
        PolicyValidator.Valid valid = PolicyValidator.validate(request, caller.accountId());
        Instant now = now();
        Policy policy = new Policy(ids.policyId(), valid.type(), caller.accountId(), valid.subjectIamId(),
                valid.roleIds(), valid.attributes(), valid.tags(), valid.description(), Policy.ACTIVE, now,
                caller.iamId(), now, caller.iamId(), 1, valid.pattern(), valid.rule());
        requireWrite(caller, policy, "create", "create this policy");
        requireSubjectInAccount(policy);
        customRoles.requireUsableIn(policy);
        requireNoDuplicate(policy, "created");
        tx.inTransaction(() -> {
            store.insert(policy);
            audited(caller, policy, "create");
            return null;
        });
        return policy;
    }

    /** {@code iam-access-management.policy.<verb>} with the policy's subject, roles, resource and state. */
    private void audited(Principal caller, Policy policy, String verb) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("subject", policy.subjectIamId());
        details.put("roles", String.join(",", policy.roleIds()));
        details.put("resource", policy.resourceAttributes().stream()
                .map(a -> a.name() + (a.operator() == null ? "=" : " " + a.operator() + " ") + a.value())
                .collect(Collectors.joining(",")));
        details.put("state", policy.state());
        audit.record(caller, policy.accountId(), "iam-access-management.policy." + verb,
                AuditTarget.of("policy", policy.id(), policy.description()), details);
    }

    public Policy get(Principal caller, String id) {
        Policy policy = find(id);
        Decision decision = access.checkPolicyRead(caller, policy);
        if (!decision.permitted()) {
            throw forbidden("read policy " + id, decision);
        }
        return policy;
    }

    /** IBM's PUT: everything but the type may change; {@code If-Match} must carry the policy's current ETag. */
    public Policy replace(Principal caller, String id, String ifMatch, PolicyRequest request) {
        Policy existing = find(id);
        requireIfMatchPresent(ifMatch);
        requireWrite(caller, existing, "update", "change policy " + id);
        requireCurrent(existing, ifMatch);
        if (request.api() == PolicyRequest.Api.V1 && existing.rule() != null) {
            throw DomainException.invalid("Policy " + id + " has conditions (a rule), which the v1 API cannot "
                    + "express: replace it through PUT /v2/policies/" + id + ".");
        }
        PolicyValidator.Valid valid = PolicyValidator.validate(request, caller.accountId());
        if (!valid.type().equals(existing.type())) {
            throw DomainException.invalid("The type of a policy cannot change: policy " + id + " is of type "
                    + existing.type() + ".");
        }
        Policy replacement = new Policy(id, existing.type(), existing.accountId(), valid.subjectIamId(),
                valid.roleIds(), valid.attributes(), valid.tags(), valid.description(), existing.state(),
                existing.createdAt(), existing.createdBy(), now(), caller.iamId(), existing.version() + 1,
                valid.pattern(), valid.rule());
        requireWrite(caller, replacement, "update", "change policy " + id + " into this one");
        requireSubjectInAccount(replacement);
        customRoles.requireUsableIn(replacement);
        if (Policy.ACTIVE.equals(replacement.state())) {
            requireNoDuplicate(replacement, "updated");
        }
        tx.inTransaction(() -> {
            write(existing, replacement);
            audited(caller, replacement, "update");
            return null;
        });
        return replacement;
    }

    /** IBM's PATCH: {@code active} or {@code deleted}; asking for the state the policy is in changes nothing. */
    public Policy updateState(Principal caller, String id, String ifMatch, String state) {
        Policy existing = find(id);
        if (state == null || !(state.equals(Policy.ACTIVE) || state.equals(DELETED))) {
            throw DomainException.invalid("Field 'state' must be active or deleted"
                    + (state == null ? "." : ", not '" + PolicyValidator.abbreviate(state) + "'."));
        }
        requireIfMatchPresent(ifMatch);
        requireWrite(caller, existing, state.equals(DELETED) ? "delete" : "update", "change policy " + id);
        requireCurrent(existing, ifMatch);
        if (existing.state().equals(state)) {
            return existing;
        }
        Policy changed = new Policy(id, existing.type(), existing.accountId(), existing.subjectIamId(),
                existing.roleIds(), existing.resourceAttributes(), existing.resourceTags(), existing.description(),
                state, existing.createdAt(), existing.createdBy(), now(), caller.iamId(), existing.version() + 1,
                existing.pattern(), existing.rule());
        if (state.equals(Policy.ACTIVE)) {
            customRoles.requireUsableIn(changed);
            requireNoDuplicate(changed, "restored");
        }
        tx.inTransaction(() -> {
            write(existing, changed);
            audited(caller, changed, state.equals(DELETED) ? "delete" : "update");
            return null;
        });
        return changed;
    }

    public void delete(Principal caller, String id) {
        Policy existing = find(id);
        requireWrite(caller, existing, "delete", "delete policy " + id);
        tx.inTransaction(() -> {
            if (!store.delete(id)) {
                throw notFound(id);
            }
            audited(caller, existing, "delete");
            return null;
        });
    }

    /**
     * The policies of the caller's account that the caller may read, oldest first or in IBM's {@code sort} order, with
     * IBM's resource filters. Readers of all policies ({@code iam-access-management.policy.read}) page in the
     * database when they ask for neither; otherwise the account's policies are filtered and ordered in memory.
     */
    public Page<Policy> list(Principal caller, ListPolicies query) {
        String accountId = query.accountId();
        if (accountId == null || accountId.isBlank()) {
            throw DomainException.invalid("Parameter 'account_id' is required: the account whose policies to list.");
        }
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId()
                    + "; it cannot list the policies of account " + accountId + ".");
        }
        String state = query.state() == ListPolicies.State.DELETED ? DELETED : Policy.ACTIVE;
        if (query.type() == ListPolicies.Type.AUTHORIZATION) {
            // Latchkey stores no authorization policies: there is nothing of that kind.
            return new Page<>(List.of(), query.offset(), query.limit(), false);
        }
        if (query.iamId() != null && query.accessGroupId() != null) {
            throw DomainException.invalid("Parameters 'iam_id' and 'access_group_id' name two subjects; give one.");
        }
        String subject = query.accessGroupId() != null ? query.accessGroupId() : query.iamId();
        Predicate<Policy> filter = query.filter();
        Comparator<Policy> order = query.order();
        Resource everyPolicy = Resource.service(accountId, AccessDecider.ACCESS_MANAGEMENT);
        boolean readsAll = access.permits(caller, AccessDecider.POLICY_ACTION_PREFIX + "read", everyPolicy);
        if (readsAll && !query.refined()) {
            return store.list(accountId, subject, state, query.offset(), query.limit());
        }
        Predicate<Policy> readable = readsAll ? policy -> true : access.policyReadable(caller);
        List<Policy> visible = new ArrayList<>();
        Page<Policy> batch;
        int offset = 0;
        do {
            batch = store.list(accountId, subject, state, offset, SCAN_BATCH);
            batch.items().stream().filter(readable.and(filter)).forEach(visible::add);
            offset += SCAN_BATCH;
        } while (batch.hasMore());
        visible.sort(order);
        int from = Math.min(query.offset(), visible.size());
        int to = Math.min(from + query.limit(), visible.size());
        return new Page<>(List.copyOf(visible.subList(from, to)), query.offset(), query.limit(), to < visible.size());
    }

    /** Whether the caller may remove {@code policy} ({@link #delete} would not refuse for lack of access). */
    public boolean mayRemove(Principal caller, Policy policy) {
        return access.checkPolicyWrite(caller, policy, "delete").permitted();
    }

    /**
     * Whether the caller may assign access on any service of their account, a service named by hand included:
     * Administrator on {@value AccessDecider#ACCESS_MANAGEMENT} (the account owner is).
     */
    public boolean mayAssignAnyService(Principal caller) {
        return access.permits(caller, AccessDecider.POLICY_ACTION_PREFIX + "create",
                Resource.service(caller.accountId(), AccessDecider.ACCESS_MANAGEMENT));
    }

    /** Whether the caller may assign access on the whole service {@code serviceName} of their account. */
    public boolean mayAssignOn(Principal caller, String serviceName) {
        Policy candidate = Policy.grant("candidate", caller.accountId(), "candidate", List.of(),
                List.of(new Policy.Attribute("accountId", caller.accountId(), null),
                        new Policy.Attribute("serviceName", serviceName, null)), null, caller.iamId(), Instant.EPOCH);
        return access.checkPolicyWrite(caller, candidate, "create").permitted();
    }

    private Policy find(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static DomainException notFound(String id) {
        return new DomainException(ErrorCode.POLICY_NOT_FOUND, "Policy with ID '" + id + "' not found.");
    }

    private void requireWrite(Principal caller, Policy policy, String verb, String what) {
        Decision decision = access.checkPolicyWrite(caller, policy, verb);
        if (!decision.permitted()) {
            throw forbidden(what, decision);
        }
    }

    private static DomainException forbidden(String what, Decision decision) {
        return DomainException.forbidden("You are not allowed to " + what + ": " + decision.reason() + ".");
    }

    /**
     * An access group subject must be a group of the account. An IAM id must have a user's ({@code IBMid-…}) or a
     * service ID's ({@code iam-ServiceId-…}) shape, but need not be the account's yet, as at IBM, whose tools write
     * policies before invitations are accepted: such a policy grants nothing until the identity is a member (it
     * has no token for the account before), and {@link #subjectIsMember} says so.
     */
    private void requireSubjectInAccount(Policy policy) {
        String subject = policy.subjectIamId();
        if (AccessGroup.isId(subject) && !subjects.existsIn(policy.accountId(), subject)) {
            throw DomainException.invalid("The subject access_group_id '" + PolicyValidator.abbreviate(subject)
                    + "' is not an access group of account " + policy.accountId() + ".");
        }
        if (!AccessGroup.isId(subject) && !IamIds.isUser(subject) && !IamIds.isServiceId(subject)) {
            throw DomainException.invalid("The subject iam_id '" + PolicyValidator.abbreviate(subject) + "' is "
                    + "neither a user's IAM id (" + IamIds.USER_PREFIX + "…) nor a service ID's ("
                    + IamIds.SERVICE_ID_PREFIX + "…).");
        }
    }

    /**
     * Whether the policy's subject is a member (a user), a service ID or an access group of the policy's account:
     * when not, the policy grants nothing (yet), and the API says so beside it.
     */
    public boolean subjectIsMember(Policy policy) {
        return subjects.existsIn(policy.accountId(), policy.subjectIamId());
    }

    /** An active policy may not have the same subject and resource (attributes and tags) as another. */
    private void requireNoDuplicate(Policy candidate, String verb) {
        Set<List<String>> resource = resourceOf(candidate);
        for (Policy other : store.forSubject(candidate.accountId(), candidate.subjectIamId())) {
            if (!other.id().equals(candidate.id()) && resourceOf(other).equals(resource)) {
                Map<String, Object> conflict = new LinkedHashMap<>();
                conflict.put("etag", EntityTag.of(other.id(), other.version()));
                conflict.put("policy", other.id());
                throw new DomainException(ErrorCode.POLICY_CONFLICT, "The policy wasn't " + verb + " because an "
                        + "access policy with identical attributes already exists. Please update the roles in the "
                        + "existing policy (" + other.id() + "), or update the one you're trying to assign to "
                        + "include a different attribute assignment.", Map.of("conflicts_with", conflict));
            }
        }
    }

    /**
     * A resource as a set, so order does not matter, and no operator means stringEquals; with the policy's
     * conditions, since a policy for other hours is another policy.
     */
    private static Set<List<String>> resourceOf(Policy policy) {
        Stream<List<String>> attributes = policy.resourceAttributes().stream().map(a -> entry("attribute", a));
        Stream<List<String>> tags = policy.resourceTags() == null ? Stream.empty()
                : policy.resourceTags().stream().map(a -> entry("tag", a));
        Stream<List<String>> rule = policy.rule() == null ? Stream.empty()
                : Stream.of(List.of("rule", String.valueOf(policy.pattern()), policy.rule().toString()));
        return Stream.concat(Stream.concat(attributes, tags), rule).collect(Collectors.toSet());
    }

    private static List<String> entry(String kind, Policy.Attribute attribute) {
        return List.of(kind, attribute.name(), attribute.value(),
                Objects.requireNonNullElse(attribute.operator(), "stringEquals"));
    }

    private static void requireIfMatchPresent(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(ErrorCode.MISSING_IF_MATCH, "The If-Match header is required: send the ETag "
                    + "header of the last GET of this policy, or * for any version.");
        }
    }

    private static void requireCurrent(Policy policy, String ifMatch) {
        try {
            EntityTag.requireMatch(ifMatch, policy.id(), policy.version());
        } catch (DomainException stale) {
            throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "Policy " + policy.id() + " was changed since "
                    + "it was read: If-Match is not its current ETag. GET it again and retry.");
        }
    }

    private void write(Policy before, Policy after) {
        if (!store.update(after, before.version())) {
            throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "Policy " + before.id() + " was changed by "
                    + "another request at the same time; GET it again and retry.");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
