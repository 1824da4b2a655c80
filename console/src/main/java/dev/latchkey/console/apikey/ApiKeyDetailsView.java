package dev.latchkey.console.apikey;

import dev.latchkey.console.Chrome;
import java.time.Instant;
import java.util.List;

/**
 * One API key's page as the template draws it: its facts and its daily usage over the last {@code days} days.
 *
 * @param owner    the owner's e-mail or service ID name as far as the viewer may read it, else the IAM ID
 * @param statuses "Active", or any of "Disabled", "Locked", "Expired", "Leaked"
 * @param auditLog the audit log filtered by this key, or null when the viewer may not read the log
 */
public record ApiKeyDetailsView(Chrome chrome, String id, String name, String description, String owner,
                                String iamId, Instant created, Instant modified, Instant expires, Instant lastUsed,
                                long authnCount, List<String> statuses, UsageChart usage,
                                String auditLog) {

    /** The spans of days the page offers. */
    public static final List<Integer> SPANS = List.of(30, 90);

    public String spanUrl(int days) {
        return "/iam/apikeys/" + id + "?days=" + days;
    }

    public String authnCountText() {
        return UsageChart.number(authnCount);
    }
}
