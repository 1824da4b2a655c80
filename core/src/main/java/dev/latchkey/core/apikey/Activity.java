package dev.latchkey.core.apikey;

import java.time.Instant;

/** When a key last authenticated and how often it has. {@code lastAuthn} is null for a key never used. */
public record Activity(Instant lastAuthn, long authnCount) {
    public static final Activity NONE = new Activity(null, 0);

    public Activity plus(Activity pending) {
        Instant last = lastAuthn == null || (pending.lastAuthn != null && pending.lastAuthn.isAfter(lastAuthn))
                ? pending.lastAuthn : lastAuthn;
        return new Activity(last, authnCount + pending.authnCount);
    }
}
