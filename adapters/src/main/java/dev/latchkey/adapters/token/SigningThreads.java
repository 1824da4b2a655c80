package dev.latchkey.adapters.token;

import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.TokenSigner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs signatures on a few platform threads, one per core, instead of on the request's virtual thread. An RS256
 * signature is a millisecond of CPU with no point at which a virtual thread yields its carrier; with every carrier
 * signing, the virtual threads that read requests, write answers and serve other routes wait until a signature
 * ends, and under saturation some requests waited hundreds of milliseconds. Here the request's virtual thread
 * parks while a platform thread signs, the operating system shares the cores among the signing threads and the
 * carriers preemptively, and nothing else waits behind a signature. A caller that is not a virtual thread signs
 * itself. Thread-safe.
 */
public final class SigningThreads implements TokenSigner, AutoCloseable {
    private final TokenSigner delegate;
    private final ExecutorService pool;

    public SigningThreads(TokenSigner delegate, int threads) {
        this.delegate = delegate;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "latchkey-signer");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String sign(AccessTokenClaims claims) {
        if (!Thread.currentThread().isVirtual()) {
            return delegate.sign(claims);
        }
        Future<String> signed = pool.submit(() -> delegate.sign(claims));
        try {
            return signed.get();
        } catch (InterruptedException e) {
            signed.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an access token was signed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("signing an access token failed", e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
