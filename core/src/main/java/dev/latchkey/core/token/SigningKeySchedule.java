package dev.latchkey.core.token;

import dev.latchkey.core.settings.AccountSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The state of every signing key at one instant: a pure function of the stored keys and the clock, so that the
 * nodes of one database agree on which key signs without talking to each other (decision record 0027).
 * <ul>
 * <li>A key is published from its creation and signs from its {@code activates_at}: {@link #PUBLICATION_LEAD}
 * after its creation for a rotation, at once for the first key and for an immediate replacement.</li>
 * <li>The newest key that has activated and is not retired signs; older ones keep verifying what they signed.</li>
 * <li>A key is retired {@link #RETIREMENT_GRACE} after the next newer key activated, when every token it signed
 * has expired; or when it was retired explicitly (an immediate replacement).</li>
 * </ul>
 * Immutable.
 */
public final class SigningKeySchedule {
    /** How long clients may cache {@code /identity/keys} (its {@code Cache-Control: max-age}). */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(5);
    /** How often every node re-reads the keys, should the change feed not tell it sooner. */
    public static final Duration RELOAD_INTERVAL = Duration.ofMinutes(1);
    /** How far the clocks of nodes and verifiers may be apart. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
    /**
     * How long a new key is published before it signs: every node has loaded it (a reload), every client's cached
     * key set has expired (a JWKS max-age), with the clock skew on top. Seven minutes.
     */
    public static final Duration PUBLICATION_LEAD = RELOAD_INTERVAL.plus(JWKS_MAX_AGE).plus(CLOCK_SKEW);
    /**
     * How long a key stays published after a newer one took over: the longest token lifetime an account may set,
     * and the clock skew. 61 minutes.
     */
    public static final Duration RETIREMENT_GRACE =
            Duration.ofSeconds(AccountSettings.MAX_ACCESS_TOKEN_LIFETIME_SECONDS).plus(CLOCK_SKEW);

    private final Instant now;
    private final List<SigningKeyStatus> statuses;
    private final int active;

    private SigningKeySchedule(Instant now, List<SigningKeyStatus> statuses, int active) {
        this.now = now;
        this.statuses = statuses;
        this.active = active;
    }

    /** The schedule of {@code keys} (oldest first, as {@link SigningKeyStore#all()} returns them) at {@code now}. */
    public static SigningKeySchedule of(List<StoredSigningKey> keys, Instant now) {
        int n = keys.size();
        Instant[] retiresAt = new Instant[n];
        boolean[] retired = new boolean[n];
        int active = -1;
        for (int i = 0; i < n; i++) {
            StoredSigningKey key = keys.get(i);
            retiresAt[i] = key.retiredAt() != null ? key.retiredAt()
                    : i + 1 < n ? keys.get(i + 1).activatesAt().plus(RETIREMENT_GRACE) : null;
            retired[i] = key.retiredAt() != null || (retiresAt[i] != null && !now.isBefore(retiresAt[i]));
            if (!retired[i] && !now.isBefore(key.activatesAt())) {
                active = i;
            }
        }
        List<SigningKeyStatus> statuses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StoredSigningKey key = keys.get(i);
            SigningKeyState state = retired[i] ? SigningKeyState.RETIRED
                    : now.isBefore(key.activatesAt()) ? SigningKeyState.PENDING
                    : i == active ? SigningKeyState.ACTIVE : SigningKeyState.RETIRING;
            statuses.add(new SigningKeyStatus(key.kid(), key.algorithm(), state, key.createdAt(), key.activatesAt(),
                    retiresAt[i]));
        }
        return new SigningKeySchedule(now, List.copyOf(statuses), active);
    }

    public Instant now() {
        return now;
    }

    /** Every key, retired ones included, oldest first. */
    public List<SigningKeyStatus> statuses() {
        return statuses;
    }

    /** The key that signs now; empty only while there is no key, or none has activated. */
    public Optional<SigningKeyStatus> active() {
        return active < 0 ? Optional.empty() : Optional.of(statuses.get(active));
    }

    /** The newest key published but not signing yet, if any. */
    public Optional<SigningKeyStatus> pending() {
        return statuses.reversed().stream().filter(s -> s.state() == SigningKeyState.PENDING).findFirst();
    }

    /** The newest key that is not retired (the active one, or one pending after it), if any. */
    public Optional<SigningKeyStatus> newestUnretired() {
        return statuses.reversed().stream().filter(s -> s.state() != SigningKeyState.RETIRED).findFirst();
    }

    public Optional<SigningKeyStatus> status(String kid) {
        return statuses.stream().filter(s -> s.kid().equals(kid)).findFirst();
    }

    /**
     * Whether a scheduled rotation is due: the active key has signed for {@code period} or longer and no newer key
     * is pending. Never for a zero period.
     */
    public boolean rotationDue(Duration period) {
        return !period.isZero() && pending().isEmpty()
                && active().filter(a -> !now.isBefore(a.activatesAt().plus(period))).isPresent();
    }

    /** The first instant after {@link #now()} at which a key activates or is retired; {@link Instant#MAX} if none. */
    public Instant nextChange() {
        Instant next = Instant.MAX;
        for (SigningKeyStatus s : statuses) {
            if (s.state() == SigningKeyState.RETIRED) {
                continue;
            }
            if (s.activatesAt().isAfter(now) && s.activatesAt().isBefore(next)) {
                next = s.activatesAt();
            }
            if (s.retiresAt() != null && s.retiresAt().isAfter(now) && s.retiresAt().isBefore(next)) {
                next = s.retiresAt();
            }
        }
        return next;
    }
}
