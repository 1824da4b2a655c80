package dev.latchkey.console.serviceid;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.access.AccessSection;
import dev.latchkey.console.apikey.ApiKeysView;
import java.time.Instant;
import java.util.List;

/**
 * A service ID's details page as {@code serviceid/details.jte} draws it, one tab at a time: "Details", "API keys"
 * (to who may manage them) and "Access".
 *
 * @param tab      {@code details}, {@code apikeys} or {@code access}
 * @param keys     the service ID's API keys; null when the signed-in identity may not see them
 * @param access   the Access section; null on the other tabs
 * @param newKey   a key just created, its value shown once; or null
 * @param shown    a saved key's value, shown on request; or null
 * @param auditLog the audit log filtered by this service ID, or null when the viewer may not read the log
 * @param group    its service ID group: the group's name, or its id when the viewer may not list the account's
 *                 groups; null for IBM's default group
 * @param groupId  its group's id, or "" for the default group
 * @param groups   the groups the edit dialog may move it to (the default group is always one); null when the viewer
 *                 may not move it, and the dialog then leaves its group alone
 */
public record ServiceIdView(Chrome chrome, String tab, String id, String iamId, String name, String description,
                            Instant created, Instant modified, boolean locked, String etag, boolean mayChange,
                            boolean mayDelete, List<KeyRow> keys, boolean moreKeys, KeyForm createKey,
                            ApiKeysView.Created newKey, Shown shown, String editError, AccessSection access,
                            String auditLog, String group, String groupId, List<GroupChoice> groups) {

    public static final List<String[]> TABS = List.of(new String[] {"details", "Details"},
            new String[] {"apikeys", "API keys"}, new String[] {"access", "Access"});

    /** One key of the service ID; {@code saved}: its value is stored (IBM's store_value) and can be shown again. */
    public record KeyRow(String id, String name, String description, Instant created, Instant expires,
                         List<String> statuses, boolean locked, boolean disabled, boolean saved) {
    }

    /** The create-key dialog, open again with what was typed and the server's refusal. */
    public record KeyForm(String name, String description, String expires, String leakAction, boolean store,
                          String error) {
    }

    /** A service ID group the service ID can be moved to. */
    public record GroupChoice(String id, String name) {
    }

    /** A saved key's value. */
    public record Shown(String name, String apikey) {
    }

    public String url() {
        return "/iam/serviceids/" + id;
    }

    public String tabUrl(String value) {
        return url() + "?tab=" + value;
    }

    /** Where a form on the current tab returns to. */
    public String here() {
        return tabUrl(tab);
    }
}
