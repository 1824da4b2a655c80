package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An {@link ApiKeyStore} in memory with the JDBC store's rules: ids and value hashes are unique (a duplicate
 * insert throws and writes nothing), updates and deletes need the stored version, a deleted key takes its history,
 * sealed value and activity with it, lists filter, sort (the id breaking ties) and page as the SQL does.
 */
public final class InMemoryApiKeyStore implements ApiKeyStore, InMemoryTransactor.Participant {
    private static final Set<String> FILTER_COLUMNS = Set.of("name", "description", "iam_id", "created_by");

    private record Row(ApiKey key, byte[] sealed, List<HistoryEntry> history, Activity activity) {
        Row withKey(ApiKey next, HistoryEntry entry) {
            List<HistoryEntry> more = new ArrayList<>(history);
            more.add(entry);
            return new Row(next, sealed, List.copyOf(more), activity);
        }
    }

    private Map<String, Row> rows = new LinkedHashMap<>();
    /** Activity added for keys that do not exist (deleted since their use), as the JDBC store keeps it until pruned. */
    private Map<String, Activity> leftActivity = new LinkedHashMap<>();
    private final List<Consumer<String>> deletions = new CopyOnWriteArrayList<>();
    private final CredentialLinks credentials;

    /** A store beside no resource store: no key backs a credential. */
    public InMemoryApiKeyStore() {
        this(CredentialLinks.NONE);
    }

    /** A store whose lookup by hash tells the credential each key backs as {@code credentials} links them. */
    public InMemoryApiKeyStore(CredentialLinks credentials) {
        this.credentials = credentials;
    }

    /** Called with the id of every key deleted, as {@code ON DELETE CASCADE} reaches the rows that refer to it. */
    public void onDelete(Consumer<String> cascade) {
        deletions.add(cascade);
    }

    @Override
    public synchronized void insert(ApiKey key, byte[] sealedValue, HistoryEntry entry) {
        if (rows.containsKey(key.id())) {
            throw new IllegalStateException("duplicate API key id " + key.id());
        }
        if (rows.values().stream().anyMatch(r -> r.key().hash().equals(key.hash()))) {
            throw new IllegalStateException("duplicate API key value hash");
        }
        rows.put(key.id(), new Row(key, sealedValue == null ? null : sealedValue.clone(), List.of(entry),
                Activity.NONE));
    }

    @Override
    public synchronized Optional<byte[]> sealedValue(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::sealed).map(byte[]::clone);
    }

    @Override
    public synchronized Optional<ApiKey> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::key);
    }

    @Override
    public synchronized Optional<FoundKey> findByHashWithLinks(String hash) {
        Optional<Row> current = rows.values().stream().filter(r -> r.key().hash().equals(hash)).findFirst();
        return (current.isPresent() ? current
                : rows.values().stream().filter(r -> hash.equals(r.key().previousHash())).findFirst())
                .map(r -> new FoundKey(r.key(), r.sealed() != null,
                        credentials.resourceKeyCrns(List.of(r.key().id())).get(r.key().id())));
    }

    @Override
    public synchronized boolean update(ApiKey key, long expectedVersion, HistoryEntry entry) {
        Row row = rows.get(key.id());
        if (row == null || row.key().version() != expectedVersion) {
            return false;
        }
        ApiKey stored = row.key();
        // What the UPDATE sets; id, account, identity, creation, hashes and prefix never change here.
        ApiKey next = new ApiKey(stored.id(), stored.accountId(), stored.iamId(), key.name(), key.description(),
                stored.createdBy(), stored.createdAt(), key.modifiedAt(), key.expiresAt(), key.locked(),
                key.disabled(), key.supportSessions(), key.actionWhenLeaked(), stored.hash(), stored.displayPrefix(),
                key.version(), stored.previousHash(), stored.previousHashUntil());
        rows.put(key.id(), row.withKey(next, entry));
        return true;
    }

    @Override
    public synchronized boolean rotate(ApiKey key, long expectedVersion, byte[] sealedValue, HistoryEntry entry) {
        Row row = rows.get(key.id());
        if (row == null || row.key().version() != expectedVersion) {
            return false;
        }
        if (rows.values().stream().anyMatch(r -> r != row && r.key().hash().equals(key.hash()))) {
            throw new IllegalStateException("duplicate API key value hash");
        }
        ApiKey stored = row.key();
        // What the rotating UPDATE sets: the value's columns, modification time and version.
        ApiKey next = new ApiKey(stored.id(), stored.accountId(), stored.iamId(), stored.name(), stored.description(),
                stored.createdBy(), stored.createdAt(), key.modifiedAt(), stored.expiresAt(), stored.locked(),
                stored.disabled(), stored.supportSessions(), stored.actionWhenLeaked(), key.hash(), key.displayPrefix(),
                key.version(), key.previousHash(), key.previousHashUntil());
        Row written = row.withKey(next, entry);
        rows.put(key.id(), new Row(written.key(), sealedValue == null ? null : sealedValue.clone(), written.history(),
                written.activity()));
        return true;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        synchronized (this) {
            Row row = rows.get(id);
            if (row == null || row.key().version() != expectedVersion) {
                return false;
            }
            rows.remove(id);
        }
        deletions.forEach(d -> d.accept(id));
        return true;
    }

    @Override
    public List<ApiKey> deleteForIdentity(String accountId, String iamId) {
        List<ApiKey> deleted;
        synchronized (this) {
            deleted = rows.values().stream().map(Row::key)
                    .filter(k -> k.accountId().equals(accountId) && k.iamId().equals(iamId)).toList();
            deleted.forEach(k -> rows.remove(k.id()));
        }
        deleted.forEach(k -> deletions.forEach(d -> d.accept(k.id())));
        return deleted;
    }

    @Override
    public synchronized Page<ApiKey> list(ApiKeyQuery query) {
        Comparator<ApiKey> order = switch (query.sort()) {
            case NAME -> InMemoryQueries.by(ApiKey::name, query.descending());
            case DESCRIPTION -> InMemoryQueries.by((ApiKey x) -> Fields.descriptionOrder(x.description()),
                    query.descending());
            case CREATED_AT -> InMemoryQueries.by(ApiKey::createdAt, query.descending());
            case CREATED_BY -> InMemoryQueries.by(ApiKey::createdBy, query.descending());
        };
        Comparator<ApiKey> total = order.thenComparing(InMemoryQueries.by(ApiKey::id, query.descending()));
        // The position as a key of its own, compared by the same order: the rows after it are the page's candidates.
        ApiKey position = query.after() == null ? null : positionOf(query.sort(), query.after());
        List<ApiKey> matching = rows.values().stream().map(Row::key)
                .filter(k -> position == null || total.compare(k, position) > 0)
                .filter(k -> k.accountId().equals(query.accountId()))
                .filter(k -> query.iamId() == null || k.iamId().equals(query.iamId()))
                .filter(k -> query.type() == null
                        || k.iamId().startsWith(IamIds.SERVICE_ID_PREFIX) == (query.type() == ApiKeyQuery.KeyType.SERVICEID))
                .filter(k -> query.filter() == null
                        || InMemoryQueries.matches(query.filter(), FILTER_COLUMNS, column(k)))
                .sorted(total)
                .toList();
        return InMemoryQueries.page(matching, query.after() == null ? query.offset() : 0, query.limit());
    }

    /** A key that has only the fields a position names: its id and its value of {@code sort}. */
    private static ApiKey positionOf(ApiKeyQuery.SortField sort, ApiKeyQuery.After after) {
        String value = after.value();
        return new ApiKey(after.id(), null, null, sort == ApiKeyQuery.SortField.NAME ? value : null,
                sort == ApiKeyQuery.SortField.DESCRIPTION ? value : null,
                sort == ApiKeyQuery.SortField.CREATED_BY ? value : null,
                sort == ApiKeyQuery.SortField.CREATED_AT ? Instant.parse(value) : null, null, null, false, false,
                false, null, null, null, 0);
    }

    private static Function<String, String> column(ApiKey k) {
        return name -> switch (name) {
            case "name" -> k.name();
            case "description" -> k.description();
            case "iam_id" -> k.iamId();
            case "created_by" -> k.createdBy();
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public synchronized int lockAndCountForIdentity(String accountId, String iamId) {
        return (int) rows.values().stream().map(Row::key)
                .filter(k -> k.accountId().equals(accountId) && k.iamId().equals(iamId)).count();
    }

    @Override
    public synchronized List<HistoryEntry> history(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::history).orElse(List.of());
    }

    @Override
    public synchronized void addActivity(KeyUses uses) {
        for (int i = 0; i < uses.keys(); i++) {
            String id = uses.keyId(i);
            Activity delta = new Activity(uses.lastAuthn(i), uses.count(i));
            Row row = rows.get(id);
            if (row != null) {
                rows.put(id, new Row(row.key(), row.sealed(), row.history(), row.activity().plus(delta)));
            } else {
                leftActivity.merge(id, delta, Activity::plus);
            }
        }
    }

    /** A key's own activity lives in its row and goes with it; what was added after it was deleted goes here. */
    @Override
    public synchronized int deleteActivityOfDeletedKeys() {
        int left = leftActivity.size();
        leftActivity.clear();
        return left;
    }

    @Override
    public synchronized Activity activity(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::activity)
                .orElse(leftActivity.getOrDefault(id, Activity.NONE));
    }

    @Override
    public synchronized Page<ApiKey> listLongLived(String accountId, int maxLifetimeDays, int offset, int limit) {
        List<ApiKey> matching = rows.values().stream().map(Row::key)
                .filter(k -> k.accountId().equals(accountId))
                .filter(k -> k.expiresAt() == null
                        || k.expiresAt().isAfter(k.createdAt().plus(Duration.ofDays(maxLifetimeDays))))
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id))
                .toList();
        return InMemoryQueries.page(matching, offset, limit);
    }

    @Override
    public synchronized List<ApiKey> listIdle(String accountId, Instant usedBefore, Instant now, String afterId,
                                              int limit) {
        return rows.values().stream()
                .filter(r -> r.key().accountId().equals(accountId) && !r.key().disabled() && !r.key().isExpired(now))
                .filter(r -> (r.activity().lastAuthn() == null ? r.key().createdAt() : r.activity().lastAuthn())
                        .compareTo(usedBefore) <= 0)
                .map(Row::key)
                .filter(k -> afterId == null || k.id().compareTo(afterId) > 0)
                .sorted(Comparator.comparing(ApiKey::id))
                .limit(limit)
                .toList();
    }

    /** Every key, in insertion order. */
    public synchronized List<ApiKey> all() {
        return rows.values().stream().map(Row::key).toList();
    }

    @Override
    public synchronized Object snapshot() {
        return new Snapshot(new LinkedHashMap<>(rows), new LinkedHashMap<>(leftActivity));
    }

    @Override
    public synchronized void restore(Object snapshot) {
        Snapshot saved = (Snapshot) snapshot;
        rows = new LinkedHashMap<>(saved.rows());
        leftActivity = new LinkedHashMap<>(saved.leftActivity());
    }

    private record Snapshot(Map<String, Row> rows, Map<String, Activity> leftActivity) {
    }
}
