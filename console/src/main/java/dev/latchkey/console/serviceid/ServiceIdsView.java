package dev.latchkey.console.serviceid;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.List;

/**
 * The service IDs page as {@code serviceids.jte} draws it: the ones the signed-in identity may view, searched,
 * narrowed to a group, sorted and paged.
 *
 * @param group        the service ID group the list is narrowed to, or null for every group
 * @param groups       the account's groups to narrow by, or null when the viewer may not list them
 *
 * @param cannotCreate why "Create" is not offered (a service ID signed in, the account's restriction), or null
 * @param here         this page's path and query, where forms return to
 */
public record ServiceIdsView(Chrome chrome, String search, String group, List<ServiceIdView.GroupChoice> groups,
                             String sort, boolean descending, int page, boolean hasNext,
                             List<Row> rows, String cannotCreate, CreateForm create, String here) {

    /** One service ID and the actions the signed-in identity may take on it. */
    public record Row(String id, String name, String description, Instant created, boolean locked,
                      boolean mayChange, boolean mayDelete) {
        public boolean hasActions() {
            return mayChange || mayDelete;
        }
    }

    /** The create dialog, open again with what was typed and the server's refusal; null when closed. */
    public record CreateForm(String name, String description, String error) {
    }

    public String sortUrl(String column) {
        boolean flip = column.equals(sort) && !descending;
        return "/iam/serviceids?" + filters() + "sort=" + column + (flip ? "&order=desc" : "");
    }

    /** The search and the group, as the start of a query string. */
    private String filters() {
        return (search == null ? "" : "search=" + Urls.encode(search) + "&")
                + (group == null ? "" : "group=" + Urls.encode(group) + "&");
    }

    /** The name of the group the list is narrowed to (its id when the viewer may not list the groups). */
    public String groupName() {
        return groups == null ? group : groups.stream().filter(g -> g.id().equals(group))
                .map(ServiceIdView.GroupChoice::name).findFirst().orElse(group);
    }

    public String ariaSort(String column) {
        return !column.equals(sort) ? "none" : descending ? "descending" : "ascending";
    }

    public String pageUrl(int target) {
        return "/iam/serviceids?" + filters() + "sort=" + sort + (descending ? "&order=desc" : "") + "&page=" + target;
    }
}
