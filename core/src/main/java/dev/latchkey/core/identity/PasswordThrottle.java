package dev.latchkey.core.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing, per e-mail address. The first {@value #FREE_FAILURES} failures cost nothing; after that
 * an attempt must wait, 30 s after the fifth failure, doubling with each further one to at most 15 min, and is
 * refused without looking at the password until then. A correct password clears the address. An attempt counts
 * as a failure from the moment it is admitted, so guesses sent in parallel cannot slip through together. The
 * address is the one typed (case-insensitive), whether or not a user has it: the throttle tells nothing about
 * which addresses exist. It lives in memory, per node, and forgets an address a day after its last attempt
 * (decision record 0015). Thread-safe.
 */
public final class PasswordThrottle {
    static final int FREE_FAILURES = 5;
    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(PasswordThrottle.class);

    private final Clock clock;
    private final int capacity;
    private final Runnable refusals;
    private final ConcurrentHashMap<String, Failures> byEmail = new ConcurrentHashMap<>();
    private volatile Instant lastFullWarning = Instant.EPOCH;

    private record Failures(int count, Instant last) {
    }

    /** @param capacity how many addresses it remembers at most; beyond that, new addresses go untracked */
    public PasswordThrottle(Clock clock, int capacity) {
        this(clock, capacity, () -> {
        });
    }

    /** As above; {@code refusals} runs once for every attempt it refuses (the operator's metrics count them). */
    public PasswordThrottle(Clock clock, int capacity, Runnable refusals) {
        this.clock = clock;
        this.capacity = capacity;
        this.refusals = refusals;
    }

    /**
     * Admits an attempt for {@code email} and counts it as a failure until {@link #succeeded} says otherwise.
     *
     * @return zero when admitted, else how long the address must wait before its next attempt
     */
    public Duration admit(String email) {
        String key = key(email);
        Instant now = clock.instant();
        if (byEmail.size() >= capacity && !byEmail.containsKey(key) && !makeRoom(now)) {
            return Duration.ZERO;
        }
        Duration[] wait = {Duration.ZERO};
        byEmail.compute(key, (k, failures) -> {
            if (failures == null || !now.isBefore(failures.last().plus(FORGET_AFTER))) {
                return new Failures(1, now);
            }
            Instant allowedAt = failures.last().plus(delayAfter(failures.count()));
            if (now.isBefore(allowedAt)) {
                wait[0] = Duration.between(now, allowedAt);
                return failures;
            }
            return new Failures(failures.count() + 1, now);
        });
        if (!wait[0].isZero()) {
            refusals.run();
        }
        return wait[0];
    }

    /** The password was right: the address starts afresh. */
    public void succeeded(String email) {
        byEmail.remove(key(email));
    }

    /** How long an address must wait after {@code failures} failures. */
    static Duration delayAfter(int failures) {
        if (failures < FREE_FAILURES) {
            return Duration.ZERO;
        }
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(failures - FREE_FAILURES, 16));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    /** Forgets addresses quiet for a day; false when that frees nothing (the new address then goes untracked). */
    private boolean makeRoom(Instant now) {
        byEmail.values().removeIf(failures -> !now.isBefore(failures.last().plus(FORGET_AFTER)));
        if (byEmail.size() < capacity) {
            return true;
        }
        if (now.isAfter(lastFullWarning.plusSeconds(60))) {
            lastFullWarning = now;
            LOG.warn("password throttle is full ({} addresses with recent failures): new addresses are not throttled",
                    capacity);
        }
        return false;
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
