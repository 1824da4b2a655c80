package dev.latchkey.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.store.maintenance.Column;
import dev.latchkey.store.maintenance.Snapshot;
import dev.latchkey.store.maintenance.Table;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The file {@code export} writes and {@code import} reads: JSON Lines in UTF-8, gzip-compressed when the name ends in
 * {@code .gz}. The first line is the header (format and its version, Latchkey version, schema version, database,
 * export time, and every table with its row count, in loading order); then one line per row,
 * {@code {"table":…,"row":{column: value, …}}}, table by table in that order; last the end line,
 * {@code {"end":{"rows":N,"sha256":…}}}, whose digest covers every line before it (newlines included), so that a
 * truncated or altered file is refused. Values: text, booleans and integers as JSON; decimals as strings; timestamps
 * as ISO-8601 in UTC, to the microsecond, whatever offset the database kept; bytes (sealed values; key hashes are
 * text) as base64; NULL as null.
 */
final class ExportFile {
    static final String FORMAT = "latchkey-export";
    static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private ExportFile() {
    }

    /** What the first line says. {@code tables}: row count per table, in loading order. */
    record Header(int formatVersion, String latchkeyVersion, String schemaVersion, String database, Instant exportedAt,
                  Map<String, Long> tables) {
    }

    /** Why a file cannot be imported, as a clause for "FILE: …; nothing was imported." */
    static final class Unusable extends RuntimeException {
        Unusable(String clause) {
            super(clause);
        }
    }

    /** Writes the lines to {@code out} as the snapshot streams them; {@link #finish} writes the end line. */
    static final class Writer implements Snapshot.Reader {
        private final OutputStream out;
        private final String latchkeyVersion;
        private final String database;
        private final MessageDigest digest = sha256();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        private Snapshot.Contents contents;
        private long rows;

        Writer(OutputStream out, String latchkeyVersion, String database) {
            this.out = out;
            this.latchkeyVersion = latchkeyVersion;
            this.database = database;
        }

        @Override
        public void begin(Snapshot.Contents contents) throws IOException {
            this.contents = contents;
            try (JsonGenerator g = FACTORY.createGenerator(line)) {
                g.writeStartObject();
                g.writeStringField("format", FORMAT);
                g.writeNumberField("format_version", FORMAT_VERSION);
                g.writeStringField("latchkey_version", latchkeyVersion);
                g.writeStringField("schema_version", contents.schema().version());
                g.writeStringField("database", database);
                g.writeStringField("exported_at", Instant.now().toString());
                g.writeObjectFieldStart("tables");
                for (Map.Entry<String, Long> table : contents.counts().entrySet()) {
                    g.writeNumberField(table.getKey(), table.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            endLine(true);
        }

        @Override
        public void row(Table table, Object[] values) throws IOException {
            try (JsonGenerator g = FACTORY.createGenerator(line)) {
                g.writeStartObject();
                g.writeStringField("table", table.name());
                g.writeObjectFieldStart("row");
                for (int i = 0; i < values.length; i++) {
                    g.writeFieldName(table.columns().get(i).name());
                    write(g, values[i]);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            endLine(true);
            rows++;
        }

        /** The end line: the row count and the digest of every line before it. Returns what was written. */
        Snapshot.Contents finish() throws IOException {
            try (JsonGenerator g = FACTORY.createGenerator(line)) {
                g.writeStartObject();
                g.writeObjectFieldStart("end");
                g.writeNumberField("rows", rows);
                g.writeStringField("sha256", HexFormat.of().formatHex(digest.digest()));
                g.writeEndObject();
                g.writeEndObject();
            }
            endLine(false);
            return contents;
        }

        private void endLine(boolean digested) throws IOException {
            line.write('\n');
            if (digested) {
                digest.update(line.toByteArray());
            }
            line.writeTo(out);
            line.reset();
        }

        private static void write(JsonGenerator g, Object value) throws IOException {
            switch (value) {
                case null -> g.writeNull();
                case String text -> g.writeString(text);
                case Boolean flag -> g.writeBoolean(flag);
                case Integer number -> g.writeNumber(number);
                case Long number -> g.writeNumber(number);
                case BigDecimal number -> g.writeString(number.toPlainString());
                case OffsetDateTime time -> g.writeString(time.withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
                case LocalDateTime time -> g.writeString(time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
                case LocalDate date -> g.writeString(date.toString());
                case byte[] bytes -> g.writeString(Base64.getEncoder().encodeToString(bytes));
                default -> throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
            }
        }
    }

    /** One row line: its table, its column values as JSON, and its line number. */
    record Row(String table, JsonNode values, long line) {
    }

    /** Reads a file line by line: the header at once, then each row, checking the end line last. */
    static final class Reader implements Closeable {
        private final BufferedReader in;
        private final MessageDigest digest = sha256();
        private final Header header;
        private long line;
        private long rows;

        /** Opens {@code file} (gzip or not, whatever its name) and reads its header. */
        Reader(InputStream file) throws IOException {
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

        private void finish(JsonNode end) {
            String expected = HexFormat.of().formatHex(digest.digest());
            if (!expected.equals(end.path("sha256").asText())) {
                throw new Unusable("its checksum does not match its lines (the file was altered or damaged)");
            }
            if (end.path("rows").asLong(-1) != rows) {
                throw new Unusable("its end line counts " + end.path("rows").asText() + " rows, but it holds " + rows);
            }
            try {
                if (in.readLine() != null) {
                    throw new Unusable("there are lines after its end line");
                }
            } catch (IOException e) {
                throw new Unusable("it cannot be read after its end line (" + e.getMessage() + ")");
            }
        }

        private String nextLine(String atEnd) {
            String text;
            try {
                text = in.readLine();
            } catch (IOException e) {
                String why = switch (e) {
                    case EOFException truncated -> "its compressed data ends early (truncated)";
                    case ZipException damaged -> "its compressed data is damaged";
                    case CharacterCodingException notText -> "it is not UTF-8 text";
                    default -> "it cannot be read (" + e.getMessage() + ")";
                };
                throw new Unusable(line == 0 ? why : why + " after line " + line);
            }
            if (text == null) {
                throw new Unusable(atEnd);
            }
            line++;
            return text;
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

        private Header header(String text) {
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !FORMAT.equals(node.path("format").asText())) {
                throw new Unusable("it is not a Latchkey export (its first line is not an export header)");
            }
            int version = node.path("format_version").asInt(0);
            if (version != FORMAT_VERSION) {
                throw new Unusable("it is in export format " + node.path("format_version").asText() + ", and this "
                        + "Latchkey reads format " + FORMAT_VERSION + (version > FORMAT_VERSION ? " only: import it with "
                        + "the Latchkey that wrote it (" + node.path("latchkey_version").asText() + ")" : ""));
            }
            Map<String, Long> tables = new LinkedHashMap<>();
            JsonNode counts = node.path("tables");
            for (Iterator<Map.Entry<String, JsonNode>> it = counts.fields(); it.hasNext(); ) {
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
            return new Header(version, node.path("latchkey_version").asText(), node.path("schema_version").asText(),
                    node.path("database").asText(), exportedAt, tables);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * The values of {@code row} in the order of {@code table}'s columns, each as its column's Java type; the row must
     * name exactly the table's columns.
     */
    static Object[] values(Table table, Row row) {
        if (row.values().size() != table.columns().size()) {
            for (Iterator<String> names = row.values().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (table.columns().stream().noneMatch(c -> c.name().equals(name))) {
                    throw new Unusable("line " + row.line() + " has column " + name + ", which table " + table.name()
                            + " does not have");
                }
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
            values[i] = value(column, value, () -> "line " + row.line() + ": column " + table.name() + "."
                    + column.name() + " must be ");
        }
        return values;
    }

    private static Object value(Column column, JsonNode value, java.util.function.Supplier<String> where) {
        if (value.isNull()) {
            return null;
        }
        try {
            return switch (column.kind()) {
                case TEXT -> value.isTextual() ? value.asText() : refuse(where, "text");
                case BOOLEAN -> value.isBoolean() ? value.asBoolean() : refuse(where, "true or false");
                case INTEGER -> value.isIntegralNumber() && value.canConvertToInt() ? value.intValue()
                        : refuse(where, "a whole number");
                case BIGINT -> value.isIntegralNumber() && value.canConvertToLong() ? value.longValue()
                        : refuse(where, "a whole number");
                case DECIMAL -> value.isTextual() ? new BigDecimal(value.asText()) : refuse(where, "a decimal string");
                case TIMESTAMP_TZ -> value.isTextual() ? OffsetDateTime.parse(value.asText())
                        : refuse(where, "a timestamp with an offset");
                case TIMESTAMP -> value.isTextual() ? LocalDateTime.parse(value.asText()) : refuse(where, "a timestamp");
                case DATE -> value.isTextual() ? LocalDate.parse(value.asText()) : refuse(where, "a date");
                case BYTES -> value.isTextual() ? Base64.getDecoder().decode(value.asText()) : refuse(where, "base64");
            };
        } catch (DateTimeParseException | IllegalArgumentException e) { // NumberFormatException is one
            throw new Unusable(where.get() + switch (column.kind()) {
                case TIMESTAMP_TZ -> "a timestamp with an offset";
                case TIMESTAMP -> "a timestamp";
                case DATE -> "a date";
                case BYTES -> "base64";
                default -> "a decimal string";
            });
        }
    }

    private static Object refuse(java.util.function.Supplier<String> where, String expected) {
        throw new Unusable(where.get() + expected);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
