package dev.latchkey.store.apikey;

import com.github.benmanes.caffeine.cache.Interner;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

/**
 * API keys in {@code api_keys} (with the sealed value of {@code store_value} keys in {@code sealed_value}), their
 * history in {@code api_key_history}; the lookup by hash also reads the credential a key backs from the resource
 * store's {@code resource_keys} ({@link #findByHashWithLinks}). Thread-safe.
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String COLUMNS = "id, account_id, iam_id, name, description, created_by, created_at, "
            + "modified_at, expires_at, locked, disabled, support_sessions, action_when_leaked, value_hash, "
            + "display_prefix, version, previous_hash, previous_hash_until";
    /**
     * One instance per distinct account, identity and creator id among the keys in memory: a node caches up to
     * {@code --cache-max-entries} keys, and the keys of one account or identity would each hold a copy of the same
     * ids. On the million-key benchmark, with 100,000 keys cached, that was about 290,000 strings, 20 MB of heap, for
     * 4 MB of interned entries: an eighth of a cached key. Weak: an id no key holds any more is collected.
     */
    private static final Interner<String> SHARED_IDS = Interner.newWeakInterner();
    private static final RowMapper<ApiKey> MAPPER = mapper(UnaryOperator.identity());
    /** A key row as a hash lookup reads it: its columns, and whether a value is stored (not the value). */
    private static final String FOUND_COLUMNS = COLUMNS + ", sealed_value IS NOT NULL AS value_stored";
    /**
     * The most hashes one lookup statement asks for; more are asked in several. Each statement asks for a power of two
     * of them, the last repeated to fill it ({@link #findByHashesWithLinks}), so that PostgreSQL sees six statements,
     * each with a generic plan as cheap as a custom one. An array parameter ({@code = ANY(?)}) made it plan every
     * execution afresh instead: the generic plan of an array of unknown length looks costlier than the custom plan of
     * a short one, and planning tripled what a lookup of one key cost the database (decision 0050).
     */
    public static final int MOST_HASHES_PER_STATEMENT = 32;
    /** Index i: the lookup statement for 2^i hashes, bound as {@code :h0} to {@code :h<2^i-1>}. */
    private static final List<String> FIND_BY_HASHES = IntStream
            .rangeClosed(0, Integer.numberOfTrailingZeros(MOST_HASHES_PER_STATEMENT))
            .mapToObj(i -> findByHashes(1 << i)).toList();
    private static final RowMapper<HistoryEntry> HISTORY = (rs, ctx) -> new HistoryEntry(Sql.instant(rs, "at"),
            rs.getString("iam_id"), rs.getString("iam_id_account"), rs.getString("action"),
            Arrays.stream(rs.getString("params").split(",")).filter(s -> !s.isEmpty()).toList(),
            rs.getString("message"));

    /**
     * The tables of a key's activity, {@code api_key_activity} and {@code api_key_usage}: keyed by its id but without
     * a foreign key (V31), so deleting a key deletes their rows here.
     */
    private static final List<String> ACTIVITY_TABLES = List.of("api_key_activity", "api_key_usage");

    /** Change-feed topic of key rows; the id is the value hash. */
    public static final String TOPIC = "key";
    private final Jdbi jdbi;
    private final ChangeFeed changes;
    private final boolean postgres;

    /** {@code postgres}: the database is PostgreSQL ({@code Database.isPostgres}), otherwise H2. */
    public JdbcApiKeyStore(Jdbi jdbi, ChangeFeed changes, boolean postgres) {
        this.jdbi = jdbi;
        this.changes = changes;
        this.postgres = postgres;
    }

    @Override
    public void insert(ApiKey key, byte[] sealedValue, HistoryEntry entry) {
        jdbi.useTransaction(h -> {
            bindKey(h.createUpdate("INSERT INTO api_keys (" + COLUMNS + ", sealed_value) VALUES (:id, :accountId, "
                    + ":iamId, :name, :description, :createdBy, :createdAt, :modifiedAt, :expiresAt, :locked, "
                    + ":disabled, :supportSessions, :action, :hash, :displayPrefix, :version, :previousHash, "
                    + ":previousHashUntil, :sealed)"), key)
                    .bindByType("sealed", sealedValue, byte[].class).execute();
            insertHistory(h, key.id(), entry);
        });
    }

    @Override
    public Optional<byte[]> sealedValue(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sealed_value FROM api_keys WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> Optional.ofNullable(rs.getBytes("sealed_value"))).findOne()
                .flatMap(value -> value));
    }

    @Override
    public List<ApiKey> deleteForIdentity(String accountId, String iamId) {
        return jdbi.inTransaction(h -> {
            List<ApiKey> keys = h.createQuery("SELECT " + COLUMNS
                            + " FROM api_keys WHERE account_id = :accountId AND iam_id = :iamId")
                    .bind("accountId", accountId).bind("iamId", iamId).map(MAPPER).list();
            for (String table : ACTIVITY_TABLES) {
                h.createUpdate("DELETE FROM " + table + " WHERE api_key_id IN (SELECT id FROM api_keys "
                                + "WHERE account_id = :accountId AND iam_id = :iamId)")
                        .bind("accountId", accountId).bind("iamId", iamId).execute();
            }
            h.createUpdate("DELETE FROM api_keys WHERE account_id = :accountId AND iam_id = :iamId")
                    .bind("accountId", accountId).bind("iamId", iamId).execute();
            keys.forEach(key -> publish(h, key.hash(), key.previousHash()));
            return keys;
        });
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public Optional<FoundKey> findByHashWithLinks(String hash) {
        return Optional.ofNullable(findByHashesWithLinks(List.of(hash)).get(hash));
    }

    /**
     * One statement ({@link #findByHashes}) for up to {@link #MOST_HASHES_PER_STATEMENT} of {@code hashes}, padded to
     * the next power of two by repeating the last. A hash given twice is asked for twice (its row comes back once);
     * the node's reader sends each hash once already.
     */
    @Override
    public Map<String, FoundKey> findByHashesWithLinks(Collection<String> hashes) {
        List<String> asked = List.copyOf(hashes);
        Map<String, FoundKey> found = new HashMap<>();
        if (asked.isEmpty()) {
            return found;
        }
        // The answer, and the key in it, hold the caller's strings for the hashes it asked for, not equal copies read
        // from the row: the node's cache keeps its entry under the caller's string, so a cached key holds its hash once.
        Map<String, String> callers = new HashMap<>();
        asked.forEach(hash -> callers.putIfAbsent(hash, hash));
        UnaryOperator<String> asCalled = hash -> callers.getOrDefault(hash, hash); // null (no previous hash) stays null
        RowMapper<FoundKey> rows = found(mapper(asCalled));
        jdbi.useHandle(h -> {
            for (int from = 0; from < asked.size(); from += MOST_HASHES_PER_STATEMENT) {
                List<String> some = asked.subList(from, Math.min(asked.size(), from + MOST_HASHES_PER_STATEMENT));
                int size = Integer.highestOneBit(2 * some.size() - 1); // the power of two at or above it
                Query query = h.createQuery(FIND_BY_HASHES.get(Integer.numberOfTrailingZeros(size)));
                for (int i = 0; i < size; i++) {
                    query.bind("h" + i, some.get(Math.min(i, some.size() - 1)));
                }
                query.map((rs, ctx) -> Map.entry(asCalled.apply(rs.getString("asked")), rows.map(rs, ctx)))
                        .forEach(row -> found.putIfAbsent(row.getKey(), row.getValue()));
            }
        });
        return found;
    }

    /**
     * A key row as a key; {@code hashes} gives the string that the key holds for its current and previous hash, so
     * that a key read by its hash can hold the very string it was asked for ({@link #findByHashesWithLinks}).
     */
    private static RowMapper<ApiKey> mapper(UnaryOperator<String> hashes) {
        return (rs, ctx) -> new ApiKey(rs.getString("id"),
                sharedId(rs, "account_id"), sharedId(rs, "iam_id"), rs.getString("name"), rs.getString("description"),
                sharedId(rs, "created_by"), Sql.instant(rs, "created_at"), Sql.instant(rs, "modified_at"),
                Sql.instant(rs, "expires_at"), rs.getBoolean("locked"), rs.getBoolean("disabled"),
                rs.getBoolean("support_sessions"),
                LeakAction.valueOf(rs.getString("action_when_leaked").toUpperCase(Locale.ROOT)),
                hashes.apply(rs.getString("value_hash")), rs.getString("display_prefix"), rs.getLong("version"),
                hashes.apply(rs.getString("previous_hash")), Sql.instant(rs, "previous_hash_until"));
    }

    /** A row of a lookup by hash: the key, whether its value is stored, and the CRN of the resource key it is. */
    private static RowMapper<FoundKey> found(RowMapper<ApiKey> keys) {
        return (rs, ctx) -> new FoundKey(keys.map(rs, ctx), rs.getBoolean("value_stored"),
                rs.getString("credential_guid") == null ? null
                        : ResourceKey.crnOf(rs.getString("credential_service"), rs.getString("credential_account"),
                                rs.getString("credential_instance"), rs.getString("credential_guid")));
    }

    /**
     * The lookup statement for {@code n} hashes: one statement whichever hash matches, and with the keys' links. Each
     * branch of the {@code UNION ALL} is an index probe per hash, a current value wins over a previous one (only a
     * client-supplied value could make both match: the rows come ordered so, and the first row of a hash is kept),
     * whether a value is stored is read off the key's own row (never the sealed bytes), and the credential is one
     * probe of {@code resource_keys_by_api_key}. That table belongs to the resource store; it is joined here rather
     * than asked through {@code CredentialLinks} because that would be a second round trip on every miss of the
     * details hot path (decision 0039), and the CRN is made by {@link ResourceKey#crnOf} from the columns the
     * resource store makes it from.
     */
    private static String findByHashes(int n) {
        String hashes = IntStream.range(0, n).mapToObj(i -> ":h" + i)
                .collect(Collectors.joining(", ", "(", ")"));
        return "SELECT " + COLUMNS.replaceAll("(\\w+)", "found.$1") + ", found.value_stored, found.asked, "
                + "r.service_name AS credential_service, r.account_id AS credential_account, "
                + "r.instance_guid AS credential_instance, r.guid AS credential_guid FROM (SELECT " + FOUND_COLUMNS
                + ", value_hash AS asked, 0 AS matched FROM api_keys WHERE value_hash IN " + hashes + " UNION ALL "
                + "SELECT " + FOUND_COLUMNS + ", previous_hash AS asked, 1 AS matched FROM api_keys "
                + "WHERE previous_hash IN " + hashes + ") found LEFT JOIN resource_keys r ON r.api_key_id = found.id "
                + "AND r.state = 'active' ORDER BY found.matched";
    }

    @Override
    public boolean update(ApiKey key, long expectedVersion, HistoryEntry entry) {
        return jdbi.inTransaction(h -> {
            int rows = bindKey(h.createUpdate("""
                    UPDATE api_keys SET name = :name, description = :description, modified_at = :modifiedAt,
                        expires_at = :expiresAt, locked = :locked, disabled = :disabled,
                        support_sessions = :supportSessions, action_when_leaked = :action, version = :version
                    WHERE id = :id AND version = :expected"""), key).bind("expected", expectedVersion).execute();
            if (rows == 0) {
                return false;
            }
            insertHistory(h, key.id(), entry);
            publish(h, key.hash(), key.previousHash());
            return true;
        });
    }

    @Override
    public boolean rotate(ApiKey key, long expectedVersion, byte[] sealedValue, HistoryEntry entry) {
        return jdbi.inTransaction(h -> {
            Optional<String[]> before = h.createQuery("SELECT value_hash, previous_hash FROM api_keys "
                            + "WHERE id = :id AND version = :expected")
                    .bind("id", key.id()).bind("expected", expectedVersion)
                    .map((rs, ctx) -> new String[] {rs.getString("value_hash"), rs.getString("previous_hash")})
                    .findOne();
            if (before.isEmpty()) {
                return false;
            }
            int rows = h.createUpdate("""
                    UPDATE api_keys SET value_hash = :hash, display_prefix = :displayPrefix,
                        previous_hash = :previousHash, previous_hash_until = :previousHashUntil,
                        sealed_value = :sealed, modified_at = :modifiedAt, version = :version
                    WHERE id = :id AND version = :expected""")
                    .bind("hash", key.hash()).bind("displayPrefix", key.displayPrefix())
                    .bind("previousHash", key.previousHash()).bind("previousHashUntil", Sql.time(key.previousHashUntil()))
                    .bindByType("sealed", sealedValue, byte[].class).bind("modifiedAt", Sql.time(key.modifiedAt()))
                    .bind("version", key.version()).bind("id", key.id()).bind("expected", expectedVersion).execute();
            if (rows == 0) {
                return false;
            }
            insertHistory(h, key.id(), entry);
            publish(h, key.hash(), before.get()[0]);
            publish(h, before.get()[1], null);
            return true;
        });
    }

    /** Evicts the key from every node's cache under each hash it may be looked up by (null: none). */
    private void publish(Handle h, String hash, String previousHash) {
        if (hash != null) {
            changes.publish(h, TOPIC, hash);
        }
        if (previousHash != null) {
            changes.publish(h, TOPIC, previousHash);
        }
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return jdbi.inTransaction(h -> {
            Optional<String[]> hashes = h.createQuery("SELECT value_hash, previous_hash FROM api_keys "
                            + "WHERE id = :id AND version = :expected")
                    .bind("id", id).bind("expected", expectedVersion)
                    .map((rs, ctx) -> new String[] {rs.getString("value_hash"), rs.getString("previous_hash")})
                    .findOne();
            if (hashes.isEmpty() || h.createUpdate("DELETE FROM api_keys WHERE id = :id AND version = :expected")
                    .bind("id", id).bind("expected", expectedVersion).execute() != 1) {
                return false;
            }
            for (String table : ACTIVITY_TABLES) {
                h.createUpdate("DELETE FROM " + table + " WHERE api_key_id = :id").bind("id", id).execute();
            }
            publish(h, hashes.get()[0], hashes.get()[1]);
            return true;
        });
    }

    /** One statement, {@link ApiKeyListSql}'s: an index range read in order at any depth (decision 0038). */
    @Override
    public Page<ApiKey> list(ApiKeyQuery query) {
        KeysetSql.Statement statement = ApiKeyListSql.of(query, COLUMNS, !postgres);
        List<ApiKey> rows = jdbi.withHandle(h -> h.createQuery(statement.sql()).bindMap(statement.bindings())
                .map(MAPPER).list());
        boolean more = rows.size() > query.limit();
        int offset = query.after() == null ? query.offset() : 0;
        return new Page<>(more ? rows.subList(0, query.limit()) : rows, offset, query.limit(), more);
    }

    @Override
    public int lockAndCountForIdentity(String accountId, String iamId) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT iam_id FROM account_members WHERE account_id = :accountId AND iam_id = :iamId "
                            + "FOR UPDATE")
                    .bind("accountId", accountId).bind("iamId", iamId).mapTo(String.class).list();
            return h.createQuery("SELECT COUNT(*) FROM api_keys WHERE account_id = :accountId AND iam_id = :iamId")
                    .bind("accountId", accountId).bind("iamId", iamId).mapTo(Integer.class).one();
        });
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_key_history WHERE api_key_id = :id ORDER BY seq")
                .bind("id", id).map(HISTORY).list());
    }

    /**
     * One flush of {@code ActivityRecorder}: each key's row of {@code api_key_activity} gets the count added and
     * the later of the two times, rows written in key order (as {@link KeyUses} holds them) so that two nodes
     * flushing the same keys at once cannot deadlock. On PostgreSQL, where a flush after uniform use of many keys
     * holds thousands of them, one {@code INSERT … ON CONFLICT DO UPDATE} of all of them, passed as primitive arrays
     * (times in microseconds: no object per key; decision 0056); on H2 two batches, as
     * {@link JdbcKeyUsageStore} does (decision 0048). Neither looks the keys up in {@code api_keys}: a key deleted
     * since its use gets a row that {@link #deleteActivityOfDeletedKeys} takes (decision 0053).
     */
    @Override
    public void addActivity(KeyUses uses) {
        if (uses.isEmpty()) {
            return;
        }
        int n = uses.keys();
        if (postgres) {
            String[] ids = new String[n];
            long[] micros = new long[n];
            long[] counts = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = uses.keyId(i);
                micros[i] = Sql.micros(uses.lastAuthn(i));
                counts[i] = uses.count(i);
            }
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO api_key_activity (api_key_id, last_authn, authn_count)
                            SELECT d.id,
                                   TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00' + d.us * INTERVAL '1 microsecond',
                                   d.n
                              FROM unnest(:ids, :micros, :counts) AS d(id, us, n)
                             ORDER BY d.id
                            ON CONFLICT (api_key_id) DO UPDATE
                               SET authn_count = api_key_activity.authn_count + EXCLUDED.authn_count,
                                   last_authn = GREATEST(api_key_activity.last_authn, EXCLUDED.last_authn)""")
                    .bind("ids", Sql.pgArray(ids)).bind("micros", Sql.pgArray(micros))
                    .bind("counts", Sql.pgArray(counts))
                    .execute());
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch rows = h.prepareBatch("""
                    INSERT INTO api_key_activity (api_key_id, last_authn, authn_count) VALUES (:id, NULL, 0)
                    ON CONFLICT DO NOTHING""");
            for (int i = 0; i < n; i++) {
                rows.bind("id", uses.keyId(i)).add();
            }
            rows.execute();
            PreparedBatch counts = h.prepareBatch("""
                    UPDATE api_key_activity SET authn_count = authn_count + :count,
                        last_authn = CASE WHEN last_authn IS NULL OR last_authn < :at THEN :at ELSE last_authn END
                    WHERE api_key_id = :id""");
            for (int i = 0; i < n; i++) {
                counts.bind("id", uses.keyId(i)).bind("count", uses.count(i)).bind("at", Sql.time(uses.lastAuthn(i)))
                        .add();
            }
            counts.execute();
        });
    }

    @Override
    public int deleteActivityOfDeletedKeys() {
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM api_key_activity a WHERE NOT EXISTS (SELECT 1 FROM api_keys k WHERE k.id = a.api_key_id)""")
                .execute());
    }

    @Override
    public Activity activity(String id) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT last_authn, authn_count FROM api_key_activity WHERE api_key_id = :id")
                .bind("id", id).map((rs, ctx) -> new Activity(Sql.instant(rs, "last_authn"), rs.getLong("authn_count")))
                .findOne().orElse(Activity.NONE));
    }

    @Override
    public Page<ApiKey> listLongLived(String accountId, int maxLifetimeDays, int offset, int limit) {
        // Interval arithmetic both databases read alike: an integer times INTERVAL '1' DAY added to a timestamp.
        List<ApiKey> rows = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM api_keys WHERE account_id = :accountId
                          AND (expires_at IS NULL OR expires_at > created_at + CAST(:days AS INTEGER) * INTERVAL '1' DAY)
                        ORDER BY created_at, id LIMIT :limit OFFSET :offset""")
                .bind("accountId", accountId).bind("days", maxLifetimeDays).bind("limit", limit + 1)
                .bind("offset", offset).map(MAPPER).list());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    @Override
    public List<ApiKey> listIdle(String accountId, Instant usedBefore, Instant now, String afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM api_keys LEFT JOIN api_key_activity ON api_key_id = id
                        WHERE account_id = :accountId AND disabled = FALSE
                          AND (expires_at IS NULL OR expires_at > :now)
                          AND COALESCE(last_authn, created_at) <= :usedBefore
                          AND (CAST(:afterId AS VARCHAR(64)) IS NULL OR id > :afterId)
                        ORDER BY id LIMIT :limit""")
                .bind("accountId", accountId).bind("now", Sql.time(now)).bind("usedBefore", Sql.time(usedBefore))
                .bind("afterId", afterId).bind("limit", limit).map(MAPPER).list());
    }

    /** A column holding an id many keys share, as its one instance ({@link #SHARED_IDS}). */
    private static String sharedId(ResultSet rs, String column) throws SQLException {
        String id = rs.getString(column);
        return id == null ? null : SHARED_IDS.intern(id);
    }

    private static Update bindKey(Update update, ApiKey key) {
        return update.bind("id", key.id()).bind("accountId", key.accountId()).bind("iamId", key.iamId())
                .bind("name", key.name()).bind("description", key.description()).bind("createdBy", key.createdBy())
                .bind("createdAt", Sql.time(key.createdAt())).bind("modifiedAt", Sql.time(key.modifiedAt()))
                .bind("expiresAt", Sql.time(key.expiresAt())).bind("locked", key.locked())
                .bind("disabled", key.disabled()).bind("supportSessions", key.supportSessions())
                .bind("action", key.actionWhenLeaked().wire()).bind("hash", key.hash())
                .bind("displayPrefix", key.displayPrefix()).bind("version", key.version())
                .bind("previousHash", key.previousHash()).bind("previousHashUntil", Sql.time(key.previousHashUntil()));
    }

    private static void insertHistory(Handle h, String keyId, HistoryEntry entry) {
        h.createUpdate("""
                        INSERT INTO api_key_history (api_key_id, at, iam_id, iam_id_account, action, params, message)
                        VALUES (:keyId, :at, :iamId, :account, :action, :params, :message)""")
                .bind("keyId", keyId).bind("at", Sql.time(entry.timestamp())).bind("iamId", entry.iamId())
                .bind("account", entry.iamIdAccount()).bind("action", entry.action())
                .bind("params", String.join(",", entry.params())).bind("message", entry.message()).execute();
    }
}
