package dev.latchkey.console.apikey;

import dev.latchkey.console.Chrome;
import dev.latchkey.console.Urls;
import dev.latchkey.core.apikey.ApiKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The API keys page as the template draws it.
 *
 * @param view       the chosen View option's value ({@code mine}, {@code users}, {@code serviceids}, {@code classic})
 * @param views      the options the signed-in identity may use, and only those
 * @param cannotCreate why the "Create" button is not offered (the account restricts key creation), or null
 * @param here       this page's path and query, where forms return to
 */
public record ApiKeysView(Chrome chrome, String view, List<Option> views, String search, String sort,
                          boolean descending, int page, boolean hasNext, boolean showOwner, List<Row> rows,
                          ClassicSection classic, String cannotCreate, CreateForm create, Created created,
                          EditForm edit, String here) {

    public record Option(String value, String label, boolean selected) {
    }

    /** One key. {@code statuses}: "Active", or any of "Disabled", "Locked", "Expired", "Leaked". */
    public record Row(String id, String name, String description, String owner, Instant created, Instant expires,
                      Instant lastUsed, List<String> statuses, boolean locked, boolean disabled, String etag,
                      String expiresDate, String leakAction) {
    }

    /** The create dialog, open again with what was typed and the server's refusal; null when closed. */
    public record CreateForm(String name, String description, String expires, String leakAction, String error) {
    }

    /**
     * The one time a new key's value, or a rotated key's new value, is shown.
     *
     * @param previousUntil after a rotation, when the old value stops working; null when it already has
     */
    public record Created(String name, String description, Instant createdAt, String apikey, Instant previousUntil,
                          boolean rotated) {
        /** A new key's value. */
        public Created(String name, String description, Instant createdAt, String apikey) {
            this(name, description, createdAt, apikey, null, false);
        }
    }

    /** An edit dialog opened again for one key, with the server's refusal (a concurrent change). */
    public record EditForm(String id, String error) {
    }

    /** A key's status tags: "Active", or any of "Disabled", "Locked", "Expired", "Leaked" (every page shows them so). */
    public static List<String> statuses(ApiKey key, boolean leaked, Instant now) {
        List<String> statuses = new ArrayList<>();
        if (key.disabled()) {
            statuses.add("Disabled");
        }
        if (key.locked()) {
            statuses.add("Locked");
        }
        if (key.expiresAt() != null && !key.expiresAt().isAfter(now)) {
            statuses.add("Expired");
        }
        if (leaked) {
            statuses.add("Leaked");
        }
        if (statuses.isEmpty()) {
            statuses.add("Active");
        }
        return statuses;
    }

    public String viewLabel() {
        return views.stream().filter(Option::selected).map(Option::label).findFirst().orElse("");
    }

    /** This listing's query string ({@code ?view=…}), which a row's forms post to and return to. */
    public String query() {
        int q = here.indexOf('?');
        return q < 0 ? "" : here.substring(q);
    }

    public boolean isClassic() {
        return "classic".equals(view);
    }

    /** The URL of this listing with another sort (the same column again flips the order) and the first page. */
    public String sortUrl(String column) {
        boolean flip = column.equals(sort) && !descending;
        return "/iam/apikeys?view=" + view + (search == null ? "" : "&search=" + Urls.encode(search)) + "&sort="
                + column + (flip ? "&order=desc" : "");
    }

    /** {@code ascending}, {@code descending} or {@code none}, for the column header's aria-sort. */
    public String ariaSort(String column) {
        return !column.equals(sort) ? "none" : descending ? "descending" : "ascending";
    }

    public String pageUrl(int target) {
        return "/iam/apikeys?view=" + view + (search == null ? "" : "&search=" + Urls.encode(search)) + "&sort="
                + sort + (descending ? "&order=desc" : "") + "&page=" + target;
    }
}
