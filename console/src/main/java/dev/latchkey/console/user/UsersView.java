package dev.latchkey.console.user;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.List;

/**
 * The users page as the template draws it.
 *
 * @param search   what the e-mails and names are searched for, or null for every member
 * @param total    how many members the signed-in user may see in all (that match the search)
 * @param readsAll whether they see every member (else only themself, as {@code UserService.list} rules)
 * @param invite   the "Invite users" dialog opened again with what was typed and the server's refusal; null closed
 * @param invited  the answer to an invitation (mailed, or the link to hand over); null otherwise
 */
public record UsersView(Chrome chrome, String search, List<Row> rows, int page, boolean hasNext, int total,
                        boolean readsAll, boolean mayInvite, InviteForm invite, Invited invited) {

    /** One member: {@code state} is "Active" or "Pending"; {@code invitedBy} an e-mail, an IAM ID, or null. */
    public record Row(String iamId, String email, String name, String state, boolean functional, String invitedBy,
                      Instant since, boolean removable, boolean me) {
        public String href() {
            return UserPages.detailsUrl(iamId);
        }

        /** A suffix for element ids that is safe in HTML ids and CSS selectors. */
        public String key() {
            return Urls.encode(iamId).replaceAll("[^A-Za-z0-9_-]", "_");
        }
    }

    public String pageUrl(int target) {
        return "/iam/users?" + (search == null ? "" : "search=" + Urls.encode(search) + "&") + "page=" + target;
    }

    public record InviteForm(String email, boolean functional, String error) {
    }

    /**
     * @param link    the accept link for the inviter to hand over when no mail went out; null when mailed
     * @param problem why no mail went out; null when mailed
     */
    public record Invited(String email, boolean functional, boolean mailed, String link, String problem) {
    }
}
