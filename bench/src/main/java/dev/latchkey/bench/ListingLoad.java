package dev.latchkey.bench;

import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.store.Database;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import dev.latchkey.store.apikey.ApiKeyListSql;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * For {@code bench/listing.sh}: {@code load} writes {@code count} API keys of one identity into one account straight
 * into the database, through the server's schema (migrated by the server first), each with a freshly generated,
 * well-formed value ({@link KeyFormat}) stored only as its SHA-256 ({@link ApiKeyHash}), as the server stores it; no
 * history rows. {@code explain} prints the database's plan (executed: EXPLAIN ANALYZE) of the listing's first page and
 * of a page after the key at {@code depth} in creation order, in the SQL the server runs ({@link ApiKeyListSql}).
 * <pre>
 * java -cp latchkey-bench.jar dev.latchkey.bench.ListingLoad load (JDBC_URL|H2_DATA_DIR) USER ACCOUNT IAM_ID CREATED_BY COUNT
 * java -cp latchkey-bench.jar dev.latchkey.bench.ListingLoad explain (JDBC_URL|H2_DATA_DIR) USER ACCOUNT PAGESIZE DEPTH
 * </pre>
 */
public final class ListingLoad {
    private static final String COLUMNS = "id, account_id, iam_id, name, description, created_by, created_at, "
            + "modified_at, expires_at, locked, disabled, support_sessions, action_when_leaked, value_hash, "
            + "display_prefix, version, previous_hash, previous_hash_until";

    private ListingLoad() {
    }

    public static void main(String[] args) {
        String user = args[2].isEmpty() ? null : args[2];
        // A JDBC URL, or the data directory of an embedded H2 database (the server's --data-dir, server stopped).
        String url = args[1].startsWith("jdbc:") ? args[1] : Database.h2Url(Path.of(args[1]));
        try (Database db = Database.open(url, user, null, 2)) {
            switch (args[0]) {
                case "load" -> load(db, args[3], args[4], args[5], Integer.parseInt(args[6]));
                case "explain" -> explain(db, args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
                default -> throw new IllegalArgumentException("load or explain, not " + args[0]);
            }
        }
    }

    private static void load(Database db, String account, String iamId, String createdBy, int count) {
        SecureRandom random = new SecureRandom();
        KeyFormat format = new KeyFormat("lk");
        Ids ids = new Ids(random);
        Instant start = Instant.now().minusSeconds(count);
        long began = System.nanoTime();
        db.jdbi().useHandle(h -> {
            for (int from = 0; from < count; from += 5_000) {
                PreparedBatch batch = h.prepareBatch("INSERT INTO api_keys (id, account_id, iam_id, name, description, "
                        + "created_by, created_at, modified_at, locked, disabled, support_sessions, action_when_leaked, "
                        + "value_hash, display_prefix, version) VALUES (:id, :account, :iamId, :name, :description, "
                        + ":createdBy, :at, :at, FALSE, FALSE, FALSE, 'none', :hash, :prefix, 1)");
                for (int i = from; i < Math.min(count, from + 5_000); i++) {
                    String value = format.generate(random);
                    // Creation times 1 ms apart, every tenth shared with the key before: ties the paging must keep.
                    Instant at = start.plusMillis(i - (i % 10 == 9 ? 1 : 0));
                    batch.bind("id", ids.apiKeyId()).bind("account", account).bind("iamId", iamId)
                            .bind("name", String.format("bulk-%06d", (i * 7_919L) % count))
                            .bind("description", i % 3 == 0 ? null : "bulk key " + (i % 100))
                            .bind("createdBy", createdBy).bind("at", Sql.time(at))
                            .bind("hash", ApiKeyHash.of(value)).bind("prefix", format.displayPrefix(value)).add();
                }
                batch.execute();
            }
            h.execute(db.isPostgres() ? "ANALYZE api_keys" : "ANALYZE TABLE api_keys");
        });
        System.out.printf("RESULT loaded=%d seconds=%.1f%n", count, (System.nanoTime() - began) / 1e9);
    }

    private static void explain(Database db, String account, int pageSize, int depth) {
        List<String> deep = db.jdbi().withHandle(h -> h.createQuery("SELECT created_at, id FROM api_keys WHERE "
                        + "account_id = :account ORDER BY account_id, created_at, id LIMIT 1 OFFSET :depth")
                .bind("account", account).bind("depth", depth)
                .map((rs, ctx) -> List.of(Sql.instant(rs, "created_at").toString(), rs.getString("id"))).one());
        for (ApiKeyQuery.After after : new ApiKeyQuery.After[] {null, new ApiKeyQuery.After(deep.get(0), deep.get(1))}) {
            ApiKeyQuery query = new ApiKeyQuery(account, null, null, null, ApiKeyQuery.SortField.CREATED_AT, false, 0,
                    pageSize, after);
            KeysetSql.Statement statement = ApiKeyListSql.of(query, COLUMNS, !db.isPostgres());
            System.out.println(after == null ? "-- first page" : "-- the page after key " + depth + " (a position)");
            System.out.println(statement.sql());
            db.jdbi().useHandle(h -> h.createQuery("EXPLAIN ANALYZE " + statement.sql()).bindMap(statement.bindings())
                    .mapTo(String.class).list().forEach(System.out::println));
        }
    }
}
