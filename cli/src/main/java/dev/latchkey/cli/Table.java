package dev.latchkey.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plain text table: a header row and aligned columns separated by two spaces, no colours and no
 * trailing blanks. Cells are cleaned of control characters; empty cells show as {@code -}.
 */
public final class Table {
    private static final String EMPTY = "-";

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... headers) {
        this.headers = List.of(headers);
    }

    /** Adds a row; it must have one value per header. Null and blank values render as {@code -}. */
    public Table add(Object... values) {
        if (values.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " values, got " + values.length);
        }
        rows.add(Arrays.stream(values).map(Table::cell).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The table as text, one line per row, each line ending in a newline. */
    public String render() {
        int[] widths = new int[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = headers.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, headers, widths);
        rows.forEach(row -> line(text, row, widths));
        return text.toString();
    }

    private static void line(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            if (column > 0) {
                line.append("  ");
            }
            line.append(cells.get(column));
            line.append(" ".repeat(widths[column] - cells.get(column).length()));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static String cell(Object value) {
        if (value == null) {
            return EMPTY;
        }
        String text = TerminalText.safe(value.toString()).strip();
        return text.isEmpty() ? EMPTY : text;
    }
}
