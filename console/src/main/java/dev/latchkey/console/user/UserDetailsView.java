package dev.latchkey.console.user;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.access.AccessSection;
import dev.latchkey.console.apikey.ClassicSection;
import java.time.Instant;
import java.util.List;

/**
 * One user's details page.
 *
 * @param keysHidden why the signed-in user may not see this user's API keys (the service's words), or null
 * @param classic    the classic infrastructure API key section, for the user themself and their ancestors; null
 *                   for everyone else
 * @param access     the "Access" section: the policies that name this user, and "Assign access"
 * @param profile    the profile and settings the account keeps for this user, with their edit dialogs
 */
public record UserDetailsView(Chrome chrome, UsersView.Row user, List<KeyRow> keys, int page, boolean hasNext,
                              String keysHidden, ClassicSection classic, AccessSection access,
                              ProfileSection profile) {

    public record KeyRow(String name, String description, Instant created, Instant expires, List<String> statuses) {
    }

    public String pageUrl(int target) {
        return user.href() + "?page=" + target;
    }
}
