package dev.latchkey.bench;

import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.store.Database;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.store.BatchingReader;
import dev.latchkey.store.apikey.CachingApiKeyStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The bare key-lookup rate on PostgreSQL: the node's own path for a cache miss ({@link CachingApiKeyStore#missReader}:
 * the misses waiting at one moment read in one statement, {@link JdbcApiKeyStore#findByHashesWithLinks}), through a
 * pool of the node's default size ({@link Database#defaultPoolSize}), on N virtual threads as requests run, each
 * drawing a key uniformly from a {@code bench/scale.sh} keys file and hashing it as the token path does. No HTTP,
 * cache, signing or JSON. It is what the database and the client side cost per miss on these cores: the second
 * ceiling, beside the sign rate, of a uniform draw over a million keys. N threads that do nothing but look up keep
 * more misses waiting together than a node's requests do, so it is the cost at its lowest.
 *
 * <p>Usage: {@code java -cp latchkey-bench.jar dev.latchkey.bench.LookupRate <jdbc-url> <user> <keys-file> [threads]
 * [seconds] [warmupSeconds] [maxBatch] [concurrency]} (defaults 16, 10, 5, 0). {@code maxBatch} 0 is the node's
 * reader; -1 sends each lookup as a statement of its own, as a miss was read before decision 0050; a positive one is
 * a reader of that many keys a statement and {@code concurrency} statements at once. Every drawn key must be found
 * (it fails otherwise). Prints one line {@code RESULT lookups_per_s=... threads=... pool=... cpu_cores=...
 * cpu_us_per_lookup=...}; the CPU is this process's (the client side), the database's is measured by the caller.
 */
public final class LookupRate {
    private LookupRate() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException(
                    "usage: LookupRate <jdbc-url> <user> <keys-file> [threads>=1] [seconds>0] [warmupSeconds>=0] "
                            + "[maxBatch: 0 the node's, -1 none, or N] [concurrency>=1 with N]");
        }
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        double seconds = args.length > 4 ? Double.parseDouble(args[4]) : 10;
        double warmup = args.length > 5 ? Double.parseDouble(args[5]) : 5;
        int batch = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        int concurrency = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        if (threads < 1 || seconds <= 0 || warmup < 0 || batch < -1 || (batch > 0 && concurrency < 1)) {
            throw new IllegalArgumentException("threads must be at least 1, seconds above 0, warm-up not negative, "
                    + "and a positive maxBatch needs a concurrency of at least 1");
        }
        Keys keys = Keys.read(Path.of(args[2]));
        try (Database db = Database.open(args[0], args[1], null, Database.AUTO_POOL_SIZE)) {
            JdbcApiKeyStore store = new JdbcApiKeyStore(db.jdbi(), db.changes(), db.isPostgres());
            Function<String, FoundKey> miss = batch == 0 ? CachingApiKeyStore.missReader(store, db::holdsConnection)
                    : batch < 0 ? h -> store.findByHashWithLinks(h).orElse(null)
                    : new BatchingReader<>("lookup", store::findByHashesWithLinks, db::holdsConnection, batch, concurrency);
            RateWindow rate = new RateWindow(threads);
            AtomicLong missing = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int worker = t;
                workers[t] = Thread.ofVirtual().name("lookup-" + t).start(() -> {
                    long n = 0;
                    try {
                        while (!stop.get()) {
                            String hash = ApiKeyHash.of(keys.draw());
                            if (miss.apply(hash) == null) {
                                missing.incrementAndGet();
                            }
                            rate.done(worker, ++n);
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            RateWindow.Window w = rate.measure(warmup, seconds);
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(10_000);
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a lookup failed", failure.get());
            }
            if (missing.get() > 0) {
                throw new IllegalStateException(missing.get() + " drawn key(s) were not found: is " + args[2]
                        + " the keys file of this schema?");
            }
            System.out.printf(Locale.ROOT, "RESULT lookups_per_s=%.1f threads=%d pool=%d keys=%d duration_s=%.3f"
                            + " warmup_s=%.1f lookups=%d cpu_cores=%.2f cpu_us_per_lookup=%.1f cores=%d%n",
                    w.perSecond(), threads, Database.defaultPoolSize(db.isPostgres()), keys.count(), w.wallSeconds(),
                    warmup, w.operations(), w.cpuCores(), w.cpuMicrosPerOperation(),
                    Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }

    /**
     * The keys file held as one string, a key cut out of it by offset: every line is one key of one length (as
     * {@code ScaleLoad} writes them), so a million keys are one string instead of a million.
     */
    private record Keys(String data, int width) {
        static Keys read(Path file) throws IOException {
            String data = Files.readString(file, StandardCharsets.US_ASCII);
            int first = data.indexOf('\n');
            if (first <= 0 || data.length() % (first + 1) != 0) {
                throw new IllegalArgumentException(file + " is not a file of keys of one length, one per line");
            }
            return new Keys(data, first + 1);
        }

        int count() {
            return data.length() / width;
        }

        String draw() {
            int start = ThreadLocalRandom.current().nextInt(count()) * width;
            return data.substring(start, start + width - 1);
        }
    }
}
