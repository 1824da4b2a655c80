package dev.latchkey.store;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Remembers, lossily, which keys a full cache missed lately, so that it keeps a value only on a key's second miss
 * (decision record 0055). Two generations of a Bloom filter: a key is remembered while it is in either; every
 * {@code span} keys remembered, the older generation is cleared and becomes the current one. So a key missed again
 * within the last {@code span} to {@code 2 × span} misses is let in, and a key missed once is not; a few keys are let
 * in that were not missed before (about 3 % per generation, at eight bits per key and three probes).
 *
 * <p>Both generations are {@code long}s in one array (no objects for the collector to trace). Thread-safe: bits are
 * set with atomic updates; a miss that races a generation change may be remembered in the generation being cleared,
 * which costs that key one more miss, nothing else.
 */
final class Doorkeeper {
    private static final int PROBES = 3;

    private final AtomicLongArray bits;
    /** Words per generation, a power of two; generation {@code g} holds words {@code g × words} to the next's first. */
    private final int words;
    private final int span;
    private final AtomicInteger remembered = new AtomicInteger();
    private volatile int current;

    /** Remembers between {@code span} and {@code 2 × span} recent misses ({@code span} ≥ 1). */
    Doorkeeper(int span) {
        this.span = span;
        long wanted = (span * 8L + 63) / 64;
        int w = 1;
        while (w < wanted && w < 1 << 24) {
            w <<= 1;
        }
        this.words = w;
        this.bits = new AtomicLongArray(2 * words);
    }

    /**
     * Whether {@code key} was missed lately; if not, it is remembered now, so that its next miss is let in.
     */
    boolean letIn(String key) {
        int h = spread(key.hashCode());
        int step = spread(h) | 1;
        int gen = current;
        boolean seen = contains(gen, h, step) || contains(1 - gen, h, step);
        if (!seen) {
            remember(gen, h, step);
        }
        return seen;
    }

    private boolean contains(int gen, int h, int step) {
        for (int i = 0; i < PROBES; i++) {
            int bit = h + i * step;
            if ((bits.get(word(gen, bit)) & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private void remember(int gen, int h, int step) {
        for (int i = 0; i < PROBES; i++) {
            int bit = h + i * step;
            long mask = 1L << bit;
            int word = word(gen, bit);
            if ((bits.get(word) & mask) == 0) {
                bits.getAndUpdate(word, w -> w | mask);
            }
        }
        if (remembered.incrementAndGet() == span) {
            remembered.set(0);
            int older = 1 - gen;
            for (int i = older * words; i < (older + 1) * words; i++) {
                bits.set(i, 0);
            }
            current = older;
        }
    }

    /** The word holding {@code bit} (its low six bits pick the bit within the word) of generation {@code gen}. */
    private int word(int gen, int bit) {
        return gen * words + ((bit >>> 6) & (words - 1));
    }

    /** A murmur3-style finaliser: the probes must not follow String.hashCode's weak low bits. */
    private static int spread(int x) {
        x ^= x >>> 16;
        x *= 0x85ebca6b;
        x ^= x >>> 13;
        x *= 0xc2b2ae35;
        return x ^ (x >>> 16);
    }
}
