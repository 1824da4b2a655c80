package dev.latchkey.app;

import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.audit.ChainCheck;
import dev.latchkey.core.audit.ChainHead;
import dev.latchkey.store.Database;
import dev.latchkey.store.audit.JdbcAuditStore;
import dev.latchkey.store.maintenance.Refusal;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey audit-verify [--account ID]}: recomputes each account's audit chain straight from the database
 * and reports the first event that was altered, removed or inserted. Exit 0 when every chain is intact, 1 when one is
 * broken (or the database cannot be read). It prints each chain's head hash: kept elsewhere (the SIEM that receives
 * the {@code audit} webhooks keeps every hash), it shows the chain was not rewritten as a whole.
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Check that the audit log was not changed: recompute every account's hash chain from the "
                + "database and name the first event altered, removed or inserted.")
final class AuditVerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--account", paramLabel = "ID", description = "Only this account's chain.")
    String account;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws IOException {
        if (database.missing() != null) {
            return fail(database.missing());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = database.open(2)) {
            JdbcAuditStore store = new JdbcAuditStore(db.jdbi());
            AuditLog log = new AuditLog(store, (caller, accountId) -> false, Clock.systemUTC());
            if (account != null && store.head(account).isEmpty()) {
                return fail("Account " + account + " has no audit events.");
            }
            List<ChainCheck> checks = account == null ? log.verifyAll() : List.of(log.verify(account));
            int broken = 0;
            for (ChainCheck check : checks) {
                ChainHead head = store.head(check.accountId()).orElse(ChainHead.empty(check.accountId()));
                if (check.intact()) {
                    out.println(check.accountId() + ": intact, " + check.checked() + " event(s) "
                            + (check.checked() == 0 ? "" : head.firstSeq() + " to " + head.lastSeq() + ", ")
                            + "head " + head.lastHash());
                } else {
                    ChainCheck.Break b = check.firstBreak().orElseThrow();
                    out.println(check.accountId() + ": BROKEN at event " + b.seq() + " ("
                            + b.kind().name().toLowerCase(java.util.Locale.ROOT) + "): " + b.reason());
                    broken++;
                }
            }
            if (checks.isEmpty()) {
                out.println("No audit events yet.");
            }
            if (broken > 0) {
                spec.commandLine().getErr().println("latchkey: " + broken + " of " + checks.size()
                        + " audit chain(s) are broken: the database was changed outside Latchkey.");
                return 1;
            }
            return 0;
        } catch (Database.Unreachable | Refusal e) {
            return fail(e.getMessage());
        }
    }

    private int fail(String sentence) {
        spec.commandLine().getErr().println("latchkey: " + sentence);
        return 1;
    }
}
