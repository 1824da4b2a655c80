package dev.latchkey.console.resource;

import dev.latchkey.console.Chrome;
import java.time.Instant;
import java.util.List;

/**
 * The Resource list as the template draws it: the instances grouped by service, services and names in order.
 *
 * @param total     how many instances are listed
 * @param truncated whether there are more than the page lists
 * @param create    the "Create resource" dialog opened again with what was typed and the server's refusal, or null
 * @param plans     the plan catalogue's first plans (built-in, then the account's), offered as the dialog's plans
 */
public record ResourcesView(Chrome chrome, List<Group> groups, int total, boolean truncated, CreateForm create,
                            List<Plan> plans) {

    /** A plan of the catalogue: its id, which names its service, and its display name. */
    public record Plan(String id, String service, String name) {
    }

    public record Group(String service, List<Row> rows) {
    }

    public record Row(String id, String name, String plan, String location, Instant created, boolean locked) {
    }

    public record CreateForm(String name, String service, String plan, String error) {
    }
}
