package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.KeyUsageStore;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.store.Sql;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Token exchanges per key and UTC day in {@code api_key_usage}. An add is an upsert that loses nothing when nodes
 * add to one row at once, with rows written in key and day order (as {@link KeyUses} holds them), so concurrent
 * batches lock them in the same order. On PostgreSQL it is one {@code INSERT … ON CONFLICT DO UPDATE} of all the
 * key days, passed as primitive arrays (decision 0048; days as days since 1970, no object per row: 0056). On H2
 * it is two batches: insert the day with zero ({@code ON CONFLICT DO NOTHING} waits for, then yields to, a
 * concurrent insert of the same row), then increment it in place. There is no foreign key to {@code api_keys}
 * (V31) and no look-up there either: the key's owner deletes its days with it, and days an add wrote for a key
 * deleted since its use go when they fall out of retention ({@link #deleteBefore}; decision 0053). Thread-safe.
 */
public final class JdbcKeyUsageStore implements KeyUsageStore {
    private final Jdbi jdbi;
    private final boolean postgres;

    /** {@code postgres}: the database is PostgreSQL ({@code Database.isPostgres}), otherwise H2. */
    public JdbcKeyUsageStore(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    @Override
    public void add(KeyUses uses) {
        int n = uses.days();
        if (n == 0) {
            return;
        }
        if (postgres) {
            String[] ids = new String[n];
            long[] days = new long[n];
            long[] counts = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = uses.dayKeyId(i);
                days[i] = uses.epochDay(i);
                counts[i] = uses.dayCount(i);
            }
            // one statement for every key and day; ORDER BY makes the insert take its rows, and their locks, in order
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges)
                            SELECT d.id, DATE '1970-01-01' + CAST(d.day AS INTEGER), d.n
                              FROM unnest(:ids, :days, :counts) AS d(id, day, n)
                             ORDER BY d.id, d.day
                            ON CONFLICT (api_key_id, usage_date)
                            DO UPDATE SET token_exchanges = api_key_usage.token_exchanges + EXCLUDED.token_exchanges""")
                    .bind("ids", Sql.pgArray(ids)).bind("days", Sql.pgArray(days)).bind("counts", Sql.pgArray(counts))
                    .execute());
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch days = h.prepareBatch("""
                    INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges)
                    VALUES (:id, CAST(:date AS DATE), 0)
                    ON CONFLICT DO NOTHING""");
            for (int i = 0; i < n; i++) {
                days.bind("id", uses.dayKeyId(i)).bind("date", LocalDate.ofEpochDay(uses.epochDay(i))).add();
            }
            days.execute();
            PreparedBatch counts = h.prepareBatch("""
                    UPDATE api_key_usage SET token_exchanges = token_exchanges + :count
                    WHERE api_key_id = :id AND usage_date = :date""");
            for (int i = 0; i < n; i++) {
                counts.bind("id", uses.dayKeyId(i)).bind("date", LocalDate.ofEpochDay(uses.epochDay(i)))
                        .bind("count", uses.dayCount(i)).add();
            }
            counts.execute();
        });
    }

    @Override
    public Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT usage_date, token_exchanges FROM api_key_usage
                        WHERE api_key_id = :id AND usage_date >= :from AND usage_date <= :to""")
                .bind("id", keyId).bind("from", from).bind("to", to)
                .map((rs, ctx) -> Map.entry(rs.getObject("usage_date", LocalDate.class), rs.getLong("token_exchanges")))
                .forEach(row -> days.put(row.getKey(), row.getValue())));
        return days;
    }

    @Override
    public int deleteBefore(LocalDate firstKept) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_key_usage WHERE usage_date < :first")
                .bind("first", firstKept).execute());
    }
}
