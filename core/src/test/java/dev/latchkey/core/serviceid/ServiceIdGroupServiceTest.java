package dev.latchkey.core.serviceid;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Service ID groups on the in-memory stores: who may do what, unique names, If-Match, the account's limit, the audit
 * trail, and service IDs that name their group (decision 0043).
 */
class ServiceIdGroupServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final ServiceIdGroupService groups = s.serviceIdGroups;
    final ServiceIdService serviceIds = s.serviceIds;
    final InMemoryServiceIdGroupStore store = s.stores.serviceIdGroups;

    static void refused(ErrorCode code, String messagePart, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    Principal withRole(String iamId, Role role) {
        Principal who = s.member(iamId);
        s.grantOnIdentity(who, role);
        return who;
    }

    ServiceIdGroup made(String name) {
        return groups.create(OWNER, new CreateServiceIdGroup(null, name, null));
    }

    static String tag(ServiceIdGroup group) {
        return EntityTag.of(group.id(), group.version());
    }

    List<String> actions() {
        return s.audited.stream().map(AuditEvent::action).toList();
    }

    @Test
    void aGroupIsCreatedReadRenamedListedAndDeletedAndEachChangeIsAudited() {
        ServiceIdGroup group = groups.create(OWNER, new CreateServiceIdGroup(ACCOUNT, "payments", "the payment jobs"));
        assertThat(group.id()).matches("ServiceIdGroup-[0-9a-f-]{36}");
        assertThat(group.crn()).isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + ACCOUNT + "::serviceidgroup:"
                + group.id());
        assertThat(group.createdBy()).isEqualTo(OWNER.iamId());
        assertThat(group.version()).isEqualTo(1);
        assertThat(groups.get(OWNER, group.id())).isEqualTo(group);

        s.clock.advance(java.time.Duration.ofMinutes(1));
        ServiceIdGroup renamed = groups.update(OWNER, group.id(), tag(group),
                new UpdateServiceIdGroup("billing", null));
        assertThat(renamed.name()).isEqualTo("billing");
        assertThat(renamed.description()).as("left out: unchanged").isEqualTo("the payment jobs");
        assertThat(renamed.modifiedAt()).isAfter(group.modifiedAt());
        assertThat(renamed.createdAt()).isEqualTo(group.createdAt());
        assertThat(renamed.version()).isEqualTo(2);
        ServiceIdGroup cleared = groups.update(OWNER, group.id(), "*", new UpdateServiceIdGroup("billing", ""));
        assertThat(cleared.description()).as("empty clears it").isNull();
        assertThat(store.find(group.id())).contains(cleared);

        ServiceIdGroup second = made("audit jobs");
        assertThat(groups.list(OWNER, null)).containsExactly(cleared, second);
        assertThat(groups.list(STRANGER, null)).as("the other account's own, none").isEmpty();

        groups.delete(OWNER, group.id());
        assertThat(store.find(group.id())).isEmpty();
        refused(ErrorCode.NOT_FOUND, group.id(), () -> groups.get(OWNER, group.id()));
        refused(ErrorCode.NOT_FOUND, group.id(), () -> groups.delete(OWNER, group.id()));

        assertThat(actions()).containsExactly("iam-identity.serviceidgroup.create",
                "iam-identity.serviceidgroup.update", "iam-identity.serviceidgroup.update",
                "iam-identity.serviceidgroup.create", "iam-identity.serviceidgroup.delete");
        AuditEvent rename = s.audited.get(1);
        assertThat(rename.target()).isEqualTo(AuditTarget.of("serviceidgroup", group.id(), "billing"));
        assertThat(rename.details()).containsEntry("name", "billing").doesNotContainKey("description");
        assertThat(s.audited.get(2).details()).containsEntry("description", "").doesNotContainKey("name");
        assertThat(s.auditLog.verify(ACCOUNT).intact()).isTrue();
    }

    @Test
    void viewersReadEditorsAlsoCreateAndChangeOperatorsAndAdministratorsAlsoDelete() {
        Principal viewer = withRole("IBMid-VIEWER0001", Role.VIEWER);
        Principal editor = withRole("IBMid-EDITOR0001", Role.EDITOR);
        Principal operator = withRole("IBMid-OPERATOR01", Role.OPERATOR);
        Principal admin = withRole("IBMid-ADMIN00001", Role.ADMINISTRATOR);
        Principal member = s.member("IBMid-MEMBER0001");
        ServiceIdGroup group = made("shared");

        assertThat(groups.get(viewer, group.id())).isEqualTo(group);
        assertThat(groups.list(viewer, ACCOUNT)).containsExactly(group);
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.create",
                () -> groups.create(viewer, new CreateServiceIdGroup(null, "mine", null)));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.update",
                () -> groups.update(viewer, group.id(), "*", new UpdateServiceIdGroup("x", null)));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.get", () -> groups.get(member, group.id()));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.list", () -> groups.list(member, null));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.get", () -> groups.get(STRANGER, group.id()));
        refused(ErrorCode.FORBIDDEN, "account " + ACCOUNT, () -> groups.list(STRANGER, ACCOUNT));

        // the predicates the console offers its forms by are the same rules
        for (Principal who : List.of(viewer, editor, operator, admin, member, STRANGER)) {
            boolean edits = who == editor || who == operator || who == admin;
            assertThat(groups.mayCreate(who, ACCOUNT)).as(who.iamId()).isEqualTo(edits);
            assertThat(groups.mayChange(who, group)).as(who.iamId()).isEqualTo(edits);
            assertThat(groups.mayDelete(who, group)).as(who.iamId()).isEqualTo(who == operator || who == admin);
            assertThat(groups.mayList(who, ACCOUNT)).as(who.iamId()).isEqualTo(who != member && who != STRANGER);
        }
        assertThat(groups.mayCreate(OWNER, ACCOUNT)).isTrue();
        assertThat(groups.mayCreate(OWNER, STRANGER.accountId())).as("only in the caller's account").isFalse();

        ServiceIdGroup editors = groups.create(editor, new CreateServiceIdGroup(null, "editors", null));
        ServiceIdGroup changed = groups.update(editor, editors.id(), "*", new UpdateServiceIdGroup("editors", "d"));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.delete", () -> groups.delete(editor, editors.id()));
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.delete", () -> groups.delete(viewer, editors.id()));
        assertThat(store.find(editors.id())).contains(changed);
        groups.delete(operator, editors.id());
        groups.delete(admin, group.id());
        assertThat(store.list(ACCOUNT)).isEmpty();
    }

    @Test
    void namesAreUniqueInAnAccountOnlyAndARefusedWriteLeavesEverythingAsItWas() {
        ServiceIdGroup first = made("payments");
        ServiceIdGroup second = made("reports");
        int events = s.audited.size();
        refused(ErrorCode.DUPLICATE_VALUE, "'payments'", () -> made("payments"));
        refused(ErrorCode.DUPLICATE_VALUE, "'payments'", () -> groups.update(OWNER, second.id(), tag(second),
                new UpdateServiceIdGroup("payments", "moved")));
        assertThat(store.find(second.id())).contains(second);
        assertThat(groups.update(OWNER, first.id(), tag(first), new UpdateServiceIdGroup("payments", "same name"))
                .description()).as("its own name is no clash").isEqualTo("same name");
        assertThat(groups.create(STRANGER, new CreateServiceIdGroup(null, "payments", null)).accountId())
                .as("another account may use the name").isEqualTo(OTHER_ACCOUNT);
        assertThat(made("Payments").name()).as("names are compared exactly").isEqualTo("Payments");
        assertThat(s.audited).hasSize(events + 3);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        refused(ErrorCode.INVALID_REQUEST, "'name' is required", () -> made(""));
        refused(ErrorCode.INVALID_REQUEST, "'name' is required", () -> made(null));
        refused(ErrorCode.INVALID_REQUEST, "'name' must be at most 256",
                () -> made("n".repeat(257)));
        refused(ErrorCode.INVALID_REQUEST, "'description' must be at most 1024", () -> groups.create(OWNER,
                new CreateServiceIdGroup(null, "ok", "d".repeat(1025))));
        refused(ErrorCode.INVALID_REQUEST, "'account_id'", () -> groups.create(OWNER,
                new CreateServiceIdGroup(OTHER_ACCOUNT, "elsewhere", null)));
        assertThat(store.list(ACCOUNT)).isEmpty();
        assertThat(store.list(OTHER_ACCOUNT)).isEmpty();
        ServiceIdGroup group = made("payments");
        refused(ErrorCode.INVALID_REQUEST, "'name' is required", () -> groups.update(OWNER, group.id(), "*",
                new UpdateServiceIdGroup(null, "no name")));
        assertThat(store.find(group.id())).contains(group);
        assertThat(s.audited).hasSize(1);
    }

    @Test
    void anUpdateNeedsTheCurrentEntityTagOrAStar() {
        ServiceIdGroup group = made("payments");
        refused(ErrorCode.MISSING_IF_MATCH, "If-Match", () -> groups.update(OWNER, group.id(), null,
                new UpdateServiceIdGroup("x", null)));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, "entity_tag", () -> groups.update(OWNER, group.id(),
                EntityTag.of(group.id(), 2), new UpdateServiceIdGroup("x", null)));
        ServiceIdGroup renamed = groups.update(OWNER, group.id(), tag(group), new UpdateServiceIdGroup("x", null));
        refused(ErrorCode.ENTITY_TAG_MISMATCH, "entity_tag", () -> groups.update(OWNER, group.id(), tag(group),
                new UpdateServiceIdGroup("y", null)));
        assertThat(store.find(group.id())).contains(renamed);
        assertThat(store.update(renamed.withDetails("z", null, renamed.modifiedAt()), 1))
                .as("the store refuses a version it does not hold").isEqualTo(ServiceIdGroupStore.Outcome.STALE);
    }

    @Test
    void anAccountHoldsAtMostTheLimitOfGroups() {
        for (int i = 0; i < ServiceIdGroupService.MAX_GROUPS; i++) {
            made("group-" + i);
        }
        refused(ErrorCode.LIMIT_REACHED, "delete one first", () -> made("one too many"));
        assertThat(store.list(ACCOUNT)).hasSize(ServiceIdGroupService.MAX_GROUPS);
        assertThat(groups.create(STRANGER, new CreateServiceIdGroup(null, "group-0", null)))
                .as("the limit is per account").isNotNull();
    }

    @Test
    void aServiceIdNamesItsGroupOnCreateAndUpdateAndListsNarrowToAGroup() {
        ServiceIdGroup payments = made("payments");
        ServiceIdGroup reports = made("reports");
        ServiceId payer = serviceIds.create(OWNER, new CreateServiceId(null, "payer", null, null, null, false,
                payments.id())).serviceId();
        ServiceId loose = serviceIds.create(OWNER, new CreateServiceId(null, "loose", null, null, null, false, ""))
                .serviceId();
        assertThat(payer.groupId()).isEqualTo(payments.id());
        assertThat(loose.groupId()).as("empty: the default group").isNull();
        assertThat(serviceIds.get(OWNER, payer.id()).groupId()).isEqualTo(payments.id());

        ListServiceIds all = new ListServiceIds(null, null, null, ServiceIdQuery.SortField.NAME, false, 0, 10);
        assertThat(serviceIds.list(OWNER, all).items()).as("no group named: every group").containsExactly(loose, payer);
        assertThat(serviceIds.list(OWNER, inGroup(payments.id())).items()).containsExactly(payer);
        assertThat(serviceIds.list(OWNER, inGroup(reports.id())).items()).isEmpty();
        refused(ErrorCode.INVALID_REQUEST, "'group_id'", () -> serviceIds.list(OWNER, inGroup("ServiceIdGroup-none")));

        ServiceId moved = serviceIds.update(OWNER, payer.id(), "*", new UpdateServiceId(null, null, null,
                reports.id()));
        assertThat(moved.groupId()).isEqualTo(reports.id());
        assertThat(moved.name()).isEqualTo("payer");
        ServiceId renamed = serviceIds.update(OWNER, payer.id(), "*", new UpdateServiceId("payer-2", null, null));
        assertThat(renamed.groupId()).as("left out: unchanged").isEqualTo(reports.id());
        ServiceId back = serviceIds.update(OWNER, payer.id(), "*", new UpdateServiceId(null, null, null, ""));
        assertThat(back.groupId()).as("empty: back to the default group").isNull();
        assertThat(s.stores.serviceIds.find(payer.id())).contains(back);
        AuditEvent move = s.audited.stream().filter(e -> e.action().equals("iam-identity.serviceid.update"))
                .findFirst().orElseThrow();
        assertThat(move.details()).containsEntry("group_id", reports.id());
        assertThat(s.audited.stream().filter(e -> e.action().equals("iam-identity.serviceid.create")).findFirst()
                .orElseThrow().details()).containsEntry("group_id", payments.id());
    }

    ListServiceIds inGroup(String groupId) {
        return new ListServiceIds(null, null, null, ServiceIdQuery.SortField.NAME, false, 0, 10, groupId);
    }

    @Test
    void aServiceIdMayNameOnlyAGroupOfItsAccountThatTheCallerMayChange() {
        ServiceIdGroup payments = made("payments");
        ServiceIdGroup elsewhere = groups.create(STRANGER, new CreateServiceIdGroup(null, "elsewhere", null));
        refused(ErrorCode.INVALID_REQUEST, "'group_id' must name a service ID group of account " + ACCOUNT,
                () -> serviceIds.create(OWNER, new CreateServiceId(null, "x", null, null, null, false,
                        "ServiceIdGroup-none")));
        refused(ErrorCode.INVALID_REQUEST, "'" + elsewhere.id() + "' is none",
                () -> serviceIds.create(OWNER, new CreateServiceId(null, "x", null, null, null, false,
                        elsewhere.id())));
        Principal viewer = withRole("IBMid-VIEWER0001", Role.VIEWER);
        refused(ErrorCode.FORBIDDEN, "iam-identity.serviceidgroup.update",
                () -> serviceIds.create(viewer, new CreateServiceId(null, "x", null, null,
                        new CreateServiceId.NestedApiKey("k", null, null, null, null, null), false, payments.id())));
        assertThat(s.stores.serviceIds.list(new ServiceIdQuery(ACCOUNT, null, null,
                ServiceIdQuery.SortField.NAME, false, 0, 10)).items()).as("nothing written").isEmpty();
        assertThat(s.stores.keys.all()).as("nor the nested key").noneMatch(k -> k.name().equals("k"));

        ServiceId own = serviceIds.create(viewer, new CreateServiceId(null, "mine", null, null, null, false))
                .serviceId();
        refused(ErrorCode.FORBIDDEN, "put a service ID into service ID group",
                () -> serviceIds.update(viewer, own.id(), "*", new UpdateServiceId(null, null, null, payments.id())));
        ServiceId grouped = serviceIds.update(OWNER, own.id(), "*", new UpdateServiceId(null, null, null,
                payments.id()));
        refused(ErrorCode.FORBIDDEN, "take a service ID out of service ID group",
                () -> serviceIds.update(viewer, own.id(), "*", new UpdateServiceId(null, null, null, "")));
        refused(ErrorCode.INVALID_REQUEST, "'group_id'", () -> serviceIds.update(OWNER, own.id(), "*",
                new UpdateServiceId("renamed", null, null, elsewhere.id())));
        assertThat(s.stores.serviceIds.find(own.id())).contains(grouped);
    }

    @Test
    void aGroupThatAServiceIdNamesIsNotDeletedUntilItIsEmpty() {
        ServiceIdGroup payments = made("payments");
        ServiceId payer = serviceIds.create(OWNER, new CreateServiceId(null, "payer", null, null, null, false,
                payments.id())).serviceId();
        int events = s.audited.size();
        refused(ErrorCode.INVALID_STATE, "still has service IDs", () -> groups.delete(OWNER, payments.id()));
        assertThat(store.find(payments.id())).contains(payments);
        assertThat(s.audited).hasSize(events);

        serviceIds.update(OWNER, payer.id(), "*", new UpdateServiceId(null, null, null, ""));
        groups.delete(OWNER, payments.id());
        assertThat(store.find(payments.id())).isEmpty();

        ServiceIdGroup reports = made("reports");
        ServiceId reporter = serviceIds.create(OWNER, new CreateServiceId(null, "reporter", null, null, null, false,
                reports.id())).serviceId();
        serviceIds.delete(OWNER, reporter.id());
        groups.delete(OWNER, reports.id());
        assertThat(store.list(ACCOUNT)).as("deleting its last service ID empties a group").isEmpty();
    }
}
