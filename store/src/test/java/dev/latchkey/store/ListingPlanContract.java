package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.resource.ResourceState;
import dev.latchkey.core.resource.ResourceStore;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.apikey.ApiKeyQuery.SortField;
import dev.latchkey.store.apikey.ApiKeyListSql;
import dev.latchkey.store.apikey.CachingApiKeyStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.notification.JdbcOutboxStore;
import dev.latchkey.store.resource.JdbcResourceStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query plans of key, service ID, member, resource and notification listings (decision 0038), read with EXPLAIN
 * from the database itself on an account of {@value #KEYS} keys beside other accounts, of {@value #SERVICE_IDS}
 * service IDs, of most of {@value #MEMBERS} memberships, of {@value #INSTANCES} resource instances and of
 * {@value #MESSAGES} notifications: the first page and a page deep in the listing, for each sort and direction, are
 * index ranges of a V23 (keys), V32 (service IDs), V33 (members), V9 (resource instances and keys) or V35
 * (notifications) index read in the listing's order, never a scan and sort of the account. On the same keys, the
 * lookup by hash of the hot paths, with the credential a key backs (decision 0039), is index probes only. Run on H2
 * and on PostgreSQL ({@link H2ListingPlanTest}, {@link PostgresListingPlanTest}). No timing: the plan is the claim.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListingPlanContract {
    static final int KEYS = 10_000;
    static final int SERVICE_IDS = 5_000;
    static final int MEMBERS = 5_000;
    static final int INSTANCES = 4_000;
    static final int MESSAGES = 4_000;
    static final String ACCOUNT = "d".repeat(32);
    static final String COLUMNS = "id, account_id, iam_id, name, description, created_by, created_at";
    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    Database db;

    abstract Database openDatabase();

    /** The plan of {@code statement} as the database prints it, for the values bound. */
    String explain(KeysetSql.Statement statement) {
        return explain(statement.sql(), statement.bindings());
    }

    /** The plan of {@code sql} as the database prints it, for {@code bindings}. */
    String explain(String sql, Map<String, ?> bindings) {
        List<String> lines = db.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + sql).bindMap(bindings)
                .mapTo(String.class).list());
        return String.join("\n", lines);
    }

    /** Asserts the plan reads only index ranges of {@code index}, each in order, and sorts nothing bigger than pages. */
    abstract void assertIndexRangesInOrder(String plan, String index, int ranges);

    /**
     * Asserts the plan of the lookup by hash is three index probes and nothing else: the key by its current value
     * and by its previous one, and its credential by {@code resource_keys_by_api_key}. For a {@code batch} of hashes,
     * the keys must still be index probes, but the credentials may be joined as the database finds cheaper: on this
     * table of 1,000 credentials PostgreSQL hashes all of them once rather than probe 32 times.
     */
    abstract void assertLookupProbes(String plan, boolean batch);

    @BeforeAll
    void load() {
        db = openDatabase();
        db.jdbi().useHandle(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO api_keys (id, account_id, iam_id, name, description, "
                    + "created_by, created_at, modified_at, locked, disabled, support_sessions, action_when_leaked, "
                    + "value_hash, display_prefix, version) VALUES (:id, :account, :iamId, :name, :description, "
                    + ":createdBy, :at, :at, FALSE, FALSE, FALSE, 'none', :hash, 'lk_plan', 1)");
            for (int i = 0; i < KEYS + KEYS / 4; i++) {
                // A fifth of the rows belong to 50 other accounts; the account under test has KEYS keys.
                String account = i < KEYS ? ACCOUNT : String.format("%032x", i % 50);
                batch.bind("id", String.format("ApiKey-plan-%08d", i)).bind("account", account)
                        .bind("iamId", i % 10 == 0 ? "iam-ServiceId-" + (i % 7) : "IBMid-USER" + (i % 13))
                        .bind("name", "key-" + (i % 1_000)).bind("description", i % 3 == 0 ? null : "d" + (i % 40))
                        .bind("createdBy", "IBMid-USER" + (i % 3)).bind("at", Sql.time(T.plusMillis(i * 10L)))
                        .bind("hash", String.format("%064x", i)).add();
            }
            batch.execute();
            // Every service ID key of the account under test backs a credential, for the lookup by hash to join.
            h.execute("INSERT INTO accounts (id, name, owner_iam_id, created_at) VALUES (?, 'plans', 'IBMid-USER0', ?)",
                    ACCOUNT, Sql.time(T));
            h.execute("INSERT INTO resource_instances (guid, account_id, name, service_name, plan_id, "
                    + "resource_group_id, target, state, locked, last_operation, created_at, created_by, updated_at, "
                    + "updated_by, plan_since, plan_set_by, version) VALUES ('i-plan', ?, 'plan', 'books', 'plan-free', "
                    + "'default', 'global', 'active', FALSE, 'create', ?, 'IBMid-USER0', ?, 'IBMid-USER0', ?, "
                    + "'IBMid-USER0', 1)", ACCOUNT, Sql.time(T), Sql.time(T), Sql.time(T));
            h.execute("INSERT INTO resource_keys (guid, account_id, instance_guid, service_name, resource_group_id, "
                    + "name, role_crn, service_id, service_id_owned, api_key_id, policy_id, state, created_at, "
                    + "created_by, updated_at, updated_by, version) SELECT id, account_id, 'i-plan', 'books', "
                    + "'default', name, 'role', iam_id, FALSE, id, 'p', 'active', created_at, created_by, created_at, "
                    + "created_by, 1 FROM api_keys WHERE account_id = ? AND iam_id LIKE 'iam-ServiceId-%'", ACCOUNT);
            PreparedBatch serviceIds = h.prepareBatch("INSERT INTO service_ids (id, iam_id, account_id, name, "
                    + "description, locked, created_at, modified_at, created_by, version) VALUES (:id, :iamId, "
                    + ":account, :name, :description, FALSE, :at, :modified, 'IBMid-USER0', 1)");
            for (int i = 0; i < SERVICE_IDS; i++) {
                serviceIds.bind("id", String.format("ServiceId-plan-%08d", i)).bind("iamId", "iam-ServiceId-plan-" + i)
                        .bind("account", ACCOUNT).bind("name", "sid-" + (i % 500))
                        .bind("description", i % 3 == 0 ? null : "d" + (i % 40))
                        .bind("at", Sql.time(T.plusMillis(i * 10L)))
                        .bind("modified", Sql.time(T.plusMillis((i % 700) * 10L))).add();
            }
            serviceIds.execute();
            PreparedBatch users = h.prepareBatch("INSERT INTO users (iam_id, email, given_name, family_name, "
                    + "functional, created_at) VALUES (:iamId, :email, 'Plan', 'User', FALSE, :at)");
            PreparedBatch members = h.prepareBatch("INSERT INTO account_members (account_id, iam_id, created_at) "
                    + "VALUES (:account, :iamId, :at)");
            for (int i = 0; i < MEMBERS; i++) {
                String iamId = String.format("IBMid-PLAN%06d", i);
                users.bind("iamId", iamId).bind("email", iamId + "@example.com").bind("at", Sql.time(T)).add();
                // A fifth of the memberships are of 50 other accounts; the account under test has most of them.
                members.bind("account", i % 5 == 0 ? String.format("%032x", i % 50) : ACCOUNT).bind("iamId", iamId)
                        .bind("at", Sql.time(T.plusMillis((i % 900) * 10L))).add();
            }
            h.execute("INSERT INTO accounts (id, name, owner_iam_id, created_at) SELECT DISTINCT account_id, 'other', "
                    + "'IBMid-USER0', ? FROM api_keys WHERE account_id <> ?", Sql.time(T), ACCOUNT);
            PreparedBatch instances = h.prepareBatch("INSERT INTO resource_instances (guid, account_id, name, "
                    + "service_name, plan_id, resource_group_id, target, state, locked, last_operation, created_at, "
                    + "created_by, updated_at, updated_by, plan_since, plan_set_by, version) VALUES (:guid, :account, "
                    + "'plan', 'books', 'plan-free', 'default', 'global', :state, FALSE, 'create', :at, 'IBMid-USER0', "
                    + ":at, 'IBMid-USER0', :at, 'IBMid-USER0', 1)");
            for (int i = 0; i < INSTANCES + INSTANCES / 4; i++) {
                // A fifth of the rows belong to 50 other accounts, and a fifth of the account's are removed.
                instances.bind("guid", String.format("i-plan-%06d", i))
                        .bind("account", i < INSTANCES ? ACCOUNT : String.format("%032x", i % 50))
                        .bind("state", i % 5 == 3 ? "removed" : "active")
                        .bind("at", Sql.time(T.plusMillis((i % 1_500) * 10L))).add();
            }
            instances.execute();
            PreparedBatch messages = h.prepareBatch("INSERT INTO notification_outbox (id, event_id, account_id, "
                    + "event_type, subject_id, channel, recipient, body, state, attempts, next_attempt_at, created_at) "
                    + "VALUES (:id, :id, :account, 'apikey.leaked', 'ApiKey-1', 'email', 'owner@example.com', 'b', "
                    + ":state, 0, :at, :at)");
            for (int i = 0; i < MESSAGES + MESSAGES / 4; i++) {
                // A fifth of the rows belong to 50 other accounts; messages of one event share their time.
                messages.bind("id", String.format("Message-plan-%06d", i))
                        .bind("account", i < MESSAGES ? ACCOUNT : String.format("%032x", i % 50))
                        .bind("state", i % 7 == 0 ? "failed" : "delivered")
                        .bind("at", Sql.time(T.plusMillis((i / 3) * 10L))).add();
            }
            messages.execute();
            users.execute();
            members.execute();
            for (String table : List.of("api_keys", "resource_instances", "resource_keys", "service_ids",
                    "account_members", "notification_outbox")) {
                h.execute(db.isPostgres() ? "ANALYZE " + table : "ANALYZE TABLE " + table);
            }
        });
    }

    @AfterAll
    void close() {
        db.close();
    }

    /**
     * Asserts that each range of the statement for this page (one, or each branch of its union) is read off
     * {@code index}, in order.
     */
    private void assertPlan(SortField sort, boolean descending, String iamId, ApiKeyQuery.After after, String index) {
        ApiKeyQuery query = new ApiKeyQuery(ACCOUNT, iamId, null, null, sort, descending, 0, 100, after);
        KeysetSql.Statement statement = ApiKeyListSql.of(query, COLUMNS, !db.isPostgres());
        assertIndexRangesInOrder(explain(statement), index, 1 + count(statement.sql(), "UNION ALL"));
    }

    @Test
    void everyOrderIsReadOffItsIndexOnTheFirstPageAndDeepInTheListing() {
        record Case(SortField sort, String index, String deepValue) {
        }
        List<Case> cases = List.of(
                new Case(SortField.CREATED_AT, "api_keys_by_account_created_at", T.plusSeconds(75).toString()),
                new Case(SortField.NAME, "api_keys_by_account_name", "key-500"),
                new Case(SortField.CREATED_BY, "api_keys_by_account_created_by", "IBMid-USER1"),
                new Case(SortField.DESCRIPTION, "api_keys_by_account_description", "d20"));
        for (Case c : cases) {
            for (boolean descending : new boolean[] {false, true}) {
                assertPlan(c.sort(), descending, null, null, c.index());
                assertPlan(c.sort(), descending, null, new ApiKeyQuery.After(c.deepValue(), "ApiKey-plan-00007500"),
                        c.index());
            }
        }
    }

    /** Each range of the statement for this page of service IDs is read off {@code index}, in order. */
    private void assertServiceIdPlan(ServiceIdQuery.SortField sort, boolean descending, ServiceIdQuery.After after,
                                     String index) {
        ServiceIdQuery query = new ServiceIdQuery(ACCOUNT, null, null, sort, descending, 0, 100, null, after);
        KeysetSql.Statement statement = JdbcServiceIdStore.listing(query, db.isPostgres());
        assertIndexRangesInOrder(explain(statement), index, 1 + count(statement.sql(), "UNION ALL"));
    }

    @Test
    void everyServiceIdOrderIsReadOffItsIndexOnTheFirstPageAndDeepInTheListing() {
        record Case(ServiceIdQuery.SortField sort, String index, String deepValue) {
        }
        List<Case> cases = List.of(
                new Case(ServiceIdQuery.SortField.CREATED_AT, "service_ids_by_account_created_at",
                        T.plusSeconds(37).toString()),
                new Case(ServiceIdQuery.SortField.MODIFIED_AT, "service_ids_by_account_modified_at",
                        T.plusSeconds(3).toString()),
                new Case(ServiceIdQuery.SortField.NAME, "service_ids_by_account_name", "sid-250"),
                new Case(ServiceIdQuery.SortField.DESCRIPTION, "service_ids_by_account_description", "d20"));
        for (Case c : cases) {
            for (boolean descending : new boolean[] {false, true}) {
                assertServiceIdPlan(c.sort(), descending, null, c.index());
                assertServiceIdPlan(c.sort(), descending,
                        new ServiceIdQuery.After(c.deepValue(), "ServiceId-plan-00003700"), c.index());
            }
        }
        ServiceIdQuery.After none = new ServiceIdQuery.After(null, "ServiceId-plan-00003700");
        assertServiceIdPlan(ServiceIdQuery.SortField.DESCRIPTION, false, none, "service_ids_by_account_description");
        assertServiceIdPlan(ServiceIdQuery.SortField.DESCRIPTION, true, none, "service_ids_by_account_description");
    }

    /** An account's members, oldest first: the first page and a deep one are read off V33's index, in order. */
    @Test
    void anAccountsMembersAreReadOffTheirIndexOnTheFirstPageAndDeepInTheListing() {
        for (Membership.Position after : new Membership.Position[] {null,
                new Membership.Position(T.plusSeconds(6), "IBMid-PLAN003701")}) {
            KeysetSql.Statement statement = JdbcUserStore.listing(ACCOUNT, after, 0, 100, db.isPostgres());
            assertIndexRangesInOrder(explain(statement), "account_members_by_account_created_at",
                    1 + count(statement.sql(), "UNION ALL"));
        }
    }

    /**
     * Resource instances and keys, oldest first (IBM's Resource Controller lists): the first page and a deep one are
     * read off V9's indexes, in order, the state and the account's other conditions checked on the rows they yield.
     */
    @Test
    void resourceInstancesAndKeysAreReadOffTheirIndexesOnTheFirstPageAndDeepInTheListing() {
        List<ResourceState> active = List.of(ResourceState.ACTIVE);
        for (ResourceStore.Position after : new ResourceStore.Position[] {null,
                new ResourceStore.Position(T.plusSeconds(11), "i-plan-002600")}) {
            KeysetSql.Statement statement = JdbcResourceStore.instanceListing(new ResourceStore.InstanceQuery(
                    ACCOUNT, null, null, null, null, null, active, 0, 100, after), db.isPostgres());
            assertIndexRangesInOrder(explain(statement), "resource_instances_by_account",
                    1 + count(statement.sql(), "UNION ALL"));
        }
        for (ResourceStore.Position after : new ResourceStore.Position[] {null,
                new ResourceStore.Position(T.plusSeconds(75), "ApiKey-plan-00007500")}) {
            KeysetSql.Statement statement = JdbcResourceStore.keyListing(new ResourceStore.KeyQuery(ACCOUNT, null,
                    null, null, null, null, 0, 100, after), db.isPostgres());
            assertIndexRangesInOrder(explain(statement), "resource_keys_by_account",
                    1 + count(statement.sql(), "UNION ALL"));
        }
    }

    /**
     * An account's notifications (decision 0038), newest first and (to go back from a position) oldest first, all or
     * the delivered ones (most of them): the first page and a deep one are read off V35's index, in order. For a rare
     * state (pending or failed, a seventh of these rows) PostgreSQL rightly prefers the outbox's due index, V6's
     * {@code (state, next_attempt_at)}, and sorts the few rows it finds, so that is not asserted.
     */
    @Test
    void anAccountsNotificationsAreReadOffTheirIndexInBothDirections() {
        for (OutboxMessage.State state : new OutboxMessage.State[] {null, OutboxMessage.State.DELIVERED}) {
            for (boolean newestFirst : new boolean[] {true, false}) {
                for (OutboxMessage.Position after : new OutboxMessage.Position[] {null,
                        new OutboxMessage.Position(T.plusSeconds(7), "Message-plan-002100")}) {
                    KeysetSql.Statement statement = JdbcOutboxStore.listing(ACCOUNT, state, after, newestFirst, 0,
                            100, db.isPostgres());
                    assertIndexRangesInOrder(explain(statement), "notification_outbox_by_account_created_at",
                            1 + count(statement.sql(), "UNION ALL"));
                }
            }
        }
    }

    @Test
    void keysWithoutADescriptionAreIndexRangesToo() {
        ApiKeyQuery.After none = new ApiKeyQuery.After(null, "ApiKey-plan-00007500");
        assertPlan(SortField.DESCRIPTION, false, null, none, "api_keys_by_account_description");
        assertPlan(SortField.DESCRIPTION, true, null, none, "api_keys_by_account_description");
    }

    @Test
    void oneIdentitysKeysByCreationAreReadOffTheIdentityIndex() {
        ApiKeyQuery.After deep = new ApiKeyQuery.After(T.plusSeconds(75).toString(), "ApiKey-plan-00007500");
        for (boolean descending : new boolean[] {false, true}) {
            assertPlan(SortField.CREATED_AT, descending, "IBMid-USER3", null, "api_keys_by_identity");
            assertPlan(SortField.CREATED_AT, descending, "IBMid-USER3", deep, "api_keys_by_identity");
        }
    }

    /**
     * The lookup by hash of key details (decision 0039) is one statement, whose plan probes indexes only, for a key
     * with a credential and for one without, and for a batch of misses read together (decision 0050).
     */
    @Test
    void theLookupByHashIsOneStatementOfIndexProbes() {
        JdbcApiKeyStore keys = new JdbcApiKeyStore(db.jdbi(), db.changes(), db.isPostgres());
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < CachingApiKeyStore.MISS_BATCH; i++) {
            batch.add(String.format("%064x", 37 * i + 10));
        }
        for (List<String> hashes : List.of(List.of(batch.get(0)), List.of(String.format("%064x", 11)), batch)) {
            List<String> statements = new ArrayList<>();
            SqlStatements config = db.jdbi().getConfig(SqlStatements.class);
            SqlLogger before = config.getSqlLogger();
            config.setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    statements.add(context.getRenderedSql());
                }
            });
            Map<String, FoundKey> found;
            try {
                found = hashes.size() == 1 ? keys.findByHashWithLinks(hashes.getFirst())
                        .map(key -> Map.of(hashes.getFirst(), key)).orElseThrow() : keys.findByHashesWithLinks(hashes);
            } finally {
                config.setSqlLogger(before);
            }
            assertThat(found).hasSize(hashes.size());
            for (String hash : hashes) {
                int i = Integer.parseInt(hash, 16);
                assertThat(found.get(hash).resourceKeyCrn() != null).as("key %d backs a credential", i)
                        .isEqualTo(i % 10 == 0);
            }
            assertThat(statements).hasSize(1);
            Map<String, String> bindings = new HashMap<>();
            for (int i = 0; i < hashes.size(); i++) {
                bindings.put("h" + i, hashes.get(i));
            }
            String plan = explain(statements.getFirst(), bindings);
            assertLookupProbes(plan, hashes.size() > 1);
        }
    }

    static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
