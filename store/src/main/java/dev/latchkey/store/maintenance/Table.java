package dev.latchkey.store.maintenance;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One application table as the database describes it: its name and its columns in their order. */
public record Table(String name, List<Column> columns) {
    public Table {
        columns = List.copyOf(columns);
    }

    /** The column the database numbers, if the table has one. */
    public Optional<Column> identity() {
        return columns.stream().filter(Column::identity).findFirst();
    }

    String quoted() {
        return Column.quote(name);
    }

    String columnList() {
        return columns.stream().map(Column::quoted).collect(Collectors.joining(", "));
    }
}
