package dev.latchkey.console.group;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.List;

/**
 * The access groups page as {@code groups.jte} draws it: the groups the signed-in identity may see (those it may
 * read, and those it is a member of), searched by name, sorted and paged.
 *
 * @param sort      the column the list is sorted by (ascending): {@code name}, {@code description},
 *                  {@code created_at} or {@code last_modified_at}
 * @param total     how many groups match, on every page
 * @param mayCreate whether "Create" is offered ({@code AccessGroupService.mayCreate})
 * @param create    the create dialog, open again with what was typed and the server's refusal; null when closed
 */
public record GroupsView(Chrome chrome, String search, String sort, int page, boolean hasNext, int total,
                         List<Row> rows, boolean mayCreate, CreateForm create) {

    /** One group, and whether the signed-in identity may delete it (the row's menu). */
    public record Row(String id, String name, String description, Instant created, Instant modified,
                      boolean mayDelete) {
        public String href() {
            return "/iam/groups/" + id;
        }
    }

    public record CreateForm(String name, String description, String error) {
    }

    public String sortUrl(String column) {
        return "/iam/groups?" + (search == null ? "" : "search=" + Urls.encode(search) + "&") + "sort=" + column;
    }

    public String ariaSort(String column) {
        return column.equals(sort) ? "ascending" : "none";
    }

    public String pageUrl(int target) {
        return sortUrl(sort) + "&page=" + target;
    }
}
