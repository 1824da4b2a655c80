package dev.latchkey.adapters.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SigningThreadsTest {

    @Test
    void aVirtualThreadHasItsTokenSignedOnAPlatformThreadAndAPlatformThreadSignsItself() throws Exception {
        AtomicReference<Thread> signedOn = new AtomicReference<>();
        try (SigningThreads threads = new SigningThreads(claims -> {
            signedOn.set(Thread.currentThread());
            return "signed";
        }, 1)) {
            AtomicReference<String> result = new AtomicReference<>();
            Thread.ofVirtual().start(() -> result.set(threads.sign(null))).join();
            assertThat(result.get()).isEqualTo("signed");
            assertThat(signedOn.get().isVirtual()).isFalse();
            assertThat(signedOn.get().getName()).isEqualTo("latchkey-signer");

            assertThat(threads.sign(null)).isEqualTo("signed");
            assertThat(signedOn.get()).as("not a virtual thread: signs itself").isSameAs(Thread.currentThread());
        }
    }

    @Test
    void aFailureReachesTheCallerAsItWasThrown() throws Exception {
        try (SigningThreads threads = new SigningThreads(claims -> {
            throw new IllegalStateException("no active signing key");
        }, 1)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread.ofVirtual().start(() -> {
                try {
                    threads.sign(null);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
            }).join();
            assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessage("no active signing key");
        }
    }
}
