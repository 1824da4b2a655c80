package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.KeyUsageStore;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Token exchanges per key and UTC day in {@code api_key_usage}. An add is an upsert that H2 and PostgreSQL both
 * run the same way and that loses nothing when nodes add to one row at once: insert the day with zero if its key
 * exists ({@code ON CONFLICT DO NOTHING} waits for, then yields to, a concurrent insert of the same row), then
 * increment it in place. Rows are written in key and day order, so concurrent batches lock them in the same order.
 * Thread-safe.
 */
public final class JdbcKeyUsageStore implements KeyUsageStore {
    private static final Comparator<Delta> ORDER = Comparator.comparing(Delta::keyId).thenComparing(Delta::date);
    private final Jdbi jdbi;

    public JdbcKeyUsageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(List<Delta> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<Delta> ordered = deltas.stream().sorted(ORDER).toList();
        jdbi.useTransaction(h -> {
            PreparedBatch days = h.prepareBatch("""
                    INSERT INTO api_key_usage (api_key_id, usage_date, token_exchanges)
                    SELECT id, CAST(:date AS DATE), 0 FROM api_keys WHERE id = :id
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
