package dev.latchkey.core.access;

import dev.latchkey.core.common.DomainException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IBM's v2 policy rules: time-based conditions, checked when a policy is written ({@link #validate}) and evaluated
 * at decision time against the injected clock ({@link #holds}). A condition compares one of the environment's time
 * attributes with a value written with its UTC offset ({@code 09:00:00+01:00}, {@code 2026-12-31T23:59:59+00:00},
 * {@code 1+00:00} for a Monday); the comparison happens in that offset. Groups combine conditions with {@code and}
 * or {@code or}, nested one level deep (docs/decisions/0047-policies-v2.md). Stateless.
 */
public final class Conditions {
    public static final String CURRENT_TIME = "{{environment.attributes.current_time}}";
    public static final String CURRENT_DATE = "{{environment.attributes.current_date}}";
    public static final String CURRENT_DATE_TIME = "{{environment.attributes.current_date_time}}";
    public static final String DAY_OF_WEEK = "{{environment.attributes.day_of_week}}";
    /** IBM's patterns, and the condition keys each may use. */
    static final Map<String, Set<String>> PATTERNS = Map.of(
            "time-based-conditions:once", Set.of(CURRENT_DATE_TIME, CURRENT_DATE),
            "time-based-conditions:weekly:all-day", Set.of(DAY_OF_WEEK),
            "time-based-conditions:weekly:custom-hours", Set.of(DAY_OF_WEEK, CURRENT_TIME));
    static final int MAX_CONDITIONS = 10;
    private static final Map<String, String> KEY_OPERATORS = Map.of(
            CURRENT_TIME, "time", CURRENT_DATE, "date", CURRENT_DATE_TIME, "dateTime", DAY_OF_WEEK, "dayOfWeek");
    private static final Set<String> COMPARISONS = Set.of("LessThan", "LessThanOrEquals", "GreaterThan",
            "GreaterThanOrEquals");

    private Conditions() {
    }

    /** Checks a rule and its pattern; 400 naming the first field that is wrong. Both absent is fine. */
    static void validate(String pattern, Policy.Rule rule) {
        if (pattern == null && rule == null) {
            return;
        }
        if (rule == null) {
            throw DomainException.invalid("Field 'rule' is required with a pattern: the conditions the pattern "
                    + "names.");
        }
        if (pattern == null || !PATTERNS.containsKey(pattern)) {
            throw DomainException.invalid("Field 'pattern' must be one of " + String.join(", ",
                    PATTERNS.keySet().stream().sorted().toList()) + " with a rule"
                    + (pattern == null ? "." : ", not '" + PolicyValidator.abbreviate(pattern) + "'."));
        }
        Set<String> keys = new HashSet<>();
        check(rule, "rule", 0, keys);
        Set<String> allowed = PATTERNS.get(pattern);
        for (String key : keys) {
            if (!allowed.contains(key)) {
                throw DomainException.invalid("The pattern " + pattern + " takes conditions on "
                        + String.join(" and ", allowed.stream().sorted().toList()) + ", not on " + key + ".");
            }
        }
    }

    private static void check(Policy.Rule rule, String field, int depth, Set<String> keys) {
        if (rule.isGroup()) {
            if (!"and".equals(rule.operator()) && !"or".equals(rule.operator())) {
                throw DomainException.invalid("Field '" + field + ".operator' must be and or or for a group of "
                        + "conditions.");
            }
            if (depth > 1) {
                throw DomainException.invalid("Field '" + field + "' nests conditions too deep: a rule's groups may "
                        + "hold conditions only.");
            }
            if (rule.conditions().isEmpty() || rule.conditions().size() > MAX_CONDITIONS) {
                throw DomainException.invalid("Field '" + field + ".conditions' must hold 1 to " + MAX_CONDITIONS
                        + " conditions.");
            }
            for (int i = 0; i < rule.conditions().size(); i++) {
                check(rule.conditions().get(i), field + ".conditions[" + i + "]", depth + 1, keys);
            }
            return;
        }
        String kind = rule.key() == null ? null : KEY_OPERATORS.get(rule.key());
        if (kind == null) {
            throw DomainException.invalid("Field '" + field + ".key' must be one of the time attributes "
                    + String.join(", ", KEY_OPERATORS.keySet().stream().sorted().toList()) + ", not '"
                    + PolicyValidator.abbreviate(String.valueOf(rule.key())) + "': Latchkey evaluates time-based "
                    + "conditions only.");
        }
        String operator = rule.operator() == null ? "" : rule.operator();
        boolean ok = kind.equals("dayOfWeek") ? operator.equals("dayOfWeekEquals") || operator.equals("dayOfWeekAnyOf")
                : operator.startsWith(kind) && COMPARISONS.contains(operator.substring(kind.length()));
        if (!ok) {
            throw DomainException.invalid("Field '" + field + ".operator' '" + PolicyValidator.abbreviate(operator)
                    + "' does not apply to " + rule.key() + (kind.equals("dayOfWeek")
                    ? ": use dayOfWeekEquals or dayOfWeekAnyOf." : ": use " + kind + "LessThan, " + kind
                    + "LessThanOrEquals, " + kind + "GreaterThan or " + kind + "GreaterThanOrEquals."));
        }
        try {
            if (operator.equals("dayOfWeekAnyOf")) {
                List<String> days = AttributeValues.decode(rule.value());
                if (days.isEmpty()) {
                    throw new IllegalArgumentException("no day");
                }
                days.forEach(Conditions::day);
            } else {
                switch (kind) {
                    case "time" -> time(rule.value());
                    case "date" -> date(rule.value());
                    case "dateTime" -> OffsetDateTime.parse(rule.value());
                    default -> day(rule.value());
                }
            }
        } catch (RuntimeException e) {
            throw DomainException.invalid("Field '" + field + ".value' is not a " + describe(kind, operator) + ": '"
                    + PolicyValidator.abbreviate(String.valueOf(rule.value())) + "'.");
        }
        keys.add(rule.key());
    }

    /** Whether the rule holds at {@code now}; a policy without one always applies. */
    static boolean holds(Policy.Rule rule, Instant now) {
        if (rule == null) {
            return true;
        }
        if (rule.isGroup()) {
            return rule.operator().equals("and") ? rule.conditions().stream().allMatch(c -> holds(c, now))
                    : rule.conditions().stream().anyMatch(c -> holds(c, now));
        }
        String operator = rule.operator();
        return switch (KEY_OPERATORS.get(rule.key())) {
            case "time" -> {
                Timed<LocalTime> limit = time(rule.value());
                yield compare(now.atOffset(limit.offset()).toLocalTime().compareTo(limit.value()), operator);
            }
            case "date" -> {
                Timed<LocalDate> limit = date(rule.value());
                yield compare(now.atOffset(limit.offset()).toLocalDate().compareTo(limit.value()), operator);
            }
            case "dateTime" -> compare(now.compareTo(OffsetDateTime.parse(rule.value()).toInstant()), operator);
            default -> {
                List<String> days = operator.equals("dayOfWeekAnyOf") ? AttributeValues.decode(rule.value())
                        : List.of(rule.value());
                yield days.stream().map(Conditions::day)
                        .anyMatch(d -> now.atOffset(d.offset()).getDayOfWeek() == d.value());
            }
        };
    }

    private static boolean compare(int order, String operator) {
        if (operator.endsWith("GreaterThanOrEquals")) {
            return order >= 0;
        }
        if (operator.endsWith("GreaterThan")) {
            return order > 0;
        }
        if (operator.endsWith("LessThanOrEquals")) {
            return order <= 0;
        }
        return order < 0;
    }

    private record Timed<T>(T value, ZoneOffset offset) {
    }

    /** {@code HH:mm[:ss]} and an offset ({@code +01:00}, {@code Z}); UTC without one. */
    private static Timed<LocalTime> time(String value) {
        int at = offsetAt(value, 5);
        return new Timed<>(LocalTime.parse(value.substring(0, at)), offset(value.substring(at)));
    }

    /** {@code yyyy-MM-dd} and an optional offset. */
    private static Timed<LocalDate> date(String value) {
        int at = offsetAt(value, 10);
        return new Timed<>(LocalDate.parse(value.substring(0, at)), offset(value.substring(at)));
    }

    /** {@code 1} (Monday) to {@code 7} (Sunday), as ISO 8601 and IBM number them, and an optional offset. */
    private static Timed<DayOfWeek> day(String value) {
        if (value == null || value.isEmpty() || value.charAt(0) < '1' || value.charAt(0) > '7') {
            throw new IllegalArgumentException("not a day");
        }
        return new Timed<>(DayOfWeek.of(value.charAt(0) - '0'), offset(value.substring(1)));
    }

    private static int offsetAt(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' || c == '-' || c == 'Z') {
                return i;
            }
        }
        return value.length();
    }

    private static ZoneOffset offset(String text) {
        if (text.isEmpty()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(text);
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException("not an offset", text, 0);
        }
    }

    private static String describe(String kind, String operator) {
        return switch (kind) {
            case "time" -> "time of day with its offset, e.g. 09:00:00+00:00";
            case "date" -> "date, e.g. 2026-12-31 or 2026-12-31+01:00";
            case "dateTime" -> "date and time with its offset, e.g. 2026-12-31T23:59:59+00:00";
            default -> operator.equals("dayOfWeekAnyOf") ? "list of days, e.g. [\"1+00:00\",\"5+00:00\"] (1 is Monday)"
                    : "day, e.g. 1+00:00 (1 is Monday, 7 is Sunday)";
        };
    }
}
