package dev.latchkey.console.access;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Forms;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupMember;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.access.ListPolicies;
import dev.latchkey.core.access.CustomRole;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.access.Services;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.WireError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The "Access" section any identity's or access group's details page can hold: the policies naming the subject
 * ({@code PolicyService.list}), "Assign access" ({@code PolicyService.create}) and "Remove"
 * ({@code PolicyService.delete}); for a user or service ID also the access groups it is in, "Add to access group"
 * ({@code AccessGroupService.addMembers}) and "Remove" from one ({@code AccessGroupService.removeMember}); all
 * with the signed-in principal. A policy names a group with {@code access_group_id}, anyone else with
 * {@code iam_id}. A page that shows the section registers itself as a {@link Host} for the paths it lives under:
 * the section's forms return there, and a refused form is shown there again, in its dialog, in the server's words.
 */
public final class AccessPages {
    private static final int POLICY_PAGE = 100;
    private final ConsoleServices services;
    private final Map<String, Host> hosts = new LinkedHashMap<>();

    /** A details page that holds the section: it draws itself again with a refused form's {@link Outcome}. */
    @FunctionalInterface
    public interface Host {
        void show(Visit visit, String subjectIamId, int status, Outcome outcome) throws Exception;
    }

    /** A refused form, to show in place: an assignment (with what was typed), a removal, or a group membership. */
    public record Outcome(AccessSection.Assign assign, AccessSection.Refusal removal,
                          AccessSection.GroupRefusal membership) {
    }

    public AccessPages(ConsoleServices services) {
        this.services = services;
    }

    /** Registers a page under {@code pathPrefix} (e.g. {@code /iam/serviceids/}) that holds the section. */
    public AccessPages host(String pathPrefix, Host host) {
        hosts.put(pathPrefix, host);
        return this;
    }

    public void register(Pages pages) {
        pages.post("/iam/access/{iam_id}/assign", Access.SIGNED_IN, this::assign);
        pages.post("/iam/access/{iam_id}/{policy_id}/remove", Access.SIGNED_IN, this::remove);
        pages.post("/iam/access/{iam_id}/groups", Access.SIGNED_IN, this::join);
        pages.post("/iam/access/{iam_id}/groups/{group_id}/remove", Access.SIGNED_IN, this::leave);
    }

    /**
     * The section for {@code subjectIamId} on the page {@code back}. Step two of "Assign access" opens when the
     * page's query names a service ({@code assign_service}, or {@code service_name} typed by hand); {@code outcome}
     * is a refused form, or null.
     */
    public AccessSection section(Visit visit, String subjectIamId, String subjectName, String back, Outcome outcome) {
        Principal me = visit.principal();
        boolean group = AccessGroup.isId(subjectIamId);
        List<AccessSection.PolicyRow> rows = new ArrayList<>();
        int offset = 0;
        Page<Policy> page;
        do {
            page = services.policies().list(me, new ListPolicies(me.accountId(), group ? null : subjectIamId,
                    group ? subjectIamId : null, ListPolicies.Type.ACCESS, ListPolicies.State.ACTIVE, offset,
                    POLICY_PAGE));
            page.items().forEach(p -> rows.add(row(me, p)));
            offset += POLICY_PAGE;
        } while (page.hasMore());
        boolean anyService = services.policies().mayAssignAnyService(me);
        List<AccessSection.ServiceChoice> choices = Services.BUILT_IN.stream()
                .filter(s -> anyService || services.policies().mayAssignOn(me, s.name()))
                .map(s -> new AccessSection.ServiceChoice(s.name(), s.displayName())).toList();
        AccessSection.Assign assign = outcome == null ? null : outcome.assign();
        if (assign == null && visit.ctx().method().name().equals("GET")) {
            String chosen = visit.query("service_name") != null ? visit.query("service_name")
                    : visit.query("assign_service");
            if (chosen != null) {
                assign = step(me, chosen, Set.of(), null, null);
            }
        }
        return new AccessSection(subjectIamId, subjectName, back, params(back), visit.session().csrfToken(), rows,
                choices, anyService, assign, outcome == null ? null : outcome.removal(), group,
                group ? null : groups(me, subjectIamId, outcome == null ? null : outcome.membership()));
    }

    /** The groups {@code iamId} is in, as far as the signed-in identity may see them, and those it may add it to. */
    private AccessSection.Groups groups(Principal me, String iamId, AccessSection.GroupRefusal refused) {
        AccessGroupService groups = services.accessGroups();
        Function<AccessGroup, AccessGroupService.Rights> rights = groups.rights(me);
        List<AccessSection.GroupRow> memberOf = groups.list(me, new AccessGroupService.ListGroups(me.accountId(),
                        iamId, null, null, "name", 0, AccessGroupService.MAX_GROUPS_PER_MEMBER)).items().stream()
                .map(g -> new AccessSection.GroupRow(g.id(), g.name(), g.description(),
                        rights.apply(g).removeMembers())).toList();
        List<AccessSection.GroupChoice> addable = groups.addableBy(me, iamId).stream()
                .map(g -> new AccessSection.GroupChoice(g.id(), g.name())).toList();
        return new AccessSection.Groups(memberOf, addable, refused);
    }

    private AccessSection.PolicyRow row(Principal me, Policy policy) {
        String service = policy.attribute("serviceName");
        String serviceLabel = service != null ? Services.displayName(service)
                : "service".equals(policy.attribute("serviceType")) ? "All Identity and Access enabled services"
                : "platform_service".equals(policy.attribute("serviceType")) ? "All account management services"
                : "IAM".equals(policy.attribute("service_group_id")) ? "IAM services" : "All services";
        List<String> roles = policy.roleIds().stream().map(crn -> Role.fromCrn(crn).map(Role::displayName)
                .or(() -> services.customRoles().byCrn(policy.accountId(), crn).map(r -> r.displayName() + " (custom)"))
                .orElse(crn)).toList();
        List<String> scope = new ArrayList<>();
        for (Policy.Attribute a : policy.resourceAttributes()) {
            switch (a.name()) {
                case "accountId", "serviceName", "serviceType", "service_group_id" -> { }
                case "serviceInstance" -> scope.add("Instance " + a.value());
                case "resourceType" -> { }
                case "resource" -> scope.add(("serviceid".equals(policy.attribute("resourceType")) ? "Service ID"
                        : policy.attribute("resourceType") == null ? "Resource" : policy.attribute("resourceType"))
                        + " " + a.value());
                case "resourceGroupId" -> scope.add("Resource group " + a.value());
                case "region" -> scope.add("Region " + a.value());
                default -> scope.add(a.name() + " " + a.value());
            }
        }
        if (policy.pattern() != null) {
            scope.add(switch (policy.pattern()) {
                case "time-based-conditions:once" -> "only within a set period";
                case "time-based-conditions:weekly:all-day" -> "only on some days of the week";
                default -> "only at set hours of some days of the week";
            });
        }
        return new AccessSection.PolicyRow(policy.id(), serviceLabel, roles,
                scope.isEmpty() ? "All resources" : String.join(", ", scope), services.policies().mayRemove(me, policy));
    }

    /** Step two: the built-in roles offered on {@code service}, then the account's custom roles of it. */
    private AccessSection.Assign step(Principal me, String service, Set<String> checked, String instance,
                                      String error) {
        List<AccessSection.RoleChoice> roles = new ArrayList<>(Role.offeredOn(service).stream()
                .map(r -> new AccessSection.RoleChoice(r.crn(), r.displayName(), r.description(),
                        checked.contains(r.crn()))).toList());
        for (CustomRole custom : services.customRoles().list(me, service)) {
            roles.add(new AccessSection.RoleChoice(custom.crn(), custom.displayName() + " (custom)",
                    (custom.description() == null ? "" : custom.description() + " ") + "Grants "
                            + String.join(", ", custom.actions()) + ".", checked.contains(custom.crn())));
        }
        return new AccessSection.Assign(service, Services.displayName(service), roles, instance, error);
    }

    private void assign(Visit visit) throws Exception {
        String subject = visit.path("iam_id");
        String back = back(visit);
        String service = visit.form("service");
        List<String> roles = visit.ctx().formParams("role");
        String instance = visit.form("instance");
        try {
            if (service == null) {
                throw DomainException.invalid("Choose a service, or type the name of one.");
            }
            if (roles.isEmpty()) {
                throw DomainException.invalid("Choose at least one role.");
            }
            List<Policy.Attribute> attributes = new ArrayList<>();
            attributes.add(new Policy.Attribute("accountId", visit.principal().accountId(), null));
            attributes.add(new Policy.Attribute("serviceName", service, null));
            if (instance != null) {
                attributes.add(new Policy.Attribute("serviceInstance", instance, null));
            }
            String subjectAttribute = AccessGroup.isId(subject) ? "access_group_id" : "iam_id";
            services.policies().create(visit.principal(), new PolicyRequest("access",
                    List.of(new PolicyRequest.Subject(List.of(new Policy.Attribute(subjectAttribute, subject,
                            null)))),
                    List.copyOf(roles), List.of(new PolicyRequest.ResourceSpec(attributes, null)), null));
            visit.redirect(back);
        } catch (DomainException refused) {
            host(back).show(visit, subject, status(refused), new Outcome(step(visit.principal(),
                    service == null ? "" : service,
                    Set.copyOf(roles), instance, refused.getMessage()), null, null));
        }
    }

    private void remove(Visit visit) throws Exception {
        String subject = visit.path("iam_id");
        String id = visit.path("policy_id");
        String back = back(visit);
        try {
            Policy policy = services.policies().get(visit.principal(), id);
            // a policy's subject holds the group's id for access_group_id, the IAM id for iam_id: one comparison
            if (!policy.subjectIamId().equals(subject)) {
                throw DomainException.invalid("Policy " + id + " does not name " + (AccessGroup.isId(subject)
                        ? "this access group." : "this identity."));
            }
            services.policies().delete(visit.principal(), id);
            visit.redirect(back);
        } catch (DomainException refused) {
            host(back).show(visit, subject, status(refused), new Outcome(null, new AccessSection.Refusal(id,
                    refused.getMessage()), null));
        }
    }

    /** "Add to access group": one identity into one group; a refusal is shown in the add dialog. */
    private void join(Visit visit) throws Exception {
        String subject = visit.path("iam_id");
        String back = back(visit);
        String groupId = visit.form("group");
        if (AccessGroup.isId(subject)) {
            throw DomainException.invalid("An access group cannot be a member of another access group.");
        }
        try {
            if (groupId == null) {
                throw DomainException.invalid("Choose an access group.");
            }
            AccessGroupService.Outcome outcome = services.accessGroups().addMembers(visit.principal(), groupId,
                    List.of(new AccessGroupService.NewMember(subject, AccessGroupMember.Type.of(subject).wire())))
                    .getFirst();
            if (!outcome.succeeded()) {
                throw outcome.refusal();
            }
            visit.redirect(back);
        } catch (DomainException refused) {
            host(back).show(visit, subject, status(refused), new Outcome(null, null,
                    new AccessSection.GroupRefusal(null, refused.getMessage())));
        }
    }

    /** "Remove" from one access group; a refusal is shown in that group's dialog. */
    private void leave(Visit visit) throws Exception {
        String subject = visit.path("iam_id");
        String groupId = visit.path("group_id");
        String back = back(visit);
        try {
            services.accessGroups().removeMember(visit.principal(), groupId, subject);
            visit.redirect(back);
        } catch (DomainException refused) {
            host(back).show(visit, subject, status(refused), new Outcome(null, null,
                    new AccessSection.GroupRefusal(groupId, refused.getMessage())));
        }
    }

    /** Where the form came from: a path under a registered host, nothing else (no other site, no other page). */
    private String back(Visit visit) {
        String back = visit.form("back");
        if (!Forms.localPath(back) || hosts.keySet().stream().noneMatch(back::startsWith)) {
            throw DomainException.invalid("This form does not say which page it came from. Reload the page and try "
                    + "again.");
        }
        return back;
    }

    private static int status(DomainException refused) {
        return WireError.of(refused.errorCode()).status();
    }

    private Host host(String back) {
        return hosts.entrySet().stream().filter(e -> back.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
    }

    private static List<AccessSection.Param> params(String back) {
        int q = back.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        List<AccessSection.Param> params = new ArrayList<>();
        for (String pair : back.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (!name.isEmpty() && !name.equals("assign_service") && !name.equals("service_name")) {
                params.add(new AccessSection.Param(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
                        StandardCharsets.UTF_8)));
            }
        }
        return params;
    }
}
