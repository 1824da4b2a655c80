package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Transactor;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Counts key authentications in memory and writes them to the store in batches, so the token hot path never
 * writes to the database: each key's latest use and count ({@link ApiKeyStore#addActivity}) and its uses per UTC day
 * ({@link KeyUsageStore}), in one transaction. {@link #flush()} is called on a schedule and at shutdown; a crash
 * loses at most one interval of counts. Thread-safe.
 */
public final class ActivityRecorder {
    private final ApiKeyStore store;
    private final KeyUsageStore usage;
    private final Transactor tx;
    private final ConcurrentHashMap<String, Unwritten> pending = new ConcurrentHashMap<>();
    /**
     * Readers hold it shared, a flush exclusively from taking its batch until it committed or put it back, so that a
     * reader never sees uses that are neither pending nor stored. {@link #record} never takes it. A reader waits for
     * it at most {@link #READ_WAIT_MILLIS} and then reads without it (a reader inside a transaction must never wait
     * on a flush that waits on that transaction).
     */
    private final ReadWriteLock flushing = new ReentrantReadWriteLock();

    private static final long READ_WAIT_MILLIS = 2_000;

    public ActivityRecorder(ApiKeyStore store, KeyUsageStore usage, Transactor tx) {
        this.store = store;
        this.usage = usage;
        this.tx = tx;
    }

    public void record(String keyId, Instant at) {
        pending.merge(keyId, Unwritten.one(keyId, at), Unwritten::plus);
    }

    /** Stored activity plus what has not been flushed yet. */
    public Activity activity(String keyId) {
        boolean locked = lockForReading();
        try {
            Activity stored = store.activity(keyId);
            Unwritten unflushed = pending.get(keyId);
            return unflushed == null ? stored : stored.plus(unflushed.activity());
        } finally {
            if (locked) {
                flushing.readLock().unlock();
            }
        }
    }

    /** Stored uses per UTC day from {@code from} to {@code to} (both included) plus what has not been flushed yet. */
    public Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to) {
        Map<LocalDate, Long> days;
        Unwritten unflushed;
        boolean locked = lockForReading();
        try {
            days = new TreeMap<>(usage.usage(keyId, from, to));
            unflushed = pending.get(keyId);
        } finally {
            if (locked) {
                flushing.readLock().unlock();
            }
        }
        if (unflushed != null) {
            unflushed.days().forEach((epochDay, count) -> {
                LocalDate day = LocalDate.ofEpochDay(epochDay);
                if (!day.isBefore(from) && !day.isAfter(to)) {
                    days.merge(day, count, Long::sum);
                }
            });
        }
        return days;
    }

    private boolean lockForReading() {
        try {
            return flushing.readLock().tryLock(READ_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        flushing.writeLock().lock();
        try {
            write();
        } finally {
            flushing.writeLock().unlock();
        }
    }

    private void write() {
        List<Unwritten> taken = new ArrayList<>(pending.size());
        for (String keyId : pending.keySet()) {
            Unwritten unwritten = pending.remove(keyId);
            if (unwritten != null) {
                taken.add(unwritten);
            }
        }
        // In key order, so that nodes writing the same keys at once lock their rows in the same order.
        taken.sort(Comparator.comparing(Unwritten::keyId));
        KeyUses.Builder batch = KeyUses.builder(taken.size());
        for (Unwritten unwritten : taken) {
            batch.key(unwritten.keyId, unwritten.lastAuthn, unwritten.count);
            if (unwritten.otherDays.isEmpty()) {
                batch.day(unwritten.day, unwritten.dayCount);
            } else {
                unwritten.days().forEach(batch::day);
            }
        }
        KeyUses uses = batch.build();
        try {
            tx.inTransaction(() -> {
                store.addActivity(uses);
                usage.add(uses);
                return null;
            });
        } catch (RuntimeException e) {
            taken.forEach(unwritten -> pending.merge(unwritten.keyId, unwritten, Unwritten::plus));
            throw e;
        }
    }

    /**
     * Deletes the usage days that fell out of the {@value KeyUsage#RETENTION_DAYS} days kept at {@code now}, and
     * the activity that a flush racing a key's deletion left behind ({@link ApiKeyStore#deleteActivityOfDeletedKeys}).
     *
     * @return how many key-days were deleted
     */
    public int pruneUsage(Instant now) {
        store.deleteActivityOfDeletedKeys();
        return usage.deleteBefore(KeyUsage.firstKeptDay(now));
    }

    /**
     * One key's uses not written yet: the latest and how many, and how many fell on each UTC day. Nearly always all
     * on one day ({@code day}, {@code dayCount}); uses on other days (a batch across midnight, or one kept back while
     * the database was away) are in {@code otherDays}, by epoch day. Merging a use on the same day makes one object,
     * as the activity alone did. The key id is the pending map's key too (the same string), so that a flush can sort
     * and write what it took without a map of its own.
     */
    private record Unwritten(String keyId, Instant lastAuthn, long count, long day, long dayCount,
            Map<Long, Long> otherDays) {
        static Unwritten one(String keyId, Instant at) {
            return new Unwritten(keyId, at, 1, KeyUsage.epochDayOf(at), 1, Map.of());
        }

        Activity activity() {
            return new Activity(lastAuthn, count);
        }

        Unwritten plus(Unwritten more) {
            Instant last = more.lastAuthn.isAfter(lastAuthn) ? more.lastAuthn : lastAuthn;
            if (more.day == day && more.otherDays.isEmpty()) {
                return new Unwritten(keyId, last, count + more.count, day, dayCount + more.dayCount, otherDays);
            }
            TreeMap<Long, Long> all = new TreeMap<>(days());
            more.days().forEach((d, n) -> all.merge(d, n, Long::sum));
            Map.Entry<Long, Long> latest = all.pollLastEntry();
            return new Unwritten(keyId, last, count + more.count, latest.getKey(), latest.getValue(), Map.copyOf(all));
        }

        /** Uses by epoch day. */
        Map<Long, Long> days() {
            Map<Long, Long> days = new TreeMap<>(otherDays);
            days.merge(day, dayCount, Long::sum);
            return days;
        }
    }
}
