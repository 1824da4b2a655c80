package dev.latchkey.console;

import dev.latchkey.core.common.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading form fields into typed values, with a refusal that names the field by its label. */
public final class Forms {
    private Forms() {
    }

    /**
     * A date field ({@code yyyy-MM-dd}) as the end of that day in UTC (the first instant of the next day): a key that
     * expires "on 31 January" works through that day. Null for an empty field.
     */
    public static Instant endOfDay(String date, String label) {
        if (date == null) {
            return null;
        }
        try {
            return LocalDate.parse(date).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(label + " must be a date like 2030-01-31.");
        }
    }

    /** The date a form shows for an {@link #endOfDay} instant; null for none. */
    public static String date(Instant endOfDay) {
        return endOfDay == null ? null : LocalDate.ofInstant(endOfDay.minusNanos(1), ZoneOffset.UTC).toString();
    }

    /**
     * Whether {@code path} is a path on this server: it starts with one {@code /}, holds no backslash or control
     * character and is of a sane length, so a browser sent there never leaves for another site.
     */
    public static boolean localPath(String path) {
        return path != null && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && path.length() <= 2000 && path.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    public static int intOr(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
