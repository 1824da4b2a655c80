package dev.latchkey.core.apikey;

import dev.latchkey.core.common.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A key's token exchanges per UTC day over a span of days ending today: every day of the span, oldest first, days
 * without a use included with zero. Immutable.
 */
public record KeyUsage(String keyId, List<Day> days) {
    /** How many days of usage are kept, today included; older days are deleted ({@link ActivityRecorder#pruneUsage}). */
    public static final int RETENTION_DAYS = 90;

    /** One UTC day and how many times the key authenticated on it. */
    public record Day(LocalDate date, long tokenExchanges) {
    }

    public KeyUsage {
        days = List.copyOf(days);
    }

    public long total() {
        return days.stream().mapToLong(Day::tokenExchanges).sum();
    }

    /** The UTC day of an instant: the days usage is counted by. */
    public static LocalDate dayOf(Instant at) {
        return LocalDate.ofEpochDay(epochDayOf(at));
    }

    static long epochDayOf(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 86_400);
    }

    /** The oldest day still kept at {@code now}: {@value #RETENTION_DAYS} days, today the newest. */
    public static LocalDate firstKeptDay(Instant now) {
        return dayOf(now).minusDays(RETENTION_DAYS - 1);
    }

    /** The number of days asked for: null is {@value #RETENTION_DAYS}; otherwise 1 to {@value #RETENTION_DAYS}. */
    public static int span(Integer days) {
        if (days == null) {
            return RETENTION_DAYS;
        }
        if (days < 1 || days > RETENTION_DAYS) {
            throw DomainException.invalid("Parameter 'days' must be a whole number from 1 to " + RETENTION_DAYS
                    + " (usage is kept for " + RETENTION_DAYS + " days), not " + days + ".");
        }
        return days;
    }

    /** Every day from {@code from} to {@code to} (both included) with its count in {@code counts}, else zero. */
    static KeyUsage dense(String keyId, LocalDate from, LocalDate to, Map<LocalDate, Long> counts) {
        List<Day> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(new Day(day, counts.getOrDefault(day, 0L)));
        }
        return new KeyUsage(keyId, days);
    }
}
