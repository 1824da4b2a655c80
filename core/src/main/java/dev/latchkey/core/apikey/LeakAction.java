package dev.latchkey.core.apikey;

import dev.latchkey.core.common.DomainException;
import java.util.Locale;

/** What to do with a key when it is reported leaked; IBM's {@code action_when_leaked}. */
public enum LeakAction {
    NONE, DISABLE, DELETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LeakAction fromWire(String value) {
        for (LeakAction action : values()) {
            if (action.wire().equals(value)) {
                return action;
            }
        }
        throw DomainException.invalid("Field 'action_when_leaked' must be one of none, disable, delete; got '"
                + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'.");
    }
}
