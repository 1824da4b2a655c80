package dev.latchkey.bench;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapters.token.JcaTokenSigner;
import dev.latchkey.app.CryptoProvider;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import java.lang.management.ManagementFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bare signing rate: the server's own {@link JcaTokenSigner}, with the JCA provider installed exactly as
 * the server installs it, signing IBM-shaped claim sets on N threads with no HTTP, lookup or JSON around it.
 * It is the ceiling for {@code POST /identity/token} on the same cores.
 *
 * <p>Usage: {@code java -cp latchkey-bench.jar dev.latchkey.bench.SignRate [RS256|ES256] [threads] [seconds]
 * [warmupSeconds]} (defaults RS256, one thread per core, 10, 5). Prints one line
 * {@code RESULT signs_per_s=... threads=... alg=... provider=... ...}.
 */
public final class SignRate {
    private static final int STRIDE = 16; // one counter per 128 bytes, so threads do not share a cache line

    private SignRate() {
    }

    public static void main(String[] args) throws Exception {
        String alg = args.length > 0 ? args[0].toUpperCase(Locale.ROOT) : SigningKeyRing.RS256;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
        double warmup = args.length > 3 ? Double.parseDouble(args[3]) : 5;
        if (threads < 1 || seconds <= 0 || warmup < 0) {
            throw new IllegalArgumentException("usage: SignRate [RS256|ES256] [threads>=1] [seconds>0] [warmupSeconds>=0]");
        }

        String provider = CryptoProvider.install();
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        JcaTokenSigner signer = new JcaTokenSigner(ring);

        String sample = signer.sign(claims());
        check(sample, ring.active());

        AtomicLongArray counts = new AtomicLongArray(threads * STRIDE);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int slot = t * STRIDE;
            workers[t] = Thread.ofPlatform().daemon().name("sign-" + t).start(() -> {
                long n = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    if (signer.sign(claims()).isEmpty()) {
                        throw new IllegalStateException("empty token");
                    }
                    counts.lazySet(slot, ++n);
                }
            });
        }
        Thread.sleep((long) (warmup * 1000));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long c0 = sum(counts);
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long c1 = sum(counts);
        long cpu1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        for (Thread w : workers) {
            w.interrupt();
        }

        double wall = (t1 - t0) / 1e9;
        long signs = c1 - c0;
        double cpuSeconds = (cpu1 - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "RESULT signs_per_s=%.1f threads=%d alg=%s provider=%s duration_s=%.3f"
                        + " warmup_s=%.1f signs=%d cpu_cores=%.2f cpu_us_per_sign=%.1f token_bytes=%d cores=%d%n",
                signs / wall, threads, alg, provider.replace(' ', '_'), wall, warmup, signs, cpuSeconds / wall,
                signs == 0 ? 0 : cpuSeconds * 1e6 / signs, sample.length(),
                Runtime.getRuntime().availableProcessors());
        System.exit(0);
    }

    private static long sum(AtomicLongArray counts) {
        long s = 0;
        for (int i = 0; i < counts.length(); i += STRIDE) {
            s += counts.get(i);
        }
        return s;
    }

    /** A user token's claims as {@code TokenService} builds them, with a fresh jti and times per call. */
    private static AccessTokenClaims claims() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String iamId = "IBMid-" + (char) ('A' + r.nextInt(26)) + "50BENCH0" + r.nextInt(10);
        return new AccessTokenClaims(new UUID(r.nextLong(), r.nextLong()).toString(), iamId,
                iamId.substring(iamId.indexOf('-') + 1), "IBMid", "user", "admin@latchkey.local", "Latchkey Admin",
                "Latchkey", "Admin", "admin@latchkey.local", "0c3c4a7e2f1b4d6a9e8f7a6b5c4d3e2f", now,
                now.plusSeconds(3600), "http://127.0.0.1:8080/identity", AccessTokenClaims.GRANT_APIKEY, "default");
    }

    /** Fails fast when the signer did not produce a verifiable token of the requested algorithm. */
    private static void check(String token, SigningKey key) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.getHeader().getAlgorithm().getName().equals(key.algorithm())) {
            throw new IllegalStateException("signed with " + jwt.getHeader().getAlgorithm() + ", expected " + key.algorithm());
        }
        JWSVerifier verifier = key.algorithm().equals(SigningKeyRing.RS256)
                ? new RSASSAVerifier((RSAPublicKey) key.keyPair().getPublic())
                : new ECDSAVerifier((ECPublicKey) key.keyPair().getPublic());
        if (!jwt.verify(verifier)) {
            throw new IllegalStateException("the sample token does not verify");
        }
    }
}
