package dev.latchkey.console.serviceid;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import java.time.Instant;
import java.util.List;

/**
 * The service ID groups page as {@code serviceid/groups.jte} draws it: every group of the account, oldest first
 * (IBM lists them in one answer; an account holds at most 1,000).
 *
 * @param mayCreate whether "Create" is offered (the service's own rule)
 * @param create    the create dialog open again with what was typed and the refusal, or null
 * @param edit      one group's edit dialog open again with what was typed and the refusal, or null
 * @param stillUsed the id of a group whose deletion was refused because service IDs name it, or null
 */
public record ServiceIdGroupsView(Chrome chrome, List<Row> rows, boolean mayCreate, Form create, Form edit,
                                  String stillUsed) {

    /** One group and what the signed-in identity may do with it; {@code etag} is what an edit sends as If-Match. */
    public record Row(String id, String name, String description, Instant created, String etag, boolean mayChange,
                      boolean mayDelete) {
        /** The service IDs page narrowed to this group. */
        public String serviceIdsUrl() {
            return "/iam/serviceids?group=" + Urls.encode(id);
        }

        public String editUrl() {
            return ServiceIdGroupPages.PATH + "/" + id + "/edit";
        }

        public String deleteUrl() {
            return ServiceIdGroupPages.PATH + "/" + id + "/delete";
        }
    }

    /** A dialog's typed values and its refusal; {@code id} is the group an edit was for (null for create). */
    public record Form(String id, String name, String description, String error) {
    }

    /**
     * The edit dialog's values for a row: what was typed when this row's edit was refused, else (also after a
     * concurrent change, whose form has no values) the group's own.
     */
    public Form editOf(Row row) {
        if (edit == null || !row.id().equals(edit.id())) {
            return new Form(row.id(), row.name(), row.description(), null);
        }
        return edit.name() == null ? new Form(row.id(), row.name(), row.description(), edit.error()) : edit;
    }

    public Row stillUsedRow() {
        return stillUsed == null ? null : rows.stream().filter(r -> r.id().equals(stillUsed)).findFirst().orElse(null);
    }
}
