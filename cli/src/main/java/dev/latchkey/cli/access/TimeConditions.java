package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * When a policy applies, from the command line, as one of IBM's v2 time-based patterns (decision 0047): a period
 * ({@code --from}, {@code --until}: {@code time-based-conditions:once}), or days of the week ({@code --days}:
 * {@code weekly:all-day}) and hours on them ({@code --hours}: {@code weekly:custom-hours}). Days, hours and plain
 * dates are in the UTC offset given ({@code --utc-offset}); the server decides each request in that offset.
 */
abstract sealed class TimeConditions permits TimeConditions.Once, TimeConditions.Weekly {
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Monday first, as IBM numbers the days from 1; a name is matched by its first three letters or more. */
    private static final List<String> DAY_NAMES = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");

    abstract String pattern();

    /** The conditions, each IBM's {@code {key, operator, value}}. */
    abstract List<ObjectNode> conditions(ZoneOffset offset);

    /** The policy's {@code rule}: one condition as it is, several as an {@code and} group. */
    JsonNode rule(ZoneOffset offset) {
        List<ObjectNode> conditions = conditions(offset);
        if (conditions.size() == 1) {
            return conditions.get(0);
        }
        ObjectNode group = Json.object().put("operator", "and");
        ArrayNode array = group.putArray("conditions");
        conditions.forEach(array::add);
        return group;
    }

    static ObjectNode condition(String attribute, String operator, String value) {
        return Json.object().put("key", "{{environment.attributes." + attribute + "}}").put("operator", operator)
                .put("value", value);
    }

    /** {@code +00:00} rather than {@code Z}: IBM's values always carry the offset in digits. */
    static String offset(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId();
    }

    /** {@code --utc-offset}'s value: {@code +01:00}, {@code -05:30}, {@code Z} or {@code +00:00}. */
    static ZoneOffset parseOffset(String text) {
        try {
            return ZoneOffset.of(text);
        } catch (DateTimeException e) {
            throw new CliException("--utc-offset must be an offset from UTC such as +01:00 or -05:30, not " + text);
        }
    }

    /** Within a period: from a moment, until a moment, or both. */
    static final class Once extends TimeConditions {
        @Option(names = "--from", paramLabel = "WHEN",
                description = "Applies from then on: 2026-12-01T09:00:00+01:00, or a date (from its start).")
        String from;

        @Option(names = "--until", paramLabel = "WHEN",
                description = "Applies until then: 2027-01-01T00:00:00+01:00, or a date (to its end).")
        String until;

        @Override
        String pattern() {
            return "time-based-conditions:once";
        }

        @Override
        List<ObjectNode> conditions(ZoneOffset offset) {
            OffsetDateTime start = from == null ? null : moment("--from", from, offset, false);
            OffsetDateTime end = until == null ? null : moment("--until", until, offset, true);
            if (start != null && end != null && !start.isBefore(end)) {
                throw new CliException("--from must be before --until");
            }
            List<ObjectNode> conditions = new ArrayList<>();
            if (start != null) {
                conditions.add(condition("current_date_time", "dateTimeGreaterThanOrEquals", MOMENT.format(start)));
            }
            if (end != null) {
                conditions.add(condition("current_date_time", "dateTimeLessThanOrEquals", MOMENT.format(end)));
            }
            return conditions;
        }

        /** A date-time with or without an offset (then {@code offset}'s), or a date: its first or last second. */
        private static OffsetDateTime moment(String option, String text, ZoneOffset offset, boolean endOfDay) {
            try {
                return OffsetDateTime.parse(text);
            } catch (DateTimeException notWithOffset) {
                try {
                    return LocalDateTime.parse(text).atOffset(offset);
                } catch (DateTimeException notLocal) {
                    try {
                        LocalDate day = LocalDate.parse(text);
                        return (endOfDay ? day.atTime(23, 59, 59) : day.atStartOfDay()).atOffset(offset);
                    } catch (DateTimeException notADate) {
                        throw new CliException(option + " must be a date-time such as 2026-12-01T09:00:00+01:00 or "
                                + "a date such as 2026-12-01, not " + text);
                    }
                }
            }
        }
    }

    /** On some days of the week, all day or between two times. */
    static final class Weekly extends TimeConditions {
        @Option(names = "--days", required = true, paramLabel = "DAYS",
                description = "Days of the week: mon-fri, sat,sun, 1-5 (1 is Monday).")
        String days;

        @Option(names = "--hours", paramLabel = "HH:MM-HH:MM",
                description = "Only between these times on those days, e.g. 09:00-17:00.")
        String hours;

        @Override
        String pattern() {
            return hours == null ? "time-based-conditions:weekly:all-day" : "time-based-conditions:weekly:custom-hours";
        }

        @Override
        List<ObjectNode> conditions(ZoneOffset offset) {
            String zone = offset(offset);
            ObjectNode onDays = condition("day_of_week", "dayOfWeekAnyOf", null);
            ArrayNode values = onDays.putArray("value");
            days(days).forEach(day -> values.add(day + zone));
            List<ObjectNode> conditions = new ArrayList<>(List.of(onDays));
            if (hours != null) {
                String[] range = hours.split("-", -1);
                LocalTime start = range.length == 2 ? time(range[0]) : null;
                LocalTime end = range.length == 2 ? time(range[1]) : null;
                if (start == null || end == null || !start.isBefore(end)) {
                    throw new CliException("--hours must be two times of one day, the earlier first, such as "
                            + "09:00-17:00, not " + hours);
                }
                conditions.add(condition("current_time", "timeGreaterThanOrEquals", CLOCK.format(start) + zone));
                conditions.add(condition("current_time", "timeLessThanOrEquals", CLOCK.format(end) + zone));
            }
            return conditions;
        }

        private static LocalTime time(String text) {
            try {
                return LocalTime.parse(text.strip());
            } catch (DateTimeException e) {
                return null;
            }
        }

        /** Days as IBM numbers them, 1 (Monday) to 7, in order: names, numbers and ranges of either. */
        static TreeSet<Integer> days(String text) {
            TreeSet<Integer> chosen = new TreeSet<>();
            for (String part : text.split(",")) {
                String[] range = part.strip().split("-", -1);
                int first = day(range[0], text);
                int last = range.length == 2 ? day(range[1], text) : first;
                if (range.length > 2 || last < first) {
                    throw badDays(text);
                }
                for (int day = first; day <= last; day++) {
                    chosen.add(day);
                }
            }
            return chosen;
        }

        private static int day(String text, String whole) {
            String name = text.strip().toLowerCase(Locale.ROOT);
            if (name.matches("[1-7]")) {
                return Integer.parseInt(name);
            }
            for (int day = 0; day < DAY_NAMES.size() && name.length() >= 3; day++) {
                if (DAY_NAMES.get(day).startsWith(name)) {
                    return day + 1;
                }
            }
            throw badDays(whole);
        }

        private static CliException badDays(String text) {
            return new CliException("--days must name days of the week, such as mon-fri, sat,sun or 1-5 (1 is "
                    + "Monday), not " + text);
        }
    }
}
