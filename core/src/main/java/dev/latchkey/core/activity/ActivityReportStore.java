package dev.latchkey.core.activity;

import java.util.Optional;

/** Persistence port for activity reports, per account. Implementations are thread-safe. */
public interface ActivityReportStore {
    /**
     * Stores a report with its lines in one transaction, then deletes the account's oldest reports beyond
     * {@code keep}, so an account never holds more than {@code keep}.
     */
    void insert(ActivityReport report, int keep);

    Optional<ActivityReport> find(String accountId, String reference);

    /** The account's most recent report (by end time, then reference). */
    Optional<ActivityReport> latest(String accountId);
}
