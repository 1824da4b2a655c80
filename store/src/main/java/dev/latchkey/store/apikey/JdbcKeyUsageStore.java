package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.KeyUsageStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Token exchanges per key and UTC day in {@code api_key_usage}. An add is an upsert that loses nothing when nodes
 * add to one row at once, with rows written in key and day order, so concurrent batches lock them in the same order.
 * On PostgreSQL it is one {@code INSERT … ON CONFLICT DO UPDATE} of all the deltas, passed as arrays (decision
 * 0048). On H2 it is two batches: insert the day with zero ({@code ON CONFLICT DO NOTHING} waits for, then yields
 * to, a concurrent insert of the same row), then increment it in place. There is no foreign key to {@code api_keys}
 * (V31) and no look-up there either: the key's owner deletes its days with it, and days an add wrote for a key
 * deleted since its use go when they fall out of retention ({@link #deleteBefore}; decision 0053). Thread-safe.
 */
public final class JdbcKeyUsageStore implements KeyUsageStore {
    private static final Comparator<Delta> ORDER = Comparator.comparing(Delta::keyId).thenComparing(Delta::date);
    private final Jdbi jdbi;
    private final boolean postgres;

    /** {@code postgres}: the database is PostgreSQL ({@code Database.isPostgres}), otherwise H2. */
    public JdbcKeyUsageStore(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    @Override
    public void add(List<Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<Delta> ordered = summedInOrder(deltas);
        if (postgres) {
            // one statement for every delta; ORDER BY makes the insert take its rows, and their locks, in order
            jdbi.useHandle(h -> h.createUpdate("""
                            INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges)
                            SELECT d.id, d.day, d.n FROM unnest(:ids, CAST(:days AS DATE[]), :counts) AS d(id, day, n)
                            ORDER BY d.id, d.day
                            ON CONFLICT (api_key_id, usage_date)
                            DO UPDATE SET token_exchanges = api_key_usage.token_exchanges + EXCLUDED.token_exchanges""")
                    .bindArray("ids", String.class, ordered.stream().map(Delta::keyId).toList())
                    .bindArray("days", String.class, ordered.stream().map(d -> d.date().toString()).toList())
                    .bindArray("counts", Long.class, ordered.stream().map(Delta::tokenExchanges).toList())
                    .execute());
            return;
        }
        jdbi.useTransaction(h -> {
            PreparedBatch days = h.prepareBatch("""
                    INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges)
                    VALUES (:id, CAST(:date AS DATE), 0)
                    ON CONFLICT DO NOTHING""");
            ordered.forEach(d -> days.bind("id", d.keyId()).bind("date", d.date()).add());
            days.execute();
            PreparedBatch counts = h.prepareBatch("""
                    UPDATE api_key_usage SET token_exchanges = token_exchanges + :count
                    WHERE api_key_id = :id AND usage_date = :date""");
            ordered.forEach(d -> counts.bind("id", d.keyId()).bind("date", d.date())
                    .bind("count", d.tokenExchanges()).add());
            counts.execute();
        });
    }

    /**
     * The deltas in key and day order, one per key and day (a pair named twice is summed): PostgreSQL's upsert may
     * change a row only once per statement.
     */
    private static List<Delta> summedInOrder(List<Delta> deltas) {
        List<Delta> summed = new ArrayList<>(deltas.size());
        for (Delta d : deltas.stream().sorted(ORDER).toList()) {
            int last = summed.size() - 1;
            if (last >= 0 && ORDER.compare(summed.get(last), d) == 0) {
                long both = summed.get(last).tokenExchanges() + d.tokenExchanges();
                summed.set(last, new Delta(d.keyId(), d.date(), both));
            } else {
                summed.add(d);
            }
        }
        return summed;
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
