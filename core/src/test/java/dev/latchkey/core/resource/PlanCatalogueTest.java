package dev.latchkey.core.resource;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The plan catalogue on the in-memory fakes: built-in plans in every account, registered plans in theirs only, an
 * instance created with the plan alone getting the plan's service, who may register and delete, the refusals and
 * their field names, plan changes within a service, and the audit trail of every catalogue change.
 */
class PlanCatalogueTest {
    static final String LITE = "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8";
    static final String STANDARD = "744bfc56-d12c-4866-88d5-dac9139e0e5d";

    final InMemoryServices s = new InMemoryServices();
    final ResourceService resources = new ResourceService(s.stores.tx, s.stores.resources, s.stores.resourcePlans,
            s.stores.serviceIds, s.apiKeys, s.stores.keys, s.stores.policies, s.stores.accessGroups, s.access, s.ids,
            s.clock, s.audit);
    final PlanCatalogue catalogue = resources.plans();

    static void refused(ErrorCode code, String message, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code)).hasMessageContaining(message);
    }

    static CreateResourceInstance onPlan(String plan, String service) {
        return new CreateResourceInstance("shelf", null, null, plan, service, null, null, false);
    }

    static RegisterResourcePlan plan(String id, String service) {
        return new RegisterResourcePlan(id, "Gold", service, null);
    }

    List<AuditEvent> events(String action) {
        return s.audited.stream().filter(e -> e.action().equals(action)).toList();
    }

    @Test
    void aBuiltInPlanAloneNamesItsServiceInEveryAccount() {
        ResourceInstance mine = resources.createInstance(OWNER, onPlan(LITE, null));
        ResourceInstance theirs = resources.createInstance(STRANGER, onPlan(STANDARD, null));

        assertThat(mine.serviceName()).isEqualTo("cloud-object-storage");
        assertThat(mine.planId()).isEqualTo(LITE);
        assertThat(mine.planSince()).isEqualTo(mine.createdAt());
        assertThat(mine.planSetBy()).isEqualTo(OWNER.iamId());
        assertThat(theirs.serviceName()).isEqualTo("cloud-object-storage");
        assertThat(s.stores.resources.findInstance(mine.guid())).contains(mine);
        assertThat(catalogue.get(STRANGER, LITE).isBuiltIn()).isTrue();
    }

    @Test
    void aRegisteredPlanNamesItsServiceInItsOwnAccountOnlySoNobodySquatsOnAnotherAccountsIds() {
        ResourcePlan gold = catalogue.register(OWNER, plan("gold", "books"));
        assertThat(gold).isEqualTo(new ResourcePlan("gold", ACCOUNT, "books", "Gold",
                InMemoryServices.T0, OWNER.iamId()));

        assertThat(resources.createInstance(OWNER, onPlan("gold", null)).serviceName()).isEqualTo("books");
        refused(ErrorCode.INVALID_REQUEST, "'resource_plan_id' names no plan of the catalogue: 'gold'",
                () -> resources.createInstance(STRANGER, onPlan("gold", null)));
        refused(ErrorCode.NOT_FOUND, "gold", () -> catalogue.get(STRANGER, "gold"));
        refused(ErrorCode.NOT_FOUND, "gold", () -> catalogue.delete(STRANGER, "gold"));

        ResourcePlan theirs = catalogue.register(STRANGER, plan("gold", "films"));
        assertThat(theirs.accountId()).isEqualTo(OTHER_ACCOUNT);
        assertThat(resources.createInstance(STRANGER, onPlan("gold", null)).serviceName()).isEqualTo("films");
        assertThat(resources.createInstance(OWNER, onPlan("gold", null)).serviceName()).isEqualTo("books");
    }

    @Test
    void theServiceAndThePlanMustAgreeAndWithoutACataloguedPlanTheServiceIsNeeded() {
        catalogue.register(OWNER, plan("gold", "books"));

        refused(ErrorCode.INVALID_REQUEST, "names plan gold of service books, but 'resource_id' names service films",
                () -> resources.createInstance(OWNER, onPlan("gold", "films")));
        assertThat(resources.createInstance(OWNER, onPlan("gold", "books")).planId()).isEqualTo("gold");
        assertThat(resources.createInstance(OWNER, new CreateResourceInstance("x", null, null, "gold", null, null,
                "books", false)).serviceName()).as("IBM's SDK's parameters.service_name agrees").isEqualTo("books");
        assertThat(resources.createInstance(OWNER, onPlan("plan-gold", "films")).planId())
                .as("a plan the catalogue lacks is stored as given beside a service").isEqualTo("plan-gold");
        assertThat(resources.createInstance(OWNER, onPlan(null, "films")).planId()).isEqualTo("plan-free");
        refused(ErrorCode.INVALID_REQUEST, "'resource_id' is required with resource_plan_id 'plan-free'",
                () -> resources.createInstance(OWNER, onPlan("plan-free", null)));
        refused(ErrorCode.INVALID_REQUEST, "'resource_id' is required",
                () -> resources.createInstance(OWNER, onPlan(null, null)));
        refused(ErrorCode.INVALID_REQUEST, "'resource_plan_id' must be 1 to 256",
                () -> resources.createInstance(OWNER, onPlan("", null)));
        refused(ErrorCode.INVALID_REQUEST, "part of the platform",
                () -> resources.createInstance(OWNER, onPlan("gold", "iam-identity")));
    }

    @Test
    void administratorsOfTheServiceRegisterAndDeleteEditorsAndOthersMayNot() {
        Principal member = s.member("IBMid-MEMBER0001");
        Principal editor = s.member("IBMid-EDITOR0001");
        Principal admin = s.member("IBMid-ADMIN00001");
        Principal groupAdmin = s.member("IBMid-GROUPADM01");
        s.grant(editor.iamId(), Role.EDITOR, "serviceName", "books");
        s.grant(admin.iamId(), Role.ADMINISTRATOR, "serviceName", "books");
        s.grant(groupAdmin.iamId(), Role.ADMINISTRATOR, "serviceName", "books", "resourceGroupId", "default");

        refused(ErrorCode.FORBIDDEN, "resource-controller.plan.create",
                () -> catalogue.register(member, plan("gold", "books")));
        refused(ErrorCode.FORBIDDEN, "resource-controller.plan.create",
                () -> catalogue.register(editor, plan("gold", "books")));
        refused(ErrorCode.FORBIDDEN, "resource-controller.plan.create",
                () -> catalogue.register(groupAdmin, plan("gold", "books")));
        refused(ErrorCode.FORBIDDEN, "resource-controller.plan.create",
                () -> catalogue.register(admin, plan("gold", "films")));
        assertThat(events("resource-controller.plan.create")).as("no refusal is recorded as a change").isEmpty();

        catalogue.register(admin, plan("gold", "books"));
        assertThat(catalogue.get(member, "gold").serviceName()).as("everyone in the account reads it").isEqualTo("books");
        refused(ErrorCode.FORBIDDEN, "resource-controller.plan.delete", () -> catalogue.delete(editor, "gold"));
        catalogue.delete(admin, "gold");
        refused(ErrorCode.NOT_FOUND, "gold", () -> catalogue.get(admin, "gold"));
    }

    @Test
    void badRegistrationsAreRefusedNamingTheFieldAndWriteNothing() {
        refused(ErrorCode.INVALID_REQUEST, "'id' is required", () -> catalogue.register(OWNER, plan(null, "books")));
        refused(ErrorCode.INVALID_REQUEST, "'id' must be 1 to 128",
                () -> catalogue.register(OWNER, plan("-gold", "books")));
        refused(ErrorCode.INVALID_REQUEST, "'id' must be 1 to 128",
                () -> catalogue.register(OWNER, plan("g/old", "books")));
        refused(ErrorCode.INVALID_REQUEST, "'id' must be 1 to 128",
                () -> catalogue.register(OWNER, plan("g".repeat(129), "books")));
        refused(ErrorCode.INVALID_REQUEST, "'name' is required",
                () -> catalogue.register(OWNER, new RegisterResourcePlan("gold", null, "books", null)));
        refused(ErrorCode.INVALID_REQUEST, "'resource_id' is required",
                () -> catalogue.register(OWNER, plan("gold", null)));
        refused(ErrorCode.INVALID_REQUEST, "different services",
                () -> catalogue.register(OWNER, new RegisterResourcePlan("gold", "Gold", "books", "films")));
        refused(ErrorCode.INVALID_REQUEST, "must be a service name",
                () -> catalogue.register(OWNER, plan("gold", "Books")));
        refused(ErrorCode.INVALID_REQUEST, "part of the platform",
                () -> catalogue.register(OWNER, plan("gold", "iam-identity")));
        refused(ErrorCode.DUPLICATE_VALUE, "default plan", () -> catalogue.register(OWNER, plan("plan-free", "books")));
        refused(ErrorCode.DUPLICATE_VALUE, "built-in plan (Lite of service cloud-object-storage)",
                () -> catalogue.register(OWNER, plan(LITE, "cloud-object-storage")));
        catalogue.register(OWNER, plan("gold", "books"));
        refused(ErrorCode.DUPLICATE_VALUE, "has a plan with id 'gold' already",
                () -> catalogue.register(OWNER, plan("gold", "books")));

        assertThat(catalogue.list(OWNER, "books", 0, 10).items()).extracting(ResourcePlan::id).containsExactly("gold");
        assertThat(events("resource-controller.plan.create")).hasSize(1);
    }

    @Test
    void anIdThatInstancesOfAnotherServiceCarryIsRefusedAndTheRefusalLeavesNoPlanBehind() {
        ResourceInstance films = resources.createInstance(OWNER, onPlan("silver", "films"));

        refused(ErrorCode.INVALID_STATE, "carried already by active instance " + films.guid() + " of service films",
                () -> catalogue.register(OWNER, plan("silver", "books")));
        assertThat(s.stores.resourcePlans.find(ACCOUNT, "silver")).as("rolled back with the refusal").isEmpty();
        assertThat(events("resource-controller.plan.create")).isEmpty();

        assertThat(catalogue.register(OWNER, plan("silver", "films")).serviceName()).isEqualTo("films");
    }

    @Test
    void aPlanInUseIsNotDeletedABuiltInOneNeverAndEachChangeIsAudited() {
        catalogue.register(OWNER, plan("gold", "books"));
        ResourceInstance shelf = resources.createInstance(OWNER, onPlan("gold", null));

        refused(ErrorCode.INVALID_STATE, "is used by 1 active instance(s), e.g. " + shelf.guid(),
                () -> catalogue.delete(OWNER, "gold"));
        refused(ErrorCode.FORBIDDEN, "built in", () -> catalogue.delete(OWNER, LITE));
        refused(ErrorCode.NOT_FOUND, "nothing", () -> catalogue.delete(OWNER, "nothing"));
        assertThat(catalogue.get(OWNER, "gold").serviceName()).isEqualTo("books");

        resources.deleteInstance(OWNER, shelf.guid(), false);
        catalogue.delete(OWNER, "gold");
        refused(ErrorCode.NOT_FOUND, "gold", () -> catalogue.get(OWNER, "gold"));

        AuditEvent created = events("resource-controller.plan.create").getFirst();
        AuditEvent deleted = events("resource-controller.plan.delete").getFirst();
        assertThat(List.of(created.accountId(), created.actor(), created.target().type(), created.target().id(),
                created.target().name())).containsExactly(ACCOUNT, OWNER.iamId(), "resource_plan", "gold", "Gold");
        assertThat(created.details()).containsEntry("service", "books").containsEntry("name", "Gold");
        assertThat(deleted.target().id()).isEqualTo("gold");
        assertThat(deleted.details()).containsEntry("service", "books");
        assertThat(events("resource-controller.plan.delete")).hasSize(1);
    }

    @Test
    void theListHasTheBuiltInPlansFirstThenTheAccountsOwnInOrderAndPagesAcrossBoth() {
        catalogue.register(OWNER, plan("gold", "books"));
        s.clock.advance(Duration.ofSeconds(1));
        catalogue.register(OWNER, plan("bronze", "books"));
        s.clock.advance(Duration.ofSeconds(1));
        catalogue.register(OWNER, plan("reel", "films"));
        catalogue.register(STRANGER, plan("theirs", "books"));

        assertThat(catalogue.list(OWNER, null, 0, 10).items()).extracting(ResourcePlan::id)
                .containsExactly(LITE, STANDARD, "gold", "bronze", "reel");
        assertThat(catalogue.list(OWNER, "books", 0, 10).items()).extracting(ResourcePlan::id)
                .containsExactly("gold", "bronze");
        assertThat(catalogue.list(OWNER, "cloud-object-storage", 0, 10).items()).hasSize(2);
        assertThat(catalogue.list(STRANGER, null, 0, 10).items()).extracting(ResourcePlan::id)
                .containsExactly(LITE, STANDARD, "theirs");

        for (int limit = 1; limit <= 6; limit++) {
            List<String> seen = new java.util.ArrayList<>();
            int offset = 0;
            var page = catalogue.list(OWNER, null, offset, limit);
            seen.addAll(page.items().stream().map(ResourcePlan::id).toList());
            while (page.hasMore()) {
                offset += limit;
                page = catalogue.list(OWNER, null, offset, limit);
                seen.addAll(page.items().stream().map(ResourcePlan::id).toList());
            }
            assertThat(seen).as("pages of %d", limit).containsExactly(LITE, STANDARD, "gold", "bronze", "reel");
        }
        assertThat(catalogue.list(OWNER, null, 0, 2).hasMore()).isTrue();
        assertThat(catalogue.list(OWNER, null, 0, 5).hasMore()).isFalse();
        assertThat(catalogue.list(OWNER, "nothing", 0, 5).items()).isEmpty();
    }

    @Test
    void anInstanceMovesBetweenPlansOfItsServiceOnly() {
        catalogue.register(OWNER, plan("gold", "books"));
        catalogue.register(OWNER, plan("platinum", "books"));
        catalogue.register(OWNER, plan("reel", "films"));
        ResourceInstance shelf = resources.createInstance(OWNER, onPlan("gold", null));
        Principal editor = s.member("IBMid-EDITOR0001");
        s.grant(editor.iamId(), Role.EDITOR, "serviceName", "books");
        s.clock.advance(Duration.ofMinutes(1));

        ResourceInstance moved = resources.updateInstance(editor, shelf.guid(), null, "platinum");
        assertThat(List.of(moved.planId(), moved.name(), moved.lastOperation())).containsExactly("platinum", "shelf",
                "update");
        assertThat(moved.planSince()).isEqualTo(InMemoryServices.T0.plus(Duration.ofMinutes(1)));
        assertThat(moved.planSetBy()).isEqualTo(editor.iamId());
        assertThat(s.stores.resources.findInstance(shelf.guid())).contains(moved);
        AuditEvent update = events("resource-controller.instance.update").getLast();
        assertThat(update.details()).containsEntry("plan", "platinum").containsEntry("previous_plan", "gold")
                .doesNotContainKey("name");

        s.clock.advance(Duration.ofMinutes(1));
        ResourceInstance renamed = resources.updateInstance(editor, shelf.guid(), "shelf two", null);
        assertThat(renamed.planSince()).as("a rename leaves the plan's time").isEqualTo(moved.planSince());
        assertThat(s.stores.resources.findInstance(shelf.guid())).contains(renamed);

        refused(ErrorCode.INVALID_REQUEST, "names plan reel of service films, but instance " + shelf.guid()
                + " is of service books", () -> resources.updateInstance(OWNER, shelf.guid(), null, "reel"));
        refused(ErrorCode.INVALID_REQUEST, "names plan " + LITE + " of service cloud-object-storage",
                () -> resources.updateInstance(OWNER, shelf.guid(), null, LITE));
        refused(ErrorCode.INVALID_REQUEST, "names no plan of the catalogue: 'plan-gold'",
                () -> resources.updateInstance(OWNER, shelf.guid(), "renamed too", "plan-gold"));
        refused(ErrorCode.INVALID_REQUEST, "'name' or 'resource_plan_id' is required",
                () -> resources.updateInstance(OWNER, shelf.guid(), null, null));
        assertThat(s.stores.resources.findInstance(shelf.guid())).as("refusals write nothing").contains(renamed);
        refused(ErrorCode.FORBIDDEN, "resource-controller.instance.update",
                () -> resources.updateInstance(s.member("IBMid-MEMBER0001"), shelf.guid(), null, "gold"));

        refused(ErrorCode.INVALID_STATE, "is used by", () -> catalogue.delete(OWNER, "platinum"));
        assertThat(resources.updateInstance(OWNER, shelf.guid(), null, "plan-free").planId())
                .as("the default plan is every service's").isEqualTo("plan-free");
        catalogue.delete(OWNER, "platinum");
    }
}
