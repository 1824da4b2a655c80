package dev.latchkey.cli.apikey;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --expires-at} and writes it in IAM's wire form, {@code 2024-10-04T12:28+0000} (UTC).
 * Accepts that form (with or without seconds), ISO-8601 with an offset, or a date meaning its midnight UTC;
 * an empty value stays empty, which asks the server to remove the expiry.
 */
public final class ExpiryConverter implements ITypeConverter<String> {
    static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmZ");
    private static final List<DateTimeFormatter> INPUTS = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]XX"));

    @Override
    public String convert(String value) {
        String text = value.strip();
        if (text.isEmpty()) {
            return "";
        }
        for (DateTimeFormatter input : INPUTS) {
            try {
                return WIRE.format(OffsetDateTime.parse(text, input).withOffsetSameInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException tryNext) {
                // the next form may fit
            }
        }
        try {
            return WIRE.format(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
        } catch (DateTimeParseException invalid) {
            throw new TypeConversionException("expected a time like 2030-01-31T12:00+0000, 2030-01-31T12:00:00Z"
                    + " or 2030-01-31, but was '" + value + "'");
        }
    }
}
