package dev.latchkey.core.notification;

import dev.latchkey.core.common.DomainException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of events a webhook endpoint subscribes to: {@link #KEY}, the key events of its account ({@link KeyEvent}:
 * leaked, expiring, disabled, deleted or rotated), and {@link #AUDIT}, every event of its account's audit trail.
 */
public enum EventFamily {
    KEY, AUDIT;

    /** What an endpoint created without a choice receives: key events, as every endpoint did before subscriptions. */
    public static final Set<EventFamily> DEFAULT = Collections.unmodifiableSet(EnumSet.of(KEY));

    /** The name on the wire and in the database: {@code key}, {@code audit}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The families named by {@code names} (the {@code events} field of a new endpoint): null means {@link #DEFAULT};
     * an empty list, an unknown name or a null entry is refused. A name given twice counts once.
     */
    public static Set<EventFamily> parse(List<String> names) {
        if (names == null) {
            return DEFAULT;
        }
        if (names.isEmpty()) {
            throw DomainException.invalid("Field 'events' must name at least one of " + choices()
                    + "; leave it out to receive key events.");
        }
        EnumSet<EventFamily> families = EnumSet.noneOf(EventFamily.class);
        for (String name : names) {
            families.add(Arrays.stream(values()).filter(f -> f.wire().equals(name)).findFirst()
                    .orElseThrow(() -> DomainException.invalid("Field 'events' has an unknown value"
                            + (name == null ? "" : " '" + MessageRenderer.clean(name, 64) + "'") + ": it must be one of "
                            + choices() + ".")));
        }
        return Collections.unmodifiableSet(families);
    }

    /** The stored form: wire names in declaration order, comma-separated ({@code key,audit}). */
    public static String join(Set<EventFamily> families) {
        return families.stream().sorted().map(EventFamily::wire).collect(Collectors.joining(","));
    }

    /** Reads {@link #join}'s form back. */
    public static Set<EventFamily> split(String stored) {
        return parse(Arrays.stream(stored.split(",")).map(String::strip).toList());
    }

    private static String choices() {
        return Arrays.stream(values()).map(f -> "'" + f.wire() + "'").collect(Collectors.joining(", "));
    }
}
