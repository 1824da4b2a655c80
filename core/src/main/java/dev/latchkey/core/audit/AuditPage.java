package dev.latchkey.core.audit;

import java.util.List;

/**
 * One page of events, newest first, and the cursor of the next page ({@code next}: list again with {@code before =
 * next}); null when this page is the last. Immutable.
 */
public record AuditPage(List<AuditEvent> events, Long next) {
    public AuditPage {
        events = List.copyOf(events);
    }
}
