package dev.latchkey.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.store.Database;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole-database operations behind export, import and master-key-rotate, on a real database: the schema as the
 * database describes it, a snapshot that holds still while a writer commits, a load that is all or nothing into an
 * empty database only, and identity columns that continue after loaded rows.
 */
abstract class MaintenanceContract {
    static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 5, 11, 31, 55, 123_456_000, ZoneOffset.UTC);
    Database db;

    /** A fresh, migrated database. */
    abstract Database openDatabase();

    @BeforeEach
    void open() {
        db = openDatabase();
    }

    @AfterEach
    void close() {
        db.close();
    }

    void insertAccount(Database database, String id) {
        database.jdbi().useHandle(h -> h.execute("INSERT INTO accounts (id, name, owner_iam_id, created_at) "
                + "VALUES (?, 'An account', 'IBMid-OWNER', ?)", id, AT));
    }

    long count(String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    /** The snapshot's contents and its rows of {@code accounts}, read while {@code during} runs after the counts. */
    record Read(Snapshot.Contents contents, List<Object[]> accounts) {
    }

    Read snapshot(Runnable during) throws IOException {
        List<Object[]> accounts = new ArrayList<>();
        Snapshot.Contents[] contents = new Snapshot.Contents[1];
        Snapshot.read(db, new Snapshot.Reader() {
            @Override
            public void begin(Snapshot.Contents c) {
                contents[0] = c;
                during.run();
            }

            @Override
            public void row(Table table, Object[] values) {
                if (table.name().equals("accounts")) {
                    accounts.add(values.clone());
                }
            }
        });
        return new Read(contents[0], accounts);
    }

    @Test
    void theSchemaListsEveryApplicationTableParentsFirstWithTheKindOfEachColumn() throws IOException {
        Schema schema = snapshot(() -> { }).contents().schema();
        List<String> names = schema.tables().stream().map(Table::name).toList();
        assertThat(names).contains("accounts", "users", "account_members", "api_keys", "api_key_history",
                "signing_keys", "notification_endpoints", "classic_keys").doesNotContain(Schema.MIGRATION_HISTORY);
        assertThat(names.indexOf("accounts")).isLessThan(names.indexOf("account_members"));
        assertThat(names.indexOf("users")).isLessThan(names.indexOf("account_members"));
        assertThat(names.indexOf("api_keys")).isLessThan(names.indexOf("api_key_history"));
        assertThat(names.indexOf("account_settings")).isLessThan(names.indexOf("account_settings_user_domains"));
        assertThat(names.indexOf("account_settings_user_domains"))
                .isLessThan(names.indexOf("account_settings_domain_patterns"));
        assertThat(names.indexOf("account_members")).as("classic keys refer to memberships")
                .isLessThan(names.indexOf("classic_keys"));
        Table keys = schema.table("api_keys").orElseThrow();
        assertThat(kind(keys, "sealed_value")).isEqualTo(Column.Kind.BYTES);
        assertThat(kind(keys, "created_at")).isEqualTo(Column.Kind.TIMESTAMP_TZ);
        assertThat(kind(keys, "locked")).isEqualTo(Column.Kind.BOOLEAN);
        assertThat(kind(keys, "version")).isEqualTo(Column.Kind.BIGINT);
        assertThat(kind(keys, "value_hash")).isEqualTo(Column.Kind.TEXT);
        assertThat(kind(schema.table("policy_attributes").orElseThrow(), "position")).isEqualTo(Column.Kind.INTEGER);
        assertThat(schema.table("api_key_history").orElseThrow().identity()).map(Column::name).contains("seq");
        assertThat(keys.identity()).isEmpty();
        assertThat(schema.version()).isEqualTo(db.schemaVersion()).matches("\\d+(\\.\\d+)*");
    }

    static Column.Kind kind(Table table, String column) {
        return table.columns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow().kind();
    }

    @Test
    void aSnapshotHoldsStillWhileAWriterCommits() throws IOException {
        insertAccount(db, "a".repeat(32));
        Read read = snapshot(() -> {
            insertAccount(db, "b".repeat(32)); // committed by another connection after the counts were taken
            db.jdbi().useHandle(h -> h.execute("INSERT INTO users (iam_id, email, given_name, family_name, functional, "
                    + "created_at) VALUES ('IBMid-LATE', 'late@example.com', 'L', 'Ate', FALSE, ?)", AT));
        });
        assertThat(read.contents().counts()).containsEntry("accounts", 1L).containsEntry("users", 0L);
        assertThat(read.accounts()).singleElement().satisfies(row -> {
            assertThat(row[0]).isEqualTo("a".repeat(32));
            assertThat(row[3]).as("a timestamp comes back exactly").isEqualTo(AT);
        });
        assertThat(count("accounts")).isEqualTo(2);
    }

    @Test
    void aLoadIsAllOrNothing() {
        Table accounts = table("accounts");
        assertThatThrownBy(() -> Restore.into(db, loader -> {
            loader.insert(accounts, new Object[] {"a".repeat(32), "An account", "IBMid-OWNER", AT});
            throw new IllegalStateException("the file turned out to be damaged");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(count("accounts")).isZero();
    }

    @Test
    void aLoadRefusesADatabaseThatHasRowsAndWritesNothing() {
        insertAccount(db, "a".repeat(32));
        Table accounts = table("accounts");
        assertThatThrownBy(() -> Restore.into(db, loader -> {
            loader.insert(accounts, new Object[] {"b".repeat(32), "Another", "IBMid-OWNER", AT});
            return null;
        })).isInstanceOf(Refusal.class).hasMessageContaining("not empty (table accounts has rows)");
        assertThat(count("accounts")).isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseRefusesEndsTheLoadInOneSentenceWithoutItsValues() {
        Table members = table("account_members");
        assertThatThrownBy(() -> Restore.into(db, loader -> {
            loader.insert(members, new Object[] {"a".repeat(32), "IBMid-SECRET-LOOKING", null, AT, "ACTIVE", null, null,
                    null, null, null, null, null, "", "", "", false, 0L});
            return null;
        })).isInstanceOf(Refusal.class)
                .hasMessage("The database refused a row of table account_members (a reference to a row that is not "
                        + "there), so nothing was imported.");
        assertThat(count("account_members")).isZero();
    }

    @Test
    void identityColumnsContinueAfterTheLoadedRows() throws IOException {
        Table accounts = table("accounts");
        Table history = table("account_settings_history");
        Map<String, Long> counts = Restore.into(db, loader -> {
            loader.insert(accounts, new Object[] {"a".repeat(32), "An account", "IBMid-OWNER", AT});
            for (long seq : new long[] {3, 41}) {
                loader.insert(history, new Object[] {seq, "a".repeat(32), AT, "IBMid-OWNER", "a".repeat(32), "update",
                        "mfa", "loaded"});
            }
            return loader.counts();
        });
        assertThat(counts).containsEntry("accounts", 1L).containsEntry("account_settings_history", 2L);
        long next = db.jdbi().inTransaction(h -> {
            h.execute("INSERT INTO account_settings_history (account_id, at, iam_id, iam_id_account, action, params, "
                    + "message) VALUES (?, ?, 'IBMid-OWNER', ?, 'update', 'mfa', 'new')", "a".repeat(32), AT, "a".repeat(32));
            return h.createQuery("SELECT MAX(seq) FROM account_settings_history").mapTo(Long.class).one();
        });
        assertThat(next).isGreaterThan(41);
    }

    @Test
    void resealKnowsWhereEveryKindOfSealedValueLives() throws IOException {
        assertThat(Reseal.PLACES).extracting(Reseal.Place::kind).containsExactlyInAnyOrder(SealedSecret.values());
        Schema schema = snapshot(() -> { }).contents().schema();
        Reseal.requireEveryPlaceKnown(schema);
        for (Reseal.Place place : Reseal.PLACES) {
            assertThat(kind(schema.table(place.table()).orElseThrow(), place.sealed())).isEqualTo(Column.Kind.BYTES);
        }
        Schema grown = new Schema(schema.version(), List.of(new Table("webhook_twins", List.of(
                new Column("sealed_token", Column.Kind.BYTES, java.sql.Types.VARBINARY, false)))));
        assertThatThrownBy(() -> Reseal.requireEveryPlaceKnown(grown)).isInstanceOf(Refusal.class)
                .hasMessageContaining("webhook_twins.sealed_token");
    }

    Table table(String name) {
        try {
            return snapshot(() -> { }).contents().schema().table(name).orElseThrow();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
