package dev.latchkey.store.maintenance;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The application's tables in the connection's current schema, as the database describes them (JDBC metadata), in
 * an order that loads: every table after the tables its foreign keys refer to. Flyway's history table is not one of
 * them: {@code version} stands for it.
 */
public record Schema(String version, List<Table> tables) {
    static final String MIGRATION_HISTORY = "flyway_schema_history";

    public Schema {
        tables = List.copyOf(tables);
    }

    public Optional<Table> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    static Schema read(Connection connection, String version) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        String escape = meta.getSearchStringEscape();
        Map<String, Table> tables = new TreeMap<>();
        try (ResultSet rows = meta.getTables(null, pattern(schema, escape), "%", null)) {
            while (rows.next()) {
                String type = rows.getString("TABLE_TYPE");
                String name = rows.getString("TABLE_NAME");
                if (schema.equals(rows.getString("TABLE_SCHEM")) && ("TABLE".equals(type) || "BASE TABLE".equals(type))
                        && !name.equals(MIGRATION_HISTORY)) {
                    tables.put(name, null);
                }
            }
        }
        Map<String, Set<String>> references = new HashMap<>();
        for (String name : tables.keySet()) {
            tables.put(name, new Table(name, columns(meta, schema, escape, name)));
            Set<String> referred = new HashSet<>();
            try (ResultSet keys = meta.getImportedKeys(null, schema, name)) {
                while (keys.next()) {
                    String parent = keys.getString("PKTABLE_NAME");
                    if (schema.equals(keys.getString("PKTABLE_SCHEM")) && !parent.equals(name)
                            && tables.containsKey(parent)) {
                        referred.add(parent);
                    }
                }
            }
            references.put(name, referred);
        }
        return new Schema(version, loadingOrder(tables, references));
    }

    private static List<Column> columns(DatabaseMetaData meta, String schema, String escape, String table)
            throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rows = meta.getColumns(null, pattern(schema, escape), pattern(table, escape), "%")) {
            while (rows.next()) {
                if (!schema.equals(rows.getString("TABLE_SCHEM")) || !table.equals(rows.getString("TABLE_NAME"))) {
                    continue;
                }
                String name = rows.getString("COLUMN_NAME");
                if ("YES".equals(rows.getString("IS_GENERATEDCOLUMN"))
                        && !"YES".equals(rows.getString("IS_AUTOINCREMENT"))) {
                    continue; // computed from other columns (V32's description_order): the database makes it again
                }
                int type = rows.getInt("DATA_TYPE");
                Column.Kind kind = Column.kindOf(type, rows.getString("TYPE_NAME"));
                if (kind == null) {
                    throw new Refusal("Column " + table + "." + name + " has the type " + rows.getString("TYPE_NAME")
                            + ", which export and import do not handle.");
                }
                columns.add(new Column(name, kind, type, "YES".equals(rows.getString("IS_AUTOINCREMENT"))));
            }
        }
        return columns;
    }

    /** Parents first; among tables that are ready, by name, so that the order is the same every time. */
    private static List<Table> loadingOrder(Map<String, Table> tables, Map<String, Set<String>> references) {
        List<Table> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        TreeSet<String> waiting = new TreeSet<>(tables.keySet());
        while (!waiting.isEmpty()) {
            String next = waiting.stream().filter(t -> placed.containsAll(references.get(t))).findFirst()
                    .orElseThrow(() -> new Refusal("The foreign keys between tables " + waiting
                            + " form a cycle, which export and import do not handle."));
            ordered.add(tables.get(next));
            placed.add(next);
            waiting.remove(next);
        }
        return ordered;
    }

    /** A metadata search pattern that matches {@code name} only ({@code _} and {@code %} are wildcards there). */
    private static String pattern(String name, String escape) {
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
