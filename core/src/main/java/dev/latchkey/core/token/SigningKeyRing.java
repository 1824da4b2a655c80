package dev.latchkey.core.token;

import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.common.Transactor;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's token-signing keys, in the states {@link SigningKeySchedule} gives them at the clock's instant: the
 * active key signs, every published key verifies and is in the JWKS. Keys are stored sealed under the master key;
 * the ring makes the first one, rotations (published ahead of signing, on request or on schedule; or at once, which
 * retires every other key) and retirements. Thread-safe: the loaded keys are replaced atomically, and the hot path
 * reads a view of them that is worked out again only when a key activates or retires.
 */
public final class SigningKeyRing {
    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyRing.class);
    private static final DateTimeFormatter KID = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);
    /** Rotations lost to other nodes' before one is given up (each loss means another node just made a key). */
    private static final int ATTEMPTS = 3;

    private final SigningKeyStore store;
    private final Transactor tx;
    private final SecretBox box;
    private final Clock clock;
    private final String algorithm;
    private volatile Loaded loaded = new Loaded(List.of(), Map.of());
    private volatile View view;

    /** The stored keys, oldest first, and those not retired in the store opened, by kid. */
    private record Loaded(List<StoredSigningKey> stored, Map<String, SigningKey> opened) {
    }

    /** The loaded keys at one instant, which holds until {@code validUntil}. */
    private record View(Loaded source, SigningKeySchedule schedule, SigningKey active, List<SigningKey> published,
                        Map<String, SigningKey> publishedByKid, Instant validUntil) {
    }

    /** @param algorithm of the keys this node makes ({@code --token-alg}); it signs with whichever key is active */
    public SigningKeyRing(SigningKeyStore store, Transactor tx, SecretBox box, Clock clock, String algorithm) {
        if (!algorithm.equals(RS256) && !algorithm.equals(ES256)) {
            throw new IllegalArgumentException("token algorithm must be RS256 or ES256, not " + algorithm);
        }
        this.store = store;
        this.tx = tx;
        this.box = box;
        this.clock = clock;
        this.algorithm = algorithm;
        this.view = compute(loaded, clock.instant());
    }

    /**
     * A loaded ring whose keys live in this process only, sealed under a fresh random master key: for a signer
     * that need not outlive the process (the benchmark's, tests').
     */
    public static SigningKeyRing inMemory(String algorithm) {
        SecureRandom random = new SecureRandom();
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        Transactor direct = new Transactor() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
        SigningKeyRing ring = new SigningKeyRing(SigningKeyStore.inMemory(), direct,
                new SecretBox(masterKey, random), Clock.systemUTC(), algorithm);
        ring.load();
        return ring;
    }

    /**
     * Loads the stored keys. On an empty database it makes the first key, which signs at once. When the newest key
     * is of another algorithm than this node's ({@code --token-alg} changed), it publishes one of this node's, which
     * signs after {@link SigningKeySchedule#PUBLICATION_LEAD}.
     */
    public synchronized void load() {
        load(null);
    }

    /**
     * As {@link #load()}, with the key pair of the first key (when this call makes it) taken from {@code ahead}: one
     * {@link #newKeyPair} began on another thread while the database was opened, so that a first start need not
     * wait for it. A pair that is not of this node's algorithm, or that could not be made, is not used; nor is
     * {@code ahead} when the database has a signing key already.
     */
    public synchronized void load(Future<KeyPair> ahead) {
        reload();
        if (schedule().active().isEmpty()) {
            create(true, ahead); // the first key; lost only to another node making it at the same moment
            if (schedule().active().isEmpty()) {
                replaceNow(); // keys, but none that can sign: only an immediate replacement helps
            }
        } else if (!schedule().newestUnretired().orElseThrow().algorithm().equals(algorithm)) {
            publishNext();
        }
    }

    /** Re-reads the store for keys other nodes made or retired: on the change feed's word, each minute, a new kid. */
    public synchronized void reload() {
        Map<String, SigningKey> previous = loaded.opened();
        List<StoredSigningKey> stored = store.all();
        Map<String, SigningKey> opened = new HashMap<>();
        for (StoredSigningKey key : stored) {
            if (key.retiredAt() == null) {
                SigningKey known = previous.get(key.kid());
                opened.put(key.kid(), known != null ? known : SigningKeyPairs.open(key, box));
            }
        }
        loaded = new Loaded(List.copyOf(stored), Map.copyOf(opened));
        view = compute(loaded, clock.instant());
    }

    /**
     * Publishes a new key of this node's algorithm that signs from {@link SigningKeySchedule#PUBLICATION_LEAD} on,
     * unless a key is pending already (this node's or another's): empty then.
     */
    public synchronized Optional<SigningKeyStatus> publishNext() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            reload();
            if (schedule().pending().isPresent()) {
                return Optional.empty();
            }
            Optional<SigningKeyStatus> made = create(false);
            if (made.isPresent()) {
                return made;
            }
        }
        return Optional.empty();
    }

    /**
     * Makes a new key that signs at once and retires every other key now, so that the tokens they signed are refused:
     * for a key that may have leaked. Clients learn the new key when they fetch the JWKS again.
     */
    public synchronized SigningKeyStatus replaceNow() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            reload();
            Optional<SigningKeyStatus> made = create(true);
            if (made.isPresent()) {
                return made.get();
            }
        }
        throw new IllegalStateException("other nodes kept making signing keys; the replacement was given up");
    }

    /**
     * The scheduled work of every node: reads the keys again, publishes a new one when the active key has signed for
     * {@code rotation} (none for {@link Duration#ZERO}) and none is pending, and records the retirements that are due.
     */
    public void maintain(Duration rotation) {
        reload();
        if (schedule().rotationDue(rotation)) {
            publishNext();
        }
        retireDue();
    }

    /**
     * Records in the store the retirements the schedule says are due, erasing the keys' private halves; returns how
     * many this call recorded (another node may have recorded them first).
     */
    public synchronized int retireDue() {
        int retired = 0;
        Map<String, StoredSigningKey> stored = new HashMap<>();
        loaded.stored().forEach(k -> stored.put(k.kid(), k));
        for (SigningKeyStatus status : schedule().statuses()) {
            if (status.state() == SigningKeyState.RETIRED && stored.get(status.kid()).retiredAt() == null
                    && store.retire(status.kid(), status.retiresAt())) {
                LOG.info("token-signing key {} retired (as of {}): it is no longer published, the tokens it signed "
                        + "have expired, and its private key is erased", status.kid(), status.retiresAt());
                retired++;
            }
        }
        if (retired > 0) {
            reload();
        }
        return retired;
    }

    /** Whether a key to sign with is loaded (a readiness check). */
    public boolean hasActiveKey() {
        return view().active() != null;
    }

    /** The key that signs now. */
    public SigningKey active() {
        SigningKey key = view().active();
        if (key == null) {
            throw new IllegalStateException("signing keys are not loaded");
        }
        return key;
    }

    /** A published key (pending, active or retiring) by kid. */
    public Optional<SigningKey> find(String kid) {
        return Optional.ofNullable(view().publishedByKid().get(kid));
    }

    /** The published keys, newest first: what {@code /identity/keys} lists. */
    public List<SigningKey> published() {
        return view().published();
    }

    /** Every key's state now, retired ones included, oldest first. */
    public SigningKeySchedule schedule() {
        return view().schedule();
    }

    private View view() {
        View v = view;
        Loaded current = loaded;
        Instant now = clock.instant();
        if (v.source() == current && now.isBefore(v.validUntil()) && !now.isBefore(v.schedule().now())) {
            return v;
        }
        View fresh = compute(current, now);
        view = fresh;
        return fresh;
    }

    private static View compute(Loaded loaded, Instant now) {
        SigningKeySchedule schedule = SigningKeySchedule.of(loaded.stored(), now);
        List<SigningKey> published = new ArrayList<>();
        Map<String, SigningKey> byKid = new HashMap<>();
        for (SigningKeyStatus status : schedule.statuses().reversed()) {
            if (status.state().published()) {
                SigningKey key = loaded.opened().get(status.kid());
                published.add(key);
                byKid.put(key.kid(), key);
            }
        }
        SigningKey active = schedule.active().map(a -> loaded.opened().get(a.kid())).orElse(null);
        return new View(loaded, schedule, active, List.copyOf(published), Map.copyOf(byKid), schedule.nextChange());
    }

    /** A new key pair for tokens of {@code algorithm} ({@link #RS256} or {@link #ES256}), for {@link #load(Future)}. */
    public static KeyPair newKeyPair(String algorithm) {
        return SigningKeyPairs.generate(algorithm);
    }

    /** The pair {@code ahead} holds when it is of this node's algorithm; else a new one. */
    private KeyPair pair(Future<KeyPair> ahead) {
        if (ahead != null) {
            try {
                KeyPair pair = ahead.get();
                if (pair.getPublic().getAlgorithm().equals(algorithm.equals(RS256) ? "RSA" : "EC")) {
                    return pair;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException e) {
                // made here instead, where a failure is reported as it always was
            }
        }
        return SigningKeyPairs.generate(algorithm);
    }

    private Optional<SigningKeyStatus> create(boolean immediate) {
        return create(immediate, null);
    }

    /**
     * One attempt at a new key of this node's algorithm after the newest stored one: signing at once and retiring
     * every other key ({@code immediate}), or after the publication lead. Empty when another node made a key after
     * the same one first; reloaded either way. The pair comes from {@code ahead} when it holds one ({@link #pair}).
     */
    private Optional<SigningKeyStatus> create(boolean immediate, Future<KeyPair> ahead) {
        List<StoredSigningKey> stored = loaded.stored();
        StoredSigningKey newest = stored.isEmpty() ? null : stored.getLast();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant created = newest != null && !now.isAfter(newest.createdAt())
                ? newest.createdAt().plusMillis(1) // the newest key must stay the newest by creation time too
                : now;
        String kid = KID.format(created);
        for (int n = 1; known(stored, kid); n++) {
            kid = KID.format(created) + "-" + n;
        }
        Instant activates = immediate ? now : created.plus(SigningKeySchedule.PUBLICATION_LEAD);
        KeyPair pair = pair(ahead);
        StoredSigningKey key = new StoredSigningKey(kid, algorithm, pair.getPublic().getEncoded(),
                SigningKeyPairs.seal(pair, kid, box), created, activates, null,
                newest == null ? StoredSigningKey.FIRST : newest.kid());
        SigningKeySchedule before = SigningKeySchedule.of(stored, now);
        boolean inserted = tx.inTransaction(() -> {
            if (!store.insert(key)) {
                return false;
            }
            if (immediate) {
                before.statuses().stream().filter(s -> s.state() != SigningKeyState.RETIRED)
                        .forEach(s -> store.retire(s.kid(), now));
            }
            return true;
        });
        reload();
        if (!inserted) {
            return Optional.empty();
        }
        if (newest == null) {
            LOG.info("made the first token-signing key {} ({}); it signs from now on", kid, algorithm);
        } else if (immediate) {
            LOG.warn("token-signing key {} ({}) signs from now on; every other key is retired at once and the tokens "
                    + "they signed are refused", kid, algorithm);
        } else {
            LOG.info("published token-signing key {} ({}); it signs from {}", kid, algorithm, activates);
        }
        return schedule().status(kid);
    }

    private static boolean known(List<StoredSigningKey> stored, String kid) {
        return stored.stream().anyMatch(k -> k.kid().equals(kid));
    }
}
