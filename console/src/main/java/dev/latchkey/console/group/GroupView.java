package dev.latchkey.console.group;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import dev.latchkey.console.access.AccessSection;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.common.IamIds;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An access group's page as {@code group/details.jte} draws it, one tab at a time: "Members", "Access" and
 * "Details"; renaming and deleting are in its head, on every tab.
 *
 * @param tab         {@code members}, {@code access} or {@code details}
 * @param rights      what the signed-in identity may do to the group
 * @param whyNoAdd    why "Add members" is unavailable although the identity holds the action (a policy of the group
 *                    it could not assign), in the server's words; null when it may add members
 * @param memberCount how many members the group has; null when the signed-in identity may not read them
 * @param members     one page of members (on the Members tab, to who may read them); null otherwise
 * @param candidates  the users and service IDs "Add members" offers; null when it is not offered
 * @param addForm     the add dialog opened again with the server's refusal; null when closed
 * @param notAdded    members an add request could not add, each with the server's reason; empty when none
 * @param removal     a refused removal, shown in that member's dialog; null when none
 * @param editError   the server's refusal of a rename, shown in the edit dialog; null when none
 * @param access      the Access section; null on the other tabs
 * @param auditLog    the audit log filtered by this group, or null when the viewer may not read the log
 */
public record GroupView(Chrome chrome, String tab, String id, String name, String description, Instant created,
                        String createdBy, Instant modified, String crn, String etag,
                        AccessGroupService.Rights rights, String whyNoAdd, Integer memberCount,
                        List<MemberRow> members, int page, boolean hasNext, Candidates candidates, AddForm addForm,
                        List<String> notAdded, Refusal removal, String editError, AccessSection access,
                        String auditLog) {

    public static final List<String[]> TABS = List.of(new String[] {"members", "Members"},
            new String[] {"access", "Access"}, new String[] {"details", "Details"});

    /** One member: a user (its e-mail and name) or a service ID (its name and description). */
    public record MemberRow(String iamId, boolean user, String label, String detail, Instant added) {
        public String href() {
            return user ? "/iam/users/" + Urls.encode(iamId) : "/iam/serviceids/" + IamIds.serviceIdOf(iamId);
        }

        /** A suffix for element ids that is safe in HTML ids and CSS selectors. */
        public String key() {
            return iamId.replaceAll("[^A-Za-z0-9_-]", "_");
        }
    }

    /**
     * Who "Add members" offers: the account's users and service IDs the signed-in identity may see, but not the
     * group's members; with {@code find}, only the users whose e-mail or name and the service IDs whose name contains
     * it (null: no search); {@code more} when there were more than one dialog lists.
     */
    public record Candidates(String find, List<Candidate> users, List<Candidate> serviceIds, boolean more) {
        public boolean isEmpty() {
            return users.isEmpty() && serviceIds.isEmpty();
        }
    }

    public record Candidate(String iamId, String label, String detail) {
        public String key() {
            return iamId.replaceAll("[^A-Za-z0-9_-]", "_");
        }
    }

    /** The add dialog opened again: who was checked, and the server's refusal. */
    public record AddForm(Set<String> checked, String error) {
    }

    public record Refusal(String iamId, String message) {
    }

    public boolean removalRefused(String iamId) {
        return removal != null && removal.iamId().equals(iamId);
    }

    /** A refused removal whose member has no dialog on this page (gone meanwhile, or not removable by the viewer). */
    public String removalRefusedElsewhere() {
        if (removal == null) {
            return null;
        }
        boolean dialog = rights.removeMembers() && members != null
                && members.stream().anyMatch(m -> m.iamId().equals(removal.iamId()));
        return dialog ? null : removal.message();
    }

    public boolean checked(String iamId) {
        return addForm != null && addForm.checked().contains(iamId);
    }

    public String url() {
        return "/iam/groups/" + id;
    }

    public String tabUrl(String value) {
        return url() + "?tab=" + value;
    }

    /** Where a form on the current tab returns to. */
    public String here() {
        return tabUrl(tab);
    }

    public String pageUrl(int target) {
        return tabUrl("members") + "&page=" + target;
    }
}
