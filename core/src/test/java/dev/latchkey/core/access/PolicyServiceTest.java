package dev.latchkey.core.access;

import static dev.latchkey.core.access.InMemoryAccess.ACCOUNT;
import static dev.latchkey.core.access.InMemoryAccess.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyServiceTest {
    final InMemoryAccess access = new InMemoryAccess();
    final CustomRoleService customRoles = new CustomRoleService(new dev.latchkey.core.common.InMemoryTransactor(),
            access.customRoles, access.policies, access.decider, new Ids(new SecureRandom()), Clock.systemUTC(),
            dev.latchkey.core.audit.Audits.inMemory(Clock.systemUTC()));
    final PolicyService service = new PolicyService(access.policies,
            (accountId, iamId) -> access.users.membership(accountId, iamId).isPresent() || iamId.startsWith("iam-ServiceId-"),
            customRoles, access.decider,
            new Ids(new SecureRandom()), Clock.fixed(Instant.parse("2025-02-03T04:05:06.789123Z"), ZoneOffset.UTC),
            new dev.latchkey.core.common.InMemoryTransactor(), dev.latchkey.core.audit.Audits.inMemory(Clock.systemUTC()));
    final Principal owner = new Principal(OWNER, ACCOUNT);
    final Principal member = access.member("IBMid-MEMBER0001");

    static Policy.Attribute attribute(String name, String value, String operator) {
        return new Policy.Attribute(name, value, operator);
    }

    PolicyRequest request(String subject, List<Policy.Attribute> attributes, List<Policy.Attribute> tags,
                          String... roles) {
        return new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(attribute("iam_id", subject,
                null)))), List.of(roles), List.of(new PolicyRequest.ResourceSpec(attributes, tags)), "d");
    }

    PolicyRequest onGroup(String group, String service, String... roles) {
        return new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(attribute("access_group_id", group,
                null)))), List.of(roles), List.of(new PolicyRequest.ResourceSpec(List.of(attribute("accountId", ACCOUNT,
                null), attribute("serviceName", service, null)), null)), "d");
    }

    PolicyRequest onService(String subject, String service, String... roles) {
        return request(subject, List.of(attribute("accountId", ACCOUNT, null), attribute("serviceName", service, null)),
                null, roles);
    }

    @Test
    void createKeepsAttributesAndTagsAsSentWithMillisecondTimes() {
        List<Policy.Attribute> attributes = List.of(attribute("accountId", ACCOUNT, "stringEquals"),
                attribute("serviceType", "service", "stringEquals"));
        List<Policy.Attribute> tags = List.of(attribute("project", "prototype", "stringEquals"));
        Policy created = service.create(owner, request(member.iamId(), attributes, tags, Role.VIEWER.crn()));
        assertThat(created.resourceAttributes()).isEqualTo(attributes);
        assertThat(created.resourceTags()).isEqualTo(tags);
        assertThat(created.createdAt()).isEqualTo(Instant.parse("2025-02-03T04:05:06.789Z"));
        assertThat(created.createdBy()).isEqualTo(OWNER);
        assertThat(access.policies.find(created.id())).contains(created);
    }

    @Test
    void aDuplicateIsRefusedNamingTheExistingPolicy() {
        Policy first = service.create(owner, onService(member.iamId(), "billing", Role.VIEWER.crn()));
        // Same resource in another order and with the operator spelled out: still the same resource.
        PolicyRequest same = request(member.iamId(), List.of(attribute("serviceName", "billing", "stringEquals"),
                attribute("accountId", ACCOUNT, null)), null, Role.EDITOR.crn());
        assertThatThrownBy(() -> service.create(owner, same)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.POLICY_CONFLICT);
            assertThat(e.getMessage()).contains(first.id());
            assertThat(e.details()).isEqualTo(Map.of("conflicts_with", Map.of("etag",
                    EntityTag.of(first.id(), 1), "policy", first.id())));
        });
        assertThat(service.updateState(owner, first.id(), "*", "deleted").state()).isEqualTo("deleted");
        Policy second = service.create(owner, same);
        assertThatThrownBy(() -> service.updateState(owner, first.id(), "*", "active"))
                .hasMessageContaining(second.id());
    }

    @Test
    void invalidRequestsNameWhatIsWrong() {
        Map<PolicyRequest, String> cases = Map.ofEntries(
                Map.entry(new PolicyRequest("authorization", null, null, null, null), "not supported"),
                Map.entry(new PolicyRequest(null, null, null, null, null), "'type' is required"),
                Map.entry(new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(
                        attribute("access_group_id", member.iamId(), null)))), null, null, null),
                        "must be an access group id (AccessGroupId-…) with the name access_group_id"),
                Map.entry(onService("AccessGroupId-0001", "billing", Role.VIEWER.crn()),
                        "an access group is named by access_group_id"),
                Map.entry(onGroup("AccessGroupId-NOTHERE", "billing", Role.VIEWER.crn()),
                        "is not an access group of account"),
                Map.entry(onService(member.iamId(), "billing"), "'roles' is required"),
                Map.entry(onService(member.iamId(), "billing", "crn:v1:bluemix:public:iam::::role:Nobody"),
                        "not a role Latchkey knows"),
                Map.entry(onService(member.iamId(), "billing",
                        "crn:v1:ibmcloud:public:iam-access-management::a/" + ACCOUNT + "::customRole:Mine"),
                        "is not a custom role of account"),
                Map.entry(onService(member.iamId(), "billing", Role.SERVICE_ID_CREATOR.crn()),
                        "cannot be granted on service billing"),
                Map.entry(request(member.iamId(), List.of(attribute("serviceName", "billing", null)), null,
                        Role.VIEWER.crn()), "must include accountId"),
                Map.entry(request(member.iamId(), List.of(attribute("accountId", "f".repeat(32), null),
                        attribute("serviceName", "billing", null)), null, Role.VIEWER.crn()),
                        "must be the account of your access token"),
                Map.entry(request(member.iamId(), List.of(attribute("accountId", ACCOUNT, null)), null,
                        Role.VIEWER.crn()), "besides accountId"),
                Map.entry(request(member.iamId(), List.of(attribute("accountId", ACCOUNT, null),
                        attribute("colour", "blue", null)), null, Role.VIEWER.crn()), "attributes[1].name' must be one of"),
                Map.entry(request(member.iamId(), List.of(attribute("accountId", ACCOUNT, null),
                        attribute("serviceName", "billing", "stringExists")), null, Role.VIEWER.crn()),
                        "must be stringEquals or stringMatch"),
                Map.entry(onService("bob@example.com", "billing", Role.VIEWER.crn()), "neither a user's IAM id"));
        cases.forEach((request, message) -> assertThatThrownBy(() -> service.create(owner, request))
                .as(message).isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.getMessage()).contains(message);
                }));
        assertThat(access.policies.byId).isEmpty();
    }

    @Test
    void aServiceIdSubjectIsTakenOnTrust() {
        Policy created = service.create(owner, onService("iam-ServiceId-1234", "billing", Role.VIEWER.crn()));
        assertThat(created.subjectIamId()).isEqualTo("iam-ServiceId-1234");
    }

    @Test
    void replaceNeedsTheCurrentTagAndKeepsTheType() {
        Policy created = service.create(owner, onService(member.iamId(), "billing", Role.VIEWER.crn()));
        PolicyRequest editor = onService(member.iamId(), "billing", Role.EDITOR.crn());
        assertThatThrownBy(() -> service.replace(owner, created.id(), null, editor))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_IF_MATCH));
        assertThatThrownBy(() -> service.replace(owner, created.id(), EntityTag.of(created.id(), 7), editor))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENTITY_TAG_MISMATCH));
        assertThat(access.policies.find(created.id())).contains(created);
        Policy replaced = service.replace(owner, created.id(), EntityTag.of(created.id(), 1), editor);
        assertThat(replaced.version()).isEqualTo(2);
        assertThat(replaced.roleIds()).containsExactly(Role.EDITOR.crn());
        assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
        assertThatThrownBy(() -> service.updateState(owner, created.id(), EntityTag.of(created.id(), 1), "active"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.ENTITY_TAG_MISMATCH));
        assertThat(service.updateState(owner, created.id(), EntityTag.of(created.id(), 2), "active"))
                .as("a no-op state change").isEqualTo(replaced);
    }

    @Test
    void aPlainMemberListsOnlyThePoliciesTheyMayRead() {
        Policy mine = service.create(owner, onService(member.iamId(), "billing", Role.VIEWER.crn()));
        Principal other = access.member("IBMid-OTHER00002");
        service.create(owner, onService(other.iamId(), "billing", Role.VIEWER.crn()));
        var page = service.list(member, new ListPolicies(ACCOUNT, null, null, null, null, 0, 10));
        assertThat(page.items()).containsExactly(mine);
        assertThat(service.list(owner, new ListPolicies(ACCOUNT, null, null, null, null, 0, 10)).items()).hasSize(2);
        assertThatThrownBy(() -> service.list(member, new ListPolicies("f".repeat(32), null, null, null, null, 0, 10)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
        assertThat(service.list(owner, new ListPolicies(ACCOUNT, null, null, ListPolicies.Type.AUTHORIZATION, null, 0, 10)).items())
                .isEmpty();
    }
}
