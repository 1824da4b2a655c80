package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A {@link ServiceIdStore} in memory with the JDBC store's rules: ids and IAM ids are unique (a duplicate insert
 * throws and writes nothing), updates and deletes need the stored version, an update replaces the CRNs and the
 * group, a delete takes the history with it; lists find an exact name and group, filter, sort (the id breaking
 * ties) and page.
 */
public final class InMemoryServiceIdStore implements ServiceIdStore, InMemoryTransactor.Participant {
    private static final Set<String> FILTER_COLUMNS = Set.of("name", "description");

    private record Row(ServiceId serviceId, List<HistoryEntry> history) {
    }

    private Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized void insert(ServiceId serviceId, HistoryEntry entry) {
        if (rows.containsKey(serviceId.id())
                || rows.values().stream().anyMatch(r -> r.serviceId().iamId().equals(serviceId.iamId()))) {
            throw new IllegalStateException("duplicate service ID " + serviceId.id());
        }
        rows.put(serviceId.id(), new Row(serviceId, List.of(entry)));
    }

    @Override
    public synchronized Optional<ServiceId> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::serviceId);
    }

    @Override
    public synchronized boolean update(ServiceId s, long expectedVersion, HistoryEntry entry) {
        Row row = rows.get(s.id());
        if (row == null || row.serviceId().version() != expectedVersion) {
            return false;
        }
        ServiceId stored = row.serviceId();
        ServiceId next = new ServiceId(stored.id(), stored.iamId(), stored.accountId(), s.name(), s.description(),
                s.uniqueInstanceCrns(), s.locked(), stored.createdAt(), s.modifiedAt(), stored.createdBy(), s.version(),
                s.groupId());
        List<HistoryEntry> history = new ArrayList<>(row.history());
        history.add(entry);
        rows.put(s.id(), new Row(next, List.copyOf(history)));
        return true;
    }

    @Override
    public synchronized boolean delete(String id, long expectedVersion) {
        Row row = rows.get(id);
        if (row == null || row.serviceId().version() != expectedVersion) {
            return false;
        }
        rows.remove(id);
        return true;
    }

    @Override
    public synchronized Page<ServiceId> list(ServiceIdQuery query) {
        Comparator<ServiceId> order = switch (query.sort()) {
            case NAME -> InMemoryQueries.by(ServiceId::name, query.descending());
            case DESCRIPTION -> InMemoryQueries.by((ServiceId x) -> Fields.descriptionOrder(x.description()),
                    query.descending());
            case CREATED_AT -> InMemoryQueries.by(ServiceId::createdAt, query.descending());
            case MODIFIED_AT -> InMemoryQueries.by(ServiceId::modifiedAt, query.descending());
        };
        Comparator<ServiceId> total = order.thenComparing(InMemoryQueries.by(ServiceId::id, query.descending()));
        // The position as a service ID of its own, compared by the same order: the rows after it are the candidates.
        ServiceId position = query.after() == null ? null : positionOf(query.sort(), query.after());
        return InMemoryQueries.page(rows.values().stream().map(Row::serviceId)
                .filter(s -> position == null || total.compare(s, position) > 0)
                .filter(s -> s.accountId().equals(query.accountId()))
                .filter(s -> query.name() == null || s.name().equals(query.name()))
                .filter(s -> query.groupId() == null || query.groupId().equals(s.groupId()))
                .filter(s -> query.filter() == null || InMemoryQueries.matches(query.filter(), FILTER_COLUMNS, column(s)))
                .sorted(total)
                .toList(), query.after() == null ? query.offset() : 0, query.limit());
    }

    /** A service ID that has only the fields a position names: its id and its value of {@code sort}. */
    private static ServiceId positionOf(ServiceIdQuery.SortField sort, ServiceIdQuery.After after) {
        String value = after.value();
        return new ServiceId(after.id(), null, null, sort == ServiceIdQuery.SortField.NAME ? value : null,
                sort == ServiceIdQuery.SortField.DESCRIPTION ? value : null, List.of(), false,
                sort == ServiceIdQuery.SortField.CREATED_AT ? Instant.parse(value) : null,
                sort == ServiceIdQuery.SortField.MODIFIED_AT ? Instant.parse(value) : null, null, 0, null);
    }

    private static Function<String, String> column(ServiceId s) {
        return name -> name.equals("name") ? s.name() : s.description();
    }

    @Override
    public synchronized List<HistoryEntry> history(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::history).orElse(List.of());
    }

    /** Whether a stored service ID names the group: what the database's foreign key keeps a group deletion from. */
    synchronized boolean anyInGroup(String groupId) {
        return rows.values().stream().anyMatch(r -> groupId.equals(r.serviceId().groupId()));
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        rows = new LinkedHashMap<>((Map<String, Row>) snapshot);
    }
}
