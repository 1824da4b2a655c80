package dev.latchkey.console.apikey;

import dev.latchkey.core.apikey.KeyUsage;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A key's daily usage drawn as SVG bars, in the template's coordinates: a plot {@value #WIDTH} wide and
 * {@value #HEIGHT} high beside a {@value #LEFT}-unit axis, one slot per day, each bar as high as its count relative to
 * the busiest day (at least 2 units when it is not zero, so a single use shows). The numbers are also text: every bar
 * has a title, and the page lists them in a table.
 */
public record UsageChart(int days, List<Bar> bars, long total, long max, String busiest, String from, String to) {
    public static final int WIDTH = 720;
    public static final int HEIGHT = 140;
    public static final int LEFT = 48;
    public static final int TOP = 12;
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy", Locale.ENGLISH);

    /** One day: where its bar is, and what it says. */
    public record Bar(String date, String label, long count, int x, int y, int width, int height) {
        public String title() {
            return label + ": " + number(count) + (count == 1 ? " token exchange" : " token exchanges");
        }

        public String countText() {
            return number(count);
        }
    }

    public static UsageChart of(KeyUsage usage) {
        List<KeyUsage.Day> days = usage.days();
        long max = days.stream().mapToLong(KeyUsage.Day::tokenExchanges).max().orElse(0);
        int slot = WIDTH / days.size();
        int width = Math.max(2, slot * 3 / 4);
        List<Bar> bars = new ArrayList<>();
        KeyUsage.Day busiest = null;
        for (int i = 0; i < days.size(); i++) {
            KeyUsage.Day day = days.get(i);
            long count = day.tokenExchanges();
            int height = count == 0 ? 0 : (int) Math.max(2, Math.round((double) count * HEIGHT / max));
            bars.add(new Bar(day.date().toString(), day.date().format(LONG), count,
                    LEFT + i * slot + (slot - width) / 2, TOP + HEIGHT - height, width, height));
            if (count > 0 && (busiest == null || count >= busiest.tokenExchanges())) {
                busiest = day;
            }
        }
        return new UsageChart(days.size(), bars, usage.total(), max,
                busiest == null ? null : busiest.date().format(LONG), shortDate(days.getFirst().date()),
                shortDate(days.getLast().date()));
    }

    private static String shortDate(LocalDate date) {
        return date.format(SHORT);
    }

    public String totalText() {
        return number(total);
    }

    public String maxText() {
        return number(max);
    }

    /** What the chart shows, in one sentence, for its accessible description. */
    public String summary() {
        if (total == 0) {
            return "No token exchanges from " + from + " to " + to + " (UTC).";
        }
        return number(total) + (total == 1 ? " token exchange" : " token exchanges") + " from " + from + " to " + to
                + " (UTC); the busiest day was " + busiest + " with " + number(max) + ".";
    }

    /** The bottom of the plot, where the bars stand and the baseline is drawn. */
    public int baseline() {
        return TOP + HEIGHT;
    }

    public int right() {
        return LEFT + WIDTH;
    }

    static String number(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }
}
