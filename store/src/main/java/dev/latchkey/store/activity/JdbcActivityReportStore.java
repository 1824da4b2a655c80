package dev.latchkey.store.activity;

import dev.latchkey.core.activity.ActivityReport;
import dev.latchkey.core.activity.ActivityReportStore;
import dev.latchkey.core.activity.InactiveIdentity;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** Activity reports in {@code activity_reports}, their lines in {@code activity_report_lines}. Thread-safe. */
public final class JdbcActivityReportStore implements ActivityReportStore {
    private static final RowMapper<InactiveIdentity> LINE = (rs, ctx) -> new InactiveIdentity(
            InactiveIdentity.Kind.valueOf(rs.getString("kind")), rs.getString("id"), rs.getString("name"),
            rs.getString("owner_id"), rs.getString("owner_name"), rs.getString("email"),
            Sql.instant(rs, "last_authn"));
    private static final String REPORT = """
            SELECT reference, account_id, created_by, duration_hours, start_time, end_time FROM activity_reports""";
    private final Jdbi jdbi;

    public JdbcActivityReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(ActivityReport r, int keep) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO activity_reports (reference, account_id, created_by, duration_hours, start_time,
                                                          end_time)
                            VALUES (:reference, :account, :createdBy, :hours, :start, :end)""")
                    .bind("reference", r.reference()).bind("account", r.accountId()).bind("createdBy", r.createdBy())
                    .bind("hours", r.durationHours()).bind("start", Sql.time(r.startTime()))
                    .bind("end", Sql.time(r.endTime())).execute();
            var batch = h.prepareBatch("""
                    INSERT INTO activity_report_lines (reference, position, kind, id, name, owner_id, owner_name, email,
                                                       last_authn)
                    VALUES (:reference, :position, :kind, :id, :name, :ownerId, :ownerName, :email, :lastAuthn)""");
            int position = 0;
            for (InactiveIdentity line : r.inactive()) {
                batch.bind("reference", r.reference()).bind("position", position++).bind("kind", line.kind().name())
                        .bind("id", line.id()).bind("name", line.name()).bind("ownerId", line.ownerId())
                        .bind("ownerName", line.ownerName()).bind("email", line.email())
                        .bind("lastAuthn", Sql.time(line.lastAuthn())).add();
            }
            if (position > 0) {
                batch.execute();
            }
            List<String> beyond = h.createQuery("""
                            SELECT reference FROM activity_reports WHERE account_id = :account
                             ORDER BY end_time DESC, reference DESC OFFSET :keep""")
                    .bind("account", r.accountId()).bind("keep", keep).mapTo(String.class).list();
            for (String old : beyond) {
                h.createUpdate("DELETE FROM activity_reports WHERE reference = :reference").bind("reference", old)
                        .execute();
            }
        });
    }

    @Override
    public Optional<ActivityReport> find(String accountId, String reference) {
        return jdbi.withHandle(h -> report(h, h.createQuery(REPORT
                        + " WHERE account_id = :account AND reference = :reference")
                .bind("account", accountId).bind("reference", reference)));
    }

    @Override
    public Optional<ActivityReport> latest(String accountId) {
        return jdbi.withHandle(h -> report(h, h.createQuery(REPORT
                        + " WHERE account_id = :account ORDER BY end_time DESC, reference DESC LIMIT 1")
                .bind("account", accountId)));
    }

    private static Optional<ActivityReport> report(Handle h, Query query) {
        return query.map((rs, ctx) -> new ActivityReport(rs.getString("reference"), rs.getString("account_id"),
                        rs.getString("created_by"), rs.getInt("duration_hours"), Sql.instant(rs, "start_time"),
                        Sql.instant(rs, "end_time"), List.of()))
                .findOne()
                .map(found -> new ActivityReport(found.reference(), found.accountId(), found.createdBy(),
                        found.durationHours(), found.startTime(), found.endTime(), h.createQuery("""
                                SELECT kind, id, name, owner_id, owner_name, email, last_authn
                                  FROM activity_report_lines WHERE reference = :reference ORDER BY position""")
                        .bind("reference", found.reference()).map(LINE).list()));
    }
}
