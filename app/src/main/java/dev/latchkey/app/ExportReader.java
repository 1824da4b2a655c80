package dev.latchkey.app;

import static dev.latchkey.app.ExportFile.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.ExportFile.Unusable;
import dev.latchkey.store.maintenance.Column;
import dev.latchkey.store.maintenance.Table;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an {@link ExportFile} line by line, gzip-compressed or not whatever its name: the header at once, then each
 * row, then the end line, whose digest and row count are checked before {@link #next} says the rows are over.
 * Every problem is an {@link Unusable} naming the line, never a value from it.
 */
final class ExportReader implements Closeable {
    /** What the first line says. {@code tables}: row count per table, in loading order. */
    record Header(String latchkeyVersion, String schemaVersion, String database, Instant exportedAt,
                  Map<String, Long> tables) {
    }

    /** One row line: its table, its column values as JSON, and its line number. */
    record Row(String table, JsonNode values, long line) {
    }

    private final BufferedReader in;
    private final MessageDigest digest = ExportFile.sha256();
    private final Header header;
    private long line;
    private long rows;

    /** Reads the header of {@code file}. */
    ExportReader(InputStream file) throws IOException {
        InputStream raw = new BufferedInputStream(file);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        InputStream content = gzip ? new GZIPInputStream(raw, 65_536) : raw;
        this.in = new BufferedReader(new InputStreamReader(content, StandardCharsets.UTF_8.newDecoder()), 65_536);
        String first = nextLine("it is empty");
        this.header = header(first);
        digest(first);
    }

    Header header() {
        return header;
    }

    /** The next row, or null after the end line, once its digest and row count are checked. */
    Row next() {
        String text = nextLine("it ends at line " + line + " without its end line (truncated)");
        JsonNode node = parse(text);
        if (node.has("end")) {
            finish(node.get("end"));
            return null;
        }
        digest(text);
        JsonNode table = node.get("table");
        JsonNode values = node.get("row");
        if (table == null || !table.isTextual() || values == null || !values.isObject()) {
            throw new Unusable("line " + line + " is neither a row nor the end line");
        }
        rows++;
        return new Row(table.asText(), values, line);
    }

    /**
     * The values of {@code row} in the order of {@code table}'s columns, each as its column's Java type; the row must
     * name exactly the table's columns.
     */
    static Object[] values(Table table, Row row) {
        for (Iterator<String> names = row.values().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
                throw new Unusable("line " + row.line() + " has column " + name + ", which table " + table.name()
                        + " does not have");
            }
        }
        Object[] values = new Object[table.columns().size()];
        for (int i = 0; i < values.length; i++) {
            Column column = table.columns().get(i);
            JsonNode value = row.values().get(column.name());
            if (value == null) {
                throw new Unusable("line " + row.line() + " has no column " + column.name() + " (table " + table.name()
                        + ")");
            }
            values[i] = value.isNull() ? null : decode(column.kind(), value);
            if (values[i] == null && !value.isNull()) {
                throw new Unusable("line " + row.line() + ": column " + table.name() + "." + column.name()
                        + " must be " + expected(column.kind()));
            }
        }
        return values;
    }

    /** The value as the column's Java type, or null when it is not one. */
    private static Object decode(Column.Kind kind, JsonNode value) {
        try {
            return switch (kind) {
                case TEXT -> value.isTextual() ? value.asText() : null;
                case BOOLEAN -> value.isBoolean() ? value.asBoolean() : null;
                case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : null;
                case BIGINT -> value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : null;
                case DECIMAL -> value.isTextual() ? new BigDecimal(value.asText()) : null;
                case TIMESTAMP_TZ -> value.isTextual() ? OffsetDateTime.parse(value.asText()) : null;
                case TIMESTAMP -> value.isTextual() ? LocalDateTime.parse(value.asText()) : null;
                case DATE -> value.isTextual() ? LocalDate.parse(value.asText()) : null;
                case BYTES -> value.isTextual() ? Base64.getDecoder().decode(value.asText()) : null;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) { // NumberFormatException is one
            return null;
        }
    }

    private static String expected(Column.Kind kind) {
        return switch (kind) {
            case TEXT -> "text";
            case BOOLEAN -> "true or false";
            case INTEGER, BIGINT -> "a whole number";
            case DECIMAL -> "a decimal string";
            case TIMESTAMP_TZ -> "a timestamp with an offset";
            case TIMESTAMP -> "a timestamp";
            case DATE -> "a date";
            case BYTES -> "base64";
        };
    }

    private void finish(JsonNode end) {
        String expected = HexFormat.of().formatHex(digest.digest());
        if (!expected.equals(end.path("sha256").asText())) {
            throw new Unusable("its checksum does not match its lines (the file was altered or damaged)");
        }
        if (end.path("rows").asLong(-1) != rows) {
            throw new Unusable("its end line counts " + end.path("rows").asText() + " rows, but it holds " + rows);
        }
        if (nextLineOrNull() != null) {
            throw new Unusable("there are lines after its end line");
        }
    }

    private String nextLine(String atEnd) {
        String text = nextLineOrNull();
        if (text == null) {
            throw new Unusable(atEnd);
        }
        line++;
        return text;
    }

    private String nextLineOrNull() {
        try {
            return in.readLine();
        } catch (IOException e) {
            String why = switch (e) {
                case EOFException truncated -> "its compressed data ends early (truncated)";
                case ZipException damaged -> "its compressed data is damaged";
                case CharacterCodingException notText -> "it is not UTF-8 text";
                default -> "it cannot be read (" + e.getMessage() + ")";
            };
            throw new Unusable(line == 0 ? why : why + " after line " + line);
        }
    }

    /** The end line's digest covers every line before it, each with its newline. */
    private void digest(String text) {
        digest.update((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new Unusable("line " + line + " is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Unusable("line " + line + " is not JSON");
        }
    }

    private static Header header(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !ExportFile.FORMAT.equals(node.path("format").asText())) {
            throw new Unusable("it is not a Latchkey export (its first line is not an export header)");
        }
        int version = node.path("format_version").asInt(0);
        if (version != ExportFile.FORMAT_VERSION) {
            throw new Unusable("it is in export format " + node.path("format_version").asText() + ", and this "
                    + "Latchkey reads format " + ExportFile.FORMAT_VERSION + (version > ExportFile.FORMAT_VERSION
                    ? " only: import it with the Latchkey that wrote it (" + node.path("latchkey_version").asText() + ")"
                    : ""));
        }
        Map<String, Long> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("tables").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> table = it.next();
            if (!table.getValue().canConvertToLong() || table.getValue().asLong() < 0) {
                throw new Unusable("its header gives no row count for table " + table.getKey());
            }
            tables.put(table.getKey(), table.getValue().asLong());
        }
        if (!node.path("schema_version").isTextual() || tables.isEmpty()) {
            throw new Unusable("its header has no schema version or no tables");
        }
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(node.path("exported_at").asText());
        } catch (DateTimeParseException e) {
            throw new Unusable("its header has no export time");
        }
        return new Header(node.path("latchkey_version").asText(), node.path("schema_version").asText(),
                node.path("database").asText(), exportedAt, tables);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
