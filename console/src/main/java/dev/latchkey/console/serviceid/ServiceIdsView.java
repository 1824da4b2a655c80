package dev.latchkey.console.serviceid;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.List;

/**
 * The service IDs page as {@code serviceids.jte} draws it: the ones the signed-in identity may view, searched,
 * sorted and paged.
 *
 * @param cannotCreate why "Create" is not offered (a service ID signed in, the account's restriction), or null
 * @param here         this page's path and query, where forms return to
 */
public record ServiceIdsView(Chrome chrome, String search, String sort, boolean descending, int page, boolean hasNext,
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
        return "/iam/serviceids?" + (search == null ? "" : "search=" + Urls.encode(search) + "&") + "sort=" + column
                + (flip ? "&order=desc" : "");
    }

    public String ariaSort(String column) {
        return !column.equals(sort) ? "none" : descending ? "descending" : "ascending";
    }

    public String pageUrl(int target) {
        return "/iam/serviceids?" + (search == null ? "" : "search=" + Urls.encode(search) + "&") + "sort=" + sort
                + (descending ? "&order=desc" : "") + "&page=" + target;
    }
}
