package dev.latchkey.core.token;

import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.SecretBox;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * All token-signing keys: the newest of the configured algorithm signs, every one verifies and is published
 * in the JWKS so tokens stay verifiable across a rotation. Keys are made on first start and kept sealed under the
 * master key. Thread-safe: the key list is replaced atomically.
 */
public final class SigningKeyRing {
    public static final String RS256 = "RS256";
    public static final String ES256 = "ES256";
    private static final DateTimeFormatter KID = DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    private final SigningKeyStore store;
    private final SecretBox box;
    private final Clock clock;
    private final String algorithm;
    private volatile List<SigningKey> keys = List.of();
    private volatile SigningKey active;

    public SigningKeyRing(SigningKeyStore store, SecretBox box, Clock clock, String algorithm) {
        if (!algorithm.equals(RS256) && !algorithm.equals(ES256)) {
            throw new IllegalArgumentException("token algorithm must be RS256 or ES256, not " + algorithm);
        }
        this.store = store;
        this.box = box;
        this.clock = clock;
        this.algorithm = algorithm;
    }

    /**
     * A loaded ring whose keys live in this process only, sealed under a fresh random master key: for a signer
     * that need not outlive the process (the benchmark's, tests').
     */
    public static SigningKeyRing inMemory(String algorithm) {
        SecureRandom random = new SecureRandom();
        byte[] masterKey = new byte[32];
        random.nextBytes(masterKey);
        SigningKeyRing ring = new SigningKeyRing(SigningKeyStore.inMemory(), new SecretBox(masterKey, random),
                Clock.systemUTC(), algorithm);
        ring.load();
        return ring;
    }

    /** Loads the stored keys, creating a first key of the configured algorithm when there is none. */
    public synchronized void load() {
        reload();
        if (findActive().isEmpty()) {
            rotate();
        }
    }

    /** Re-reads the store, e.g. when a token names a key id another node made. */
    public synchronized void reload() {
        keys = store.all().stream().map(this::open)
                .sorted(Comparator.comparing(SigningKey::createdAt).reversed()).toList();
        active = findActive().orElse(null);
    }

    /** Makes a new key of the configured algorithm and makes it the active one. Old keys keep verifying. */
    public synchronized SigningKey rotate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!keys.isEmpty() && !now.isAfter(keys.getFirst().createdAt())) {
            // the newest key is the active one: a rotation within the same millisecond must still come after it
            now = keys.getFirst().createdAt().plusMillis(1);
        }
        String kid = KID.format(now);
        int n = 1;
        while (find(kid).isPresent()) {
            kid = KID.format(now) + "-" + n++;
        }
        KeyPair pair = generate(algorithm);
        store.insert(new StoredSigningKey(kid, algorithm, pair.getPublic().getEncoded(),
                box.seal(pair.getPrivate().getEncoded(), SealedSecret.SIGNING_KEY.context(kid)), now));
        reload();
        return find(kid).orElseThrow();
    }

    /** Whether a key to sign with is loaded (a readiness check). */
    public boolean hasActiveKey() {
        return active != null;
    }

    public SigningKey active() {
        SigningKey key = active;
        if (key == null) {
            throw new IllegalStateException("signing keys are not loaded");
        }
        return key;
    }

    public Optional<SigningKey> find(String kid) {
        return keys.stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    public List<SigningKey> all() {
        return keys;
    }

    private Optional<SigningKey> findActive() {
        return keys.stream().filter(k -> k.algorithm().equals(algorithm)).findFirst();
    }

    private SigningKey open(StoredSigningKey stored) {
        try {
            KeyFactory factory = KeyFactory.getInstance(stored.algorithm().equals(RS256) ? "RSA" : "EC");
            byte[] privateDer = box.open(stored.sealedPrivateKey(), SealedSecret.SIGNING_KEY.context(stored.kid()));
            KeyPair pair = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(stored.publicKey())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
            return new SigningKey(stored.kid(), stored.algorithm(), pair, stored.createdAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + stored.kid() + " cannot be read", e);
        }
    }

    private static KeyPair generate(String algorithm) {
        try {
            if (algorithm.equals(RS256)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }
}
