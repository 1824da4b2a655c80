package dev.latchkey.core.notification;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link WebhookEndpointStore} in memory with the JDBC store's rules: ids are unique, an account holds at most the
 * limit it is inserted within (counted atomically), endpoints list oldest first, an update writes the description,
 * events and version only (at the expected version), a delete names the account.
 */
public final class InMemoryWebhookEndpointStore implements WebhookEndpointStore, InMemoryTransactor.Participant {
    private record Row(WebhookEndpoint endpoint, byte[] sealedSecret) {
    }

    private Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized boolean insertWithin(WebhookEndpoint endpoint, byte[] sealedSecret, int limit) {
        if (rows.values().stream().filter(r -> r.endpoint().accountId().equals(endpoint.accountId())).count() >= limit) {
            return false;
        }
        if (rows.containsKey(endpoint.id())) {
            throw new IllegalStateException("duplicate webhook endpoint " + endpoint.id());
        }
        rows.put(endpoint.id(), new Row(endpoint, sealedSecret.clone()));
        return true;
    }

    @Override
    public synchronized Optional<WebhookEndpoint> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::endpoint);
    }

    @Override
    public synchronized List<WebhookEndpoint> list(String accountId) {
        return rows.values().stream().map(Row::endpoint).filter(e -> e.accountId().equals(accountId))
                .sorted(Comparator.comparing(WebhookEndpoint::createdAt).thenComparing(WebhookEndpoint::id)).toList();
    }

    @Override
    public synchronized boolean update(WebhookEndpoint changed, long expectedVersion) {
        Row row = rows.get(changed.id());
        if (row == null || !row.endpoint().accountId().equals(changed.accountId())
                || row.endpoint().version() != expectedVersion) {
            return false;
        }
        WebhookEndpoint stored = row.endpoint();
        rows.put(changed.id(), new Row(new WebhookEndpoint(stored.id(), stored.accountId(), stored.url(),
                changed.description(), stored.createdBy(), stored.createdAt(), changed.events(), changed.version()),
                row.sealedSecret()));
        return true;
    }

    @Override
    public synchronized boolean delete(String accountId, String id) {
        Row row = rows.get(id);
        if (row == null || !row.endpoint().accountId().equals(accountId)) {
            return false;
        }
        rows.remove(id);
        return true;
    }

    @Override
    public synchronized Optional<byte[]> sealedSecret(String id) {
        return Optional.ofNullable(rows.get(id)).map(r -> r.sealedSecret().clone());
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
