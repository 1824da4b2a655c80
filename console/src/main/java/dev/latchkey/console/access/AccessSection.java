package dev.latchkey.console.access;

import java.util.List;

/**
 * The "Access" section of a user's, service ID's or access group's details page, as {@code access/section.jte}
 * draws it: the policies that name the subject, and "Assign access" in two steps (a service, then its roles and an
 * optional instance); for a user or service ID also the access groups it is in ({@link Groups}). Forms post to
 * {@code /iam/access/{iam_id}/…} and come back to {@code back}.
 *
 * @param subjectName how the page names the identity ("ci-deployer", "ana@example.com")
 * @param back        the page (path and query) the section is on, where its forms return
 * @param backParams  {@code back}'s query as name/value pairs, which the GET form of step one carries along
 * @param services    the built-in services the caller may assign access on (step one's select)
 * @param anyService  whether the caller may name any other service by hand (the "Service name" field)
 * @param assign      step two (a service was chosen) or a refused assignment; null when neither
 * @param removeRefused the server's refusal of a removal, shown in that policy's dialog; null when none
 * @param group       whether the subject is an access group (its policies are every member's)
 * @param groups      the access groups a user or service ID is in; null for a group
 */
public record AccessSection(String subjectIamId, String subjectName, String back, List<Param> backParams,
                            String csrf, List<PolicyRow> policies, List<ServiceChoice> services, boolean anyService,
                            Assign assign, Refusal removeRefused, boolean group, Groups groups) {

    /** One policy: the service's display name, the roles' display names, and what it covers. */
    public record PolicyRow(String id, String service, List<String> roles, String resource, boolean mayRemove) {
    }

    public record ServiceChoice(String name, String label) {
    }

    public record Param(String name, String value) {
    }

    /** Step two: the chosen service, the roles offered on it, what was typed, and the server's refusal. */
    public record Assign(String service, String serviceLabel, List<RoleChoice> roles, String instance, String error) {
    }

    public record RoleChoice(String crn, String label, String description, boolean checked) {
    }

    public record Refusal(String policyId, String message) {
    }

    /**
     * The "Access groups" part: the groups the identity is in that the signed-in identity may see, and "Add to
     * access group" with the groups it may add the identity to ({@code AccessGroupService.addableBy}).
     *
     * @param refused the server's refusal: of adding ({@code groupId} null, shown in the add dialog) or of removing
     *                from one group (shown in that group's dialog); null when none
     */
    public record Groups(List<GroupRow> memberOf, List<GroupChoice> addable, GroupRefusal refused) {
        public boolean refused(String groupId) {
            return refused != null && groupId.equals(refused.groupId());
        }

        public boolean addRefused() {
            return refused != null && refused.groupId() == null;
        }

        /** A refused removal whose group has no dialog here (left meanwhile, or not removable by the viewer). */
        public String refusedElsewhere() {
            if (refused == null || refused.groupId() == null) {
                return null;
            }
            boolean dialog = memberOf.stream().anyMatch(g -> g.mayRemove() && g.id().equals(refused.groupId()));
            return dialog ? null : refused.message();
        }
    }

    public record GroupRow(String id, String name, String description, boolean mayRemove) {
        public String href() {
            return "/iam/groups/" + id;
        }
    }

    public record GroupChoice(String id, String name) {
    }

    public record GroupRefusal(String groupId, String message) {
    }

    /** Whether "Assign access" is offered at all. */
    public boolean mayAssign() {
        return anyService || !services.isEmpty();
    }

    public boolean refused(String policyId) {
        return removeRefused != null && removeRefused.policyId().equals(policyId);
    }

    /** The path of {@code back}, without its query: where step one's GET form goes. */
    public String backPath() {
        int q = back.indexOf('?');
        return q < 0 ? back : back.substring(0, q);
    }
}
