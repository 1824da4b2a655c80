package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database a first start begins from (decision record 0041): built from this build's migrations, the
 * same schema Flyway makes, taken only by a directory without a database, and checked like any existing database.
 */
class H2TemplateTest {
    @TempDir
    Path seeded;
    @TempDir
    Path migrated;

    @Test
    void theBuildPutsTheTemplateInTheJar() {
        assertThat(Database.class.getClassLoader().getResource(Database.H2_TEMPLATE))
                .as("made by the store module's build (process-classes)").isNotNull();
    }

    @Test
    void aDatabaseStartedFromTheTemplateHasTheSchemaFlywayMakesAndSkipsFlyway() throws Exception {
        try (Database fromTemplate = Database.openEmbedded(seeded, null, null, 2);
             Database fromFlyway = Database.open(Database.h2Url(migrated), null, null, 2)) {
            assertThat(schema(fromTemplate)).isNotEmpty().isEqualTo(schema(fromFlyway));
            assertThat(history(fromTemplate)).as("the same migrations, with the same checksums")
                    .isEqualTo(history(fromFlyway));
            int accounts = fromTemplate.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts")
                    .mapTo(Integer.class).one());
            assertThat(accounts).as("no rows: a first start makes the first account").isZero();
        }
        try (var connection = java.sql.DriverManager.getConnection(Database.h2Url(seeded))) {
            assertThat(Database.upToDate(connection, Database.indexedScripts()))
                    .as("up to date as it stands, so Flyway is not run").isTrue();
        }
    }

    @Test
    void anExistingDatabaseIsNeverReplaced() {
        try (Database db = Database.open(Database.h2Url(seeded), null, null, 2)) {
            db.jdbi().useHandle(h -> h.execute("CREATE TABLE kept (id INT)"));
        }
        try (Database db = Database.openEmbedded(seeded, null, null, 2)) {
            int kept = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM kept").mapTo(Integer.class).one());
            assertThat(kept).as("the table made before is still there").isZero();
        }
    }

    @Test
    void aDatabaseWithAnOwnerOfItsOwnIsMigratedByFlywayInstead() throws Exception {
        try (Database db = Database.openEmbedded(seeded, "owner", "secret", 2);
             Database fromFlyway = Database.open(Database.h2Url(migrated), null, null, 2)) {
            assertThat(schema(db)).isEqualTo(schema(fromFlyway));
        }
        try (var connection = java.sql.DriverManager.getConnection(Database.h2Url(seeded), "owner", "secret")) {
            assertThat(connection.isValid(1)).as("H2 made its first user the owner").isTrue();
        }
        assertThat(Files.list(seeded).map(p -> p.getFileName().toString()).toList())
                .as("no template copy left behind").noneMatch(name -> name.endsWith(".template"));
    }

    private static List<String> schema(Database db) {
        return db.jdbi().withHandle(h -> {
            List<String> rows = new java.util.ArrayList<>(h.createQuery("""
                    SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' '
                           || COALESCE(column_default, '-') || ' @' || ordinal_position
                      FROM information_schema.columns WHERE table_schema = 'public'""").mapTo(String.class).list());
            rows.addAll(h.createQuery("""
                    SELECT i.table_name || ' index ' || i.index_name || ' ' || i.index_type_name || ' ('
                           || LISTAGG(c.column_name || ' ' || c.ordering_specification, ', ')
                                  WITHIN GROUP (ORDER BY c.ordinal_position) || ')'
                      FROM information_schema.indexes i JOIN information_schema.index_columns c
                        ON c.index_schema = i.index_schema AND c.index_name = i.index_name
                     WHERE i.table_schema = 'public'
                     GROUP BY i.table_name, i.index_name, i.index_type_name""").mapTo(String.class).list());
            rows.addAll(h.createQuery("""
                    SELECT table_name || ' constraint ' || constraint_name || ' ' || constraint_type
                      FROM information_schema.table_constraints WHERE table_schema = 'public'""")
                    .mapTo(String.class).list());
            return rows.stream().sorted().toList();
        });
    }

    private static List<String> history(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT version || ' ' || script || ' ' || checksum || ' '"
                + " || success FROM flyway_schema_history ORDER BY installed_rank").mapTo(String.class).list());
    }
}
