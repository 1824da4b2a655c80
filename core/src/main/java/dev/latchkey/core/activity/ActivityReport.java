package dev.latchkey.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An inactive-identities report as of its time: what did not authenticate between {@code startTime} and
 * {@code endTime} ({@code endTime} minus {@code durationHours}), in the order users, keys, service IDs.
 */
public record ActivityReport(String reference, String accountId, String createdBy, int durationHours,
                             Instant startTime, Instant endTime, List<InactiveIdentity> inactive) {

    public ActivityReport {
        inactive = List.copyOf(inactive);
    }

    public static Instant startOf(Instant end, int durationHours) {
        return end.minus(Duration.ofHours(durationHours));
    }

    public List<InactiveIdentity> of(InactiveIdentity.Kind... kinds) {
        List<InactiveIdentity.Kind> wanted = List.of(kinds);
        return inactive.stream().filter(i -> wanted.contains(i.kind())).toList();
    }
}
