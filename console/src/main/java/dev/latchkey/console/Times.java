package dev.latchkey.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages show a time: relative ("3 hours ago", "in 5 days") with the exact UTC time beside it on hover. */
public final class Times {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String exact(Instant at) {
        return at == null ? "" : EXACT.format(at);
    }

    public static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    public static String relative(Instant at) {
        return at == null ? "" : relative(at, Instant.now());
    }

    static String relative(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        boolean future = !d.isNegative();
        long s = Math.abs(d.toSeconds());
        String amount;
        if (s < 60) {
            return future ? "in under a minute" : "just now";
        } else if (s < 3600) {
            amount = plural(s / 60, "minute");
        } else if (s < 86_400) {
            amount = plural(s / 3600, "hour");
        } else if (s < 60L * 86_400) {
            amount = plural(s / 86_400, "day");
        } else if (s < 730L * 86_400) {
            amount = plural(s / (30L * 86_400), "month");
        } else {
            amount = plural(s / (365L * 86_400), "year");
        }
        return future ? "in " + amount : amount + " ago";
    }

    /** Whether an expiry is near enough to warn about: within 14 days and not yet past. */
    public static boolean soon(Instant at) {
        Instant now = Instant.now();
        return at != null && at.isAfter(now) && at.isBefore(now.plus(Duration.ofDays(14)));
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
