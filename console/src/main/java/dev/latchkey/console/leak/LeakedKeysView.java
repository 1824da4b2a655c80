package dev.latchkey.console.leak;

import dev.latchkey.console.Chrome;
import java.time.Instant;
import java.util.List;

/**
 * The Leaked keys page as the template draws it.
 *
 * @param all  whether the viewer sees every key's sightings (an administrator) or only their own keys'
 * @param type the filter: empty for all keys, {@code user} or {@code serviceid}
 */
public record LeakedKeysView(Chrome chrome, boolean all, String type, List<Row> rows, int page, boolean hasNext) {

    /**
     * One sighting.
     *
     * @param href        the reported URL when it is a web address a browser may open, else null
     * @param actionTaken "Disabled", "Deleted" or "Nothing"
     * @param keyLink     the key in the API keys page, or null when the key is gone
     */
    public record Row(String id, String keyName, String displayPrefix, String owner, Instant reportedAt, String href,
                      String url, String source, String reportedBy, String actionTaken, String keyLink,
                      long usesSinceReport) {
    }

    /** Only http(s) addresses become links: a reported URL is someone else's text. */
    static String link(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    public String pageUrl(int target) {
        return "/iam/leaked?" + (type.isEmpty() ? "" : "type=" + type + "&") + "page=" + target;
    }

    public String typeLabel() {
        return switch (type) {
            case "user" -> "User API keys";
            case "serviceid" -> "Service ID API keys";
            default -> "All API keys";
        };
    }
}
