package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * IBM IAM's date-time wire format, {@code yyyy-MM-dd'T'HH:mm+0000}, which IBM's SDKs parse. Input is accepted
 * with or without seconds, with {@code Z}, {@code +HH:MM} or {@code +HHMM}, or as a plain date.
 */
public final class IbmDates {
    private static final DateTimeFormatter WRITE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxx").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm")
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private IbmDates() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : WRITE.format(instant);
    }

    /**
     * Parses a client-supplied date-time.
     *
     * @throws DomainException INVALID_REQUEST naming the field when the value is not a date-time
     */
    public static Instant parse(String field, String value) {
        String text = value.strip();
        Instant instant;
        try {
            instant = parseAny(text);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("Field '" + field + "' must be a date-time like 2049-01-02T18:30+0000, got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'.");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw DomainException.invalid("Field '" + field + "' must lie between the years 1 and 9999, got '"
                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'.");
        }
        return instant;
    }

    /**
     * The dates every supported database stores: years 1 to 9999, as IBM's four-digit format writes them. Java
     * parses years of up to nine digits, which PostgreSQL refused with an error (issue 19).
     */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static Instant parseAny(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        var parsed = READ.parseBest(text, OffsetDateTime::from, java.time.LocalDateTime::from);
        if (parsed instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.time.LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
