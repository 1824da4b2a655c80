package dev.latchkey.bench;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.store.Database;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk-loads a PostgreSQL schema that Latchkey has already migrated (and bootstrapped) with {@code accounts}
 * accounts, as {@code AccountService.create} makes them (the account, its owner user, the owner's active
 * membership invited by the platform administrator), each owner holding {@code keysPerIdentity} user API keys and
 * having made {@code serviceIds} service IDs (with their history and the creator's policy, as
 * {@code ServiceIdService.create} writes them) holding {@code keysPerIdentity} keys each: 10,000 x (1 + 4) x 20 =
 * 1,000,000 keys by default, within IBM's 20 keys per user. Accounts, users, memberships, service IDs and policies
 * are written through the product's own stores (in transactions of a few hundred accounts); keys and their
 * "create" history rows, exactly the columns
 * {@code JdbcApiKeyStore.insert} writes, with PostgreSQL COPY. Key values come from core's {@link KeyFormat} with a
 * {@link SecureRandom}, hashes from {@link ApiKeyHash}, ids from {@link Ids}: what {@code POST /v1/apikeys} makes.
 * Not written: the audit events of these changes (the account's hash chain; neither a token exchange nor a
 * key-details lookup reads it). The plain values go to {@code keysFile} (mode 0600), one per line, all of one length.
 *
 * <p>Usage: {@code java -cp latchkey-bench.jar dev.latchkey.bench.ScaleLoad JDBC_URL USER KEYS_FILE [ACCOUNTS]
 * [SERVICE_IDS_PER_ACCOUNT] [KEYS_PER_IDENTITY] [PREFIX]}; prints one {@code RESULT} line.
 */
public final class ScaleLoad {
    private static final int ACCOUNTS_PER_TRANSACTION = 250;
    private static final int COPY_ROWS_PER_FLUSH = 5_000;

    private ScaleLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ScaleLoad JDBC_URL USER KEYS_FILE [ACCOUNTS] [SERVICE_IDS_PER_ACCOUNT] "
                    + "[KEYS_PER_IDENTITY] [PREFIX]");
            System.exit(2);
        }
        // No 30 s read timeout (the server's default): under a busy machine one COPY can take longer than that.
        String url = args[0].contains("socketTimeout") ? args[0]
                : args[0] + (args[0].contains("?") ? "&" : "?") + "socketTimeout=0";
        String user = args[1];
        Path keysFile = Path.of(args[2]);
        int accounts = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int serviceIds = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int perIdentity = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        String prefix = args.length > 6 ? args[6] : "lk";
        if (perIdentity > 20) {
            throw new IllegalArgumentException("a user holds at most 20 API keys in an account");
        }
        long started = System.nanoTime();
        SecureRandom random = new SecureRandom();
        Ids ids = new Ids(random);
        KeyFormat format = new KeyFormat(prefix);
        Files.deleteIfExists(keysFile);
        Files.createFile(keysFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long keys = 0;
        long identitiesNanos = 0;
        long keysNanos = 0;
        long generateNanos = 0;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (Database db = Database.open(url, user, null, 4);
             BufferedWriter values = Files.newBufferedWriter(keysFile, StandardCharsets.US_ASCII)) {
            String creator = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT iam_id FROM users WHERE platform_admin ORDER BY created_at LIMIT 1").mapTo(String.class)
                    .findOne().orElse(null));
            for (int first = 0; first < accounts; first += ACCOUNTS_PER_TRANSACTION) {
                int count = Math.min(ACCOUNTS_PER_TRANSACTION, accounts - first);
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                List<ApiKey> batch = new ArrayList<>();
                List<String> batchValues = new ArrayList<>();
                List<Identity> identities = new ArrayList<>();
                for (int a = 0; a < count; a++) {
                    int n = first + a;
                    User owner = new User(ids.userIamId(), "owner-" + n + "@scale.example", "Owner", "No. " + n,
                            false, now);
                    Account account = new Account(ids.accountId(), "Scale account " + n, owner.iamId(), now);
                    identities.add(new Identity(account, owner, null));
                    for (int s = 0; s < serviceIds; s++) {
                        String id = ids.serviceId();
                        identities.add(new Identity(account, owner, new ServiceId(id, IamIds.ofServiceId(id),
                                account.id(), "service-" + s, null, List.of(), false, now, now, owner.iamId(), 1)));
                    }
                }
                // The identities go in on their own thread while this one makes and copies the keys: api_keys has no
                // foreign key to them, and the two together would otherwise wait for each other's round trips.
                Future<Long> identitiesDone = writer.submit(() -> {
                    long t0 = System.nanoTime();
                    writeIdentities(db, identities, creator, ids, now);
                    return System.nanoTime() - t0;
                });
                long t1 = System.nanoTime();
                for (Identity i : identities) {
                    String iamId = i.serviceId() == null ? i.owner().iamId() : i.serviceId().iamId();
                    for (int k = 0; k < perIdentity; k++) {
                        String value = format.generate(random);
                        batch.add(new ApiKey(ids.apiKeyId(), i.account().id(), iamId, "key-" + k, null,
                                i.owner().iamId(), now, now, null, false, false, false, LeakAction.NONE,
                                ApiKeyHash.of(value), format.displayPrefix(value), 1));
                        batchValues.add(value);
                    }
                }
                long t2 = System.nanoTime();
                generateNanos += t2 - t1;
                copyKeys(db, batch);
                for (String value : batchValues) {
                    values.write(value);
                    values.write('\n');
                }
                keys += batch.size();
                keysNanos += System.nanoTime() - t1;
                identitiesNanos += identitiesDone.get();
                if ((first / ACCOUNTS_PER_TRANSACTION) % 8 == 7) {
                    System.err.printf("loaded %d accounts, %d keys, %.0f s%n", first + count, keys,
                            (System.nanoTime() - started) / 1e9);
                }
            }
            long t2 = System.nanoTime();
            db.jdbi().useHandle(h -> {
                for (String table : List.of("accounts", "users", "account_members", "policies", "policy_attributes",
                        "service_ids", "service_id_history", "api_keys", "api_key_history")) {
                    h.execute("ANALYZE " + table);
                }
            });
            System.out.printf("RESULT accounts=%d service_ids=%d keys=%d load_s=%.1f identities_s=%.1f keys_s=%.1f "
                            + "of_which_generating_s=%.1f analyze_s=%.1f%n", accounts, (long) accounts * serviceIds, keys,
                    (System.nanoTime() - started) / 1e9, identitiesNanos / 1e9, keysNanos / 1e9, generateNanos / 1e9,
                    (System.nanoTime() - t2) / 1e9);
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * What {@code AccountService.create} writes for each account (no audit event) and {@code ServiceIdService.create}
     * for each service ID (its history entry and its creator's policy; no audit event), in one transaction.
     */
    private static void writeIdentities(Database db, List<Identity> identities, String creator, Ids ids,
                                        Instant now) {
        var accountStore = new JdbcAccountStore(db.jdbi());
        var userStore = new JdbcUserStore(db.jdbi(), db.changes(), db.isPostgres());
        var policyStore = new JdbcPolicyStore(db.jdbi());
        var serviceIdStore = new JdbcServiceIdStore(db.jdbi(), db.changes(), db.isPostgres());
        db.inTransaction(() -> {
            for (Identity i : identities) {
                if (i.serviceId() == null) {
                    userStore.insert(i.owner());
                    accountStore.insert(i.account());
                    userStore.insertMembership(new Membership(i.account().id(), i.owner().iamId(), creator,
                            Membership.ACTIVE, now));
                    continue;
                }
                String id = i.serviceId().id();
                serviceIdStore.insert(i.serviceId(), new HistoryEntry(now, i.owner().iamId(), i.account().id(),
                        "create", List.of(), "Service ID created"));
                policyStore.insert(Policy.grant(ids.policyId(), i.account().id(), i.owner().iamId(),
                        List.of(Role.ADMINISTRATOR.crn()),
                        List.of(new Policy.Attribute("accountId", i.account().id(), null),
                                new Policy.Attribute("serviceName", Policy.IAM_IDENTITY, null),
                                new Policy.Attribute("resourceType", "serviceid", null),
                                new Policy.Attribute("resource", id, null)),
                        "Administrator of service ID " + id + ", granted to its creator", i.owner().iamId(), now));
            }
            return null;
        });
    }

    private record Identity(Account account, User owner, ServiceId serviceId) {
    }

    /** The rows {@code JdbcApiKeyStore.insert} writes for each key (its row and its "create" history entry). */
    private static void copyKeys(Database db, List<ApiKey> keys) throws java.sql.SQLException {
        db.jdbi().useTransaction(h -> {
            CopyIn copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY api_keys (id, account_id, iam_id, name, description, created_by, created_at, modified_at, "
                            + "expires_at, locked, disabled, support_sessions, action_when_leaked, value_hash, "
                            + "display_prefix, version, previous_hash, previous_hash_until, sealed_value) FROM STDIN");
            write(copy, keys, key -> row(key.id(), key.accountId(), key.iamId(), key.name(), key.description(),
                    key.createdBy(), key.createdAt(), key.modifiedAt(), key.expiresAt(), key.locked(), key.disabled(),
                    key.supportSessions(), key.actionWhenLeaked().wire(), key.hash(), key.displayPrefix(),
                    key.version(), key.previousHash(), key.previousHashUntil(), null));
            copy = h.getConnection().unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY api_key_history (api_key_id, at, iam_id, iam_id_account, action, params, message) FROM STDIN");
            write(copy, keys, key -> row(key.id(), key.createdAt(), key.createdBy(), key.accountId(), "create", "",
                    "API key created"));
        });
    }

    /** Ends the COPY, or cancels it on a failure, so that the connection can roll back. */
    private static void write(CopyIn copy, List<ApiKey> keys, java.util.function.Function<ApiKey, String> row)
            throws java.sql.SQLException {
        try {
            StringBuilder text = new StringBuilder(1 << 20);
            int rows = 0;
            for (ApiKey key : keys) {
                text.append(row.apply(key));
                if (++rows % COPY_ROWS_PER_FLUSH == 0) {
                    flush(copy, text);
                }
            }
            flush(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void flush(CopyIn copy, StringBuilder text) throws java.sql.SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for null, instants in ISO 8601 (UTC). */
    private static String row(Object... columns) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < columns.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object c = columns[i];
            if (c == null) {
                line.append("\\N");
            } else {
                String s = c.toString();
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    switch (ch) {
                        case '\\' -> line.append("\\\\");
                        case '\t' -> line.append("\\t");
                        case '\n' -> line.append("\\n");
                        case '\r' -> line.append("\\r");
                        default -> line.append(ch);
                    }
                }
            }
        }
        return line.append('\n').toString();
    }
}
