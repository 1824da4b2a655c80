package dev.latchkey.console.group;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.console.access.AccessPages;
import dev.latchkey.console.audit.AuditPages;
import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupMember;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.serviceid.ListServiceIds;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.http.WireError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Manage &gt; Access (IAM) &gt; Access groups: the list (search, sort, paging, create, delete) and each group's page
 * with its Members (add, remove), its Access (the policies naming the group) and its Details (rename with the
 * group's ETag, delete with its members and policies). Every listing and change is {@code AccessGroupService}'s or
 * {@code PolicyService}'s own call with the signed-in principal; an action the identity may not take is not offered,
 * and forcing it is the service's refusal.
 */
public final class GroupPages {
    /** How many users, and how many service IDs, "Add members" lists; others are added from their own page. */
    static final int CANDIDATES = 100;
    private static final int MEMBER_SCAN = 100;
    private final ConsoleServices services;
    private final AccessPages access;

    public GroupPages(ConsoleServices services, AccessPages access) {
        this.services = services;
        this.access = access;
        access.host("/iam/groups/", (visit, groupId, status, outcome) -> details(visit, groupId, status, "access",
                Extra.NONE, outcome));
    }

    public void register(Pages pages) {
        pages.get("/iam/groups", Access.SIGNED_IN, visit -> list(visit, 200, null));
        pages.post("/iam/groups", Access.SIGNED_IN, this::create);
        pages.get("/iam/groups/{id}", Access.SIGNED_IN, visit -> details(visit, visit.path("id"), 200,
                tab(visit.query("tab")), Extra.NONE, null));
        pages.post("/iam/groups/{id}/edit", Access.SIGNED_IN, this::edit);
        pages.post("/iam/groups/{id}/delete", Access.SIGNED_IN, visit -> {
            services.accessGroups().delete(visit.principal(), visit.path("id"), true);
            visit.redirect("/iam/groups");
        });
        pages.post("/iam/groups/{id}/members", Access.SIGNED_IN, this::addMembers);
        pages.post("/iam/groups/{id}/members/{iam_id}/remove", Access.SIGNED_IN, this::removeMember);
    }

    // ---- the list

    private void list(Visit visit, int status, GroupsView.CreateForm create) {
        Principal me = visit.principal();
        AccessGroupService groups = services.accessGroups();
        String search = visit.query("search");
        String sort = switch (visit.query("sort") == null ? "name" : visit.query("sort")) {
            case "description" -> "description";
            case "created_at" -> "created_at";
            case "last_modified_at" -> "last_modified_at";
            default -> "name";
        };
        // "name:" always: text with a colon in it is still a name to find, not a field to search
        AccessGroupService.Listing<AccessGroup> page = groups.list(me, new AccessGroupService.ListGroups(
                me.accountId(), null, search == null ? null : "name:" + search, null, sort, visit.offset(),
                Visit.PAGE_SIZE));
        Function<AccessGroup, AccessGroupService.Rights> rights = groups.rights(me);
        List<GroupsView.Row> rows = page.items().stream().map(g -> new GroupsView.Row(g.id(), g.name(),
                g.description(), g.createdAt(), g.modifiedAt(), rights.apply(g).delete())).toList();
        visit.render(status, "groups.jte", new GroupsView(visit.chrome("Access groups", "Access groups"), search,
                sort, visit.page(), page.hasMore(), page.total(), rows, groups.mayCreate(me), create));
    }

    private void create(Visit visit) {
        String name = visit.form("name");
        String description = visit.form("description");
        Principal me = visit.principal();
        try {
            AccessGroup made = services.accessGroups().create(me, me.accountId(), name, description);
            visit.redirect("/iam/groups/" + made.id());
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            list(visit, status(refused), new GroupsView.CreateForm(name, description, refused.getMessage()));
        }
    }

    // ---- a group's page

    /** What a refused form brings back to the page. */
    private record Extra(GroupView.AddForm addForm, List<String> notAdded, GroupView.Refusal removal,
                         String editError) {
        static final Extra NONE = new Extra(null, List.of(), null, null);
    }

    private static String tab(String tab) {
        return tab == null ? "members" : switch (tab) {
            case "access", "details" -> tab;
            default -> "members";
        };
    }

    private void details(Visit visit, String id, int status, String tab, Extra extra, AccessPages.Outcome outcome) {
        Principal me = visit.principal();
        AccessGroupService groups = services.accessGroups();
        AccessGroup group = groups.get(me, id);
        AccessGroupService.Rights rights = groups.rights(me).apply(group);
        String whyNoAdd = rights.addMembers() ? groups.whyNoAdd(me, id).orElse(null) : null;
        Integer memberCount = null;
        List<GroupView.MemberRow> members = null;
        boolean hasNext = false;
        GroupView.Candidates candidates = null;
        if (rights.readMembers()) {
            int offset = tab.equals("members") ? visit.offset() : 0;
            AccessGroupService.Listing<AccessGroupService.DescribedMember> page = groups.members(me, id, null, null,
                    "created_at", true, offset, tab.equals("members") ? Visit.PAGE_SIZE : 1);
            memberCount = page.total();
            if (tab.equals("members")) {
                members = page.items().stream().map(GroupPages::memberRow).toList();
                hasNext = page.hasMore();
                if (rights.addMembers() && whyNoAdd == null) {
                    candidates = candidates(me, id, visit.query("find"));
                }
            }
        }
        var section = tab.equals("access") ? access.section(visit, group.id(), group.name(),
                "/iam/groups/" + group.id() + "?tab=access", outcome) : null;
        visit.render(status, "group/details.jte", new GroupView(visit.chrome(group.name() + " · Access groups",
                "Access groups"), tab, group.id(), group.name(), group.description(), group.createdAt(),
                group.createdBy(), group.modifiedAt(), group.crn(), EntityTag.of(group.id(), group.version()), rights,
                whyNoAdd, memberCount, members, visit.page(), hasNext, candidates, extra.addForm(), extra.notAdded(),
                extra.removal(), extra.editError(), section,
                AuditPages.mayRead(services, me) ? AuditPages.forTarget(group.id()) : null));
    }

    private static GroupView.MemberRow memberRow(AccessGroupService.DescribedMember described) {
        AccessGroupMember member = described.member();
        boolean user = member.type() == AccessGroupMember.Type.USER;
        var about = described.description();
        String label = about == null ? member.iamId() : user ? about.email() : about.name();
        String detail = about == null ? null : user ? about.name() : about.description();
        return new GroupView.MemberRow(member.iamId(), user, label == null ? member.iamId() : label, detail,
                member.createdAt());
    }

    /**
     * The users and service IDs the signed-in identity may see that are not members yet, the first of each; with
     * {@code find}, those whose e-mail or name (users) or name (service IDs) contains it.
     */
    private GroupView.Candidates candidates(Principal me, String groupId, String find) {
        Set<String> members = new HashSet<>();
        int offset = 0;
        AccessGroupService.Listing<AccessGroupService.DescribedMember> page;
        do {
            page = services.accessGroups().members(me, groupId, null, null, "iam_id", false, offset, MEMBER_SCAN);
            page.items().forEach(m -> members.add(m.member().iamId()));
            offset += MEMBER_SCAN;
        } while (page.hasMore());
        UserService.Members users = find == null ? services.users().list(me, me.accountId(), 0, CANDIDATES)
                : services.users().search(me, me.accountId(), find, 0, CANDIDATES);
        List<GroupView.Candidate> userChoices = users.page().items().stream()
                .filter(m -> !members.contains(m.user().iamId()))
                .map(m -> new GroupView.Candidate(m.user().iamId(), m.user().email(),
                        m.membership().isActive() ? m.user().name() : m.user().name() + " (invited)"))
                .toList();
        var serviceIds = services.serviceIds().listVisible(me, new ListServiceIds(null, null, find == null ? null
                : new Filter.Comparison("name", Filter.Operator.CO_CI, find), ServiceIdQuery.SortField.NAME, false, 0,
                CANDIDATES));
        List<GroupView.Candidate> serviceIdChoices = serviceIds.items().stream()
                .filter(s -> !members.contains(s.iamId()))
                .map(s -> new GroupView.Candidate(s.iamId(), s.name(), s.description())).toList();
        return new GroupView.Candidates(find, userChoices, serviceIdChoices,
                users.page().hasMore() || serviceIds.hasMore());
    }

    private void edit(Visit visit) {
        String id = visit.path("id");
        try {
            services.accessGroups().update(visit.principal(), id, visit.form("etag"),
                    visit.form("name") == null ? "" : visit.form("name"),
                    visit.form("description") == null ? "" : visit.form("description"));
            visit.redirect("/iam/groups/" + id + "?tab=details");
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            String message = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH
                    ? "Someone changed this access group after you opened it, so nothing was saved. Close this "
                    + "dialog and open it again to see the current values." : refused.getMessage();
            details(visit, id, status(refused), "details", new Extra(null, List.of(), null, message), null);
        }
    }

    /**
     * "Add members": the checked users and service IDs in one request. The whole request may be refused (shown in
     * the dialog), or each member on its own (those added stay added; the others are listed with the reason).
     */
    private void addMembers(Visit visit) {
        String id = visit.path("id");
        Set<String> checked = new LinkedHashSet<>(visit.ctx().formParams("member"));
        try {
            if (checked.isEmpty()) {
                throw DomainException.invalid("Choose at least one user or service ID to add.");
            }
            List<AccessGroupService.NewMember> wanted = checked.stream().map(iamId ->
                    new AccessGroupService.NewMember(iamId, AccessGroupMember.Type.of(iamId).wire())).toList();
            List<AccessGroupService.Outcome> outcomes = services.accessGroups().addMembers(visit.principal(), id,
                    wanted);
            List<String> notAdded = new ArrayList<>();
            for (AccessGroupService.Outcome outcome : outcomes) {
                if (!outcome.succeeded()) {
                    notAdded.add(label(visit.principal(), outcome.iamId()) + ": " + outcome.refusal().getMessage());
                }
            }
            if (notAdded.isEmpty()) {
                visit.redirect("/iam/groups/" + id + "?tab=members");
                return;
            }
            boolean someAdded = outcomes.stream().anyMatch(AccessGroupService.Outcome::succeeded);
            details(visit, id, someAdded ? 200 : status(outcomes.getFirst().refusal()), "members",
                    new Extra(null, notAdded, null, null), null);
        } catch (DomainException refused) {
            details(visit, id, status(refused), "members", new Extra(new GroupView.AddForm(checked,
                    refused.getMessage()), List.of(), null, null), null);
        }
    }

    /** How the page names an identity: a user's e-mail, a service ID's name, as far as the viewer may read them. */
    private String label(Principal me, String iamId) {
        try {
            return IamIds.isServiceId(iamId) ? services.serviceIds().get(me, IamIds.serviceIdOf(iamId)).name()
                    : services.users().get(me, me.accountId(), iamId).user().email();
        } catch (DomainException notVisible) {
            return iamId;
        }
    }

    private void removeMember(Visit visit) {
        String id = visit.path("id");
        String iamId = visit.path("iam_id");
        try {
            services.accessGroups().removeMember(visit.principal(), id, iamId);
            visit.redirect("/iam/groups/" + id + "?tab=members");
        } catch (DomainException refused) {
            details(visit, id, status(refused), "members", new Extra(null, List.of(),
                    new GroupView.Refusal(iamId, refused.getMessage()), null), null);
        }
    }

    private static int status(DomainException refused) {
        return WireError.of(refused.errorCode()).status();
    }
}
