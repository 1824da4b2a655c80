package dev.latchkey.core.activity;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link ActivityReportStore} in memory, newest first by end time then reference, as the table orders them. */
public final class InMemoryActivityReportStore implements ActivityReportStore, InMemoryTransactor.Participant {
    private static final Comparator<ActivityReport> NEWEST_FIRST = Comparator.comparing(ActivityReport::endTime)
            .thenComparing(ActivityReport::reference).reversed();
    private Map<String, ActivityReport> reports = new LinkedHashMap<>();

    @Override
    public synchronized void insert(ActivityReport report, int keep) {
        if (reports.putIfAbsent(report.reference(), report) != null) {
            throw new IllegalStateException("duplicate activity report");
        }
        ofAccount(report.accountId()).stream().skip(keep).forEach(old -> reports.remove(old.reference()));
    }

    @Override
    public synchronized Optional<ActivityReport> find(String accountId, String reference) {
        return Optional.ofNullable(reports.get(reference)).filter(r -> r.accountId().equals(accountId));
    }

    @Override
    public synchronized Optional<ActivityReport> latest(String accountId) {
        return ofAccount(accountId).stream().findFirst();
    }

    private List<ActivityReport> ofAccount(String accountId) {
        List<ActivityReport> of = new ArrayList<>(reports.values().stream()
                .filter(r -> r.accountId().equals(accountId)).toList());
        of.sort(NEWEST_FIRST);
        return of;
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(reports);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        reports = new LinkedHashMap<>((Map<String, ActivityReport>) snapshot);
    }
}
