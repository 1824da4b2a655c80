package dev.latchkey.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.store.maintenance.Snapshot;
import dev.latchkey.store.maintenance.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

/**
 * The file {@code export} writes and {@code import} reads: JSON Lines in UTF-8, gzip-compressed when the name ends in
 * {@code .gz}. The first line is the header (format and its version, Latchkey version, schema version, database,
 * export time, and every table with its row count, in loading order); then one line per row,
 * {@code {"table":…,"row":{column: value, …}}}, table by table in that order; last the end line,
 * {@code {"end":{"rows":N,"sha256":…}}}, whose digest covers every line before it (newlines included), so that a
 * truncated or altered file is refused. Values: text, booleans and integers as JSON; decimals as strings; timestamps
 * as ISO-8601 in UTC, to the microsecond, whatever offset the database kept; bytes (sealed values; key hashes are
 * text) as base64; NULL as null. {@link Writer} writes it; {@link ExportReader} reads it.
 */
final class ExportFile {
    static final String FORMAT = "latchkey-export";
    static final int FORMAT_VERSION = 1;
    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private ExportFile() {
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
