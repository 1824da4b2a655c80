package dev.latchkey.core.session;

import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.token.TokenOutcome;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import dev.latchkey.core.common.Principal;

/**
 * Opens, finds and ends console sessions. A session is opened only from a token the token service issued, for that
 * token's identity and account and until that token's expiry: the console signs in by the token endpoint's rules
 * (password throttle, IP allow-list, membership) and adds none. The cookie value is 256 random bits; the store
 * keeps its SHA-256 only, so a copy of the database opens no session.
 */
public final class SessionService {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private final SessionStore store;
    private final BiPredicate<String, String> mayStillAct;
    private final Predicate<Principal> admitted;
    private final SecureRandom random;
    private final Clock clock;

    /** @param mayStillAct whether an identity may still act in an account (asked on every request of a session) */
    public SessionService(SessionStore store, BiPredicate<String, String> mayStillAct, SecureRandom random,
                          Clock clock) {
        this(store, mayStillAct, principal -> true, random, clock);
    }

    /**
     * @param admitted whether the account admits the session's principal by its external identity interaction
     *                 setting (decision 0034), asked on every request of a session too
     */
    public SessionService(SessionStore store, BiPredicate<String, String> mayStillAct, Predicate<Principal> admitted,
                          SecureRandom random, Clock clock) {
        this.store = store;
        this.mayStillAct = mayStillAct;
        this.admitted = admitted;
        this.random = random;
        this.clock = clock;
    }

    /** A new session and the cookie value that names it (shown once, to the browser). */
    public record Opened(Secret cookie, ConsoleSession session) {
    }

    /** A session for the identity and account of {@code issued}, ending when that token does. */
    public Opened open(TokenOutcome.Issued issued) {
        Secret cookie = new Secret(randomToken());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ConsoleSession session = new ConsoleSession(ApiKeyHash.of(cookie), issued.iamId(), issued.accountId(),
                randomToken(), now, Instant.ofEpochSecond(issued.expiration()), issued.authnAccountId());
        store.insert(session);
        return new Opened(cookie, session);
    }

    /**
     * The live session the cookie names: stored, not expired, its holder may still act in its account, and the
     * account admits it (external identity interactions).
     */
    public Optional<ConsoleSession> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
            return Optional.empty();
        }
        return store.find(ApiKeyHash.of(cookie))
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .filter(s -> mayStillAct.test(s.iamId(), s.accountId()))
                .filter(s -> admitted.test(s.principal()));
    }

    /** Ends the session the cookie names, if any (signing out). */
    public void close(String cookie) {
        if (cookie != null && !cookie.isEmpty() && cookie.length() <= 100) {
            store.delete(ApiKeyHash.of(cookie));
        }
    }

    /** Ends every session of an identity, in every account (its password changed). */
    public int closeAllOf(String iamId) {
        return store.deleteAllOf(iamId);
    }

    /** Whether {@code presented} is the session's CSRF token, compared in constant time. */
    public static boolean csrfMatches(ConsoleSession session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes ended sessions; the background work calls it now and then. */
    public int pruneExpired() {
        return store.deleteExpired(clock.instant());
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }
}
