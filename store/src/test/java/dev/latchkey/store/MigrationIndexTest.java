package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up fast path that skips Flyway on an up-to-date database ({@link Database#upToDate}, decision record
 * 0037), on H2 and PostgreSQL: the index names every migration script; the checksums it computes are Flyway's; an
 * up-to-date database takes it, and an edited, failed or pending migration does not, so Flyway still refuses an
 * edited one as before.
 */
class MigrationIndexTest {
    @TempDir
    Path dir;

    @Test
    void theIndexListsEveryMigrationScriptOldestFirst() throws IOException {
        List<String> files;
        try (Stream<Path> scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            files = new ArrayList<>(scripts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
                    .sorted(Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))).toList());
        }
        assertThat(files).isNotEmpty();
        assertThat(Database.indexedScripts()).as(Database.INDEX).containsExactlyElementsOf(files);
    }

    @Test
    void h2() throws SQLException {
        fastPathOnlyWhenFlywayWouldFindNothingToDo(Database.h2Url(dir), "");
    }

    @Test
    void postgres() throws SQLException {
        fastPathOnlyWhenFlywayWouldFindNothingToDo(Postgres.freshSchemaUrl(), Postgres.USER);
    }

    private static String history(Connection c) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (var r = c.createStatement().executeQuery(
                "SELECT version, script, checksum, type, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (r.next()) {
                rows.append(r.getString(1)).append(' ').append(r.getString(2)).append(' ').append(r.getString(3))
                        .append(' ').append(r.getString(4)).append(' ').append(r.getString(5)).append('\n');
            }
        }
        return rows.toString();
    }

    private static void fastPathOnlyWhenFlywayWouldFindNothingToDo(String url, String user) throws SQLException {
        List<String> scripts = Database.indexedScripts();
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            assertThat(Database.upToDate(c, scripts)).as("no schema history yet").isFalse();
        }
        Database.open(url, user, "", 2).close();
        Flyway flyway = Database.flyway(url.startsWith("jdbc:postgresql:")).dataSource(url, user, "").load();
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).hasSize(scripts.size());
        for (MigrationInfo migration : applied) {
            assertThat(Database.checksum("db/migration/" + migration.getScript())).as(migration.getScript())
                    .isEqualTo(migration.getChecksum());
        }
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            assertThat(Database.upToDate(c, scripts)).as("up to date: %s", history(c)).isTrue();
            List<String> newer = new ArrayList<>(scripts);
            newer.add("V999__not_applied_yet.sql");
            assertThat(Database.upToDate(c, newer)).as("a migration to apply").isFalse();
            assertThat(Database.upToDate(c, scripts.subList(0, scripts.size() - 1)))
                    .as("an applied migration this build does not know").isFalse();

            c.createStatement().execute("UPDATE flyway_schema_history SET success = FALSE WHERE version = '2'");
            assertThat(Database.upToDate(c, scripts)).as("a failed migration").isFalse();
            c.createStatement().execute("UPDATE flyway_schema_history SET success = TRUE WHERE version = '2'");
            assertThat(Database.upToDate(c, scripts)).isTrue();

            c.createStatement().execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '1'");
            assertThat(Database.upToDate(c, scripts)).as("an edited migration").isFalse();
        }
        assertThatThrownBy(() -> Database.open(url, user, "", 2)).as("Flyway refuses it, as it always did")
                .hasMessageContaining("checksum mismatch");
    }
}
