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
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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

        RateWindow rate = new RateWindow(threads);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers[t] = Thread.ofPlatform().daemon().name("sign-" + t).start(() -> {
                long n = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    if (signer.sign(claims()).isEmpty()) {
                        throw new IllegalStateException("empty token");
                    }
                    rate.done(worker, ++n);
                }
            });
        }
        RateWindow.Window w = rate.measure(warmup, seconds);
        for (Thread worker : workers) {
            worker.interrupt();
        }

        System.out.printf(Locale.ROOT, "RESULT signs_per_s=%.1f threads=%d alg=%s provider=%s duration_s=%.3f"
                        + " warmup_s=%.1f signs=%d cpu_cores=%.2f cpu_us_per_sign=%.1f token_bytes=%d cores=%d%n",
                w.perSecond(), threads, alg, provider.replace(' ', '_'), w.wallSeconds(), warmup, w.operations(),
                w.cpuCores(), w.cpuMicrosPerOperation(), sample.length(), Runtime.getRuntime().availableProcessors());
        System.exit(0);
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
