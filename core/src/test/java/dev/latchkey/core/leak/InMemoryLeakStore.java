package dev.latchkey.core.leak;

import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link LeakStore} in memory with the JDBC store's rules: one sighting per token hash (the first one stays),
 * listings of one account newest first with the id breaking ties, filtered by identity and by kind of owner.
 */
public final class InMemoryLeakStore implements LeakStore, InMemoryTransactor.Participant {
    private Map<String, Sighting> byHash = new LinkedHashMap<>();

    @Override
    public synchronized Sighting insertIfAbsent(Sighting sighting) {
        return byHash.computeIfAbsent(sighting.tokenHash(), hash -> sighting);
    }

    @Override
    public synchronized Optional<Sighting> findByHash(String tokenHash) {
        return Optional.ofNullable(byHash.get(tokenHash));
    }

    @Override
    public synchronized Page<Sighting> list(Query query) {
        List<Sighting> matching = byHash.values().stream()
                .filter(s -> query.accountId().equals(s.accountId()))
                .filter(s -> query.iamId() == null || query.iamId().equals(s.iamId()))
                .filter(s -> query.owners() == null || s.iamId() != null
                        && (query.owners() == Owners.SERVICE_IDS) == IamIds.isServiceId(s.iamId()))
                .sorted(Comparator.comparing(Sighting::reportedAt).reversed().thenComparing(Sighting::id))
                .toList();
        int from = Math.min(query.offset(), matching.size());
        int to = Math.min(from + query.limit(), matching.size());
        return new Page<>(new ArrayList<>(matching.subList(from, to)), query.offset(), query.limit(),
                to < matching.size());
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(byHash);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byHash = new LinkedHashMap<>((Map<String, Sighting>) snapshot);
    }
}
