package dev.latchkey.core.resource;

import java.util.Locale;

/**
 * The life-cycle state of a resource instance or key. Latchkey provisions synchronously, so only two of IBM's
 * states occur: {@code active} from creation on, {@code removed} after a (soft) delete.
 */
public enum ResourceState {
    ACTIVE, REMOVED;

    /** IBM's lower-case spelling. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ResourceState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
