package dev.latchkey.core.apikey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One activity flush's uses of keys, as {@link ActivityRecorder} hands them to the stores: per key its latest use and
 * how many ({@link ApiKeyStore#addActivity}), and per key and UTC day how many ({@link KeyUsageStore#add}). Keys are
 * in ascending id order, each named once, and each key's days ascending, each named once: concurrent flushes then
 * lock the same rows in the same order, and an upsert changes each row once. The builder refuses anything else.
 *
 * <p>Parallel arrays rather than maps of records: a flush over many keys (a million used uniformly) names a few
 * thousand, and a flush that made objects per key filled the old generation with them (decision record 0056). The
 * stores read the rows by index. Immutable once built.
 */
public final class KeyUses {
    public static final KeyUses NONE = builder(0).build();

    private final String[] keyIds;
    private final Instant[] lastAuthn;
    private final long[] counts;
    private final int keys;
    private final int[] dayKey;
    private final long[] epochDays;
    private final long[] dayCounts;
    private final int days;

    private KeyUses(Builder b) {
        keyIds = b.keyIds;
        lastAuthn = b.lastAuthn;
        counts = b.counts;
        keys = b.keys;
        dayKey = b.dayKey;
        epochDays = b.epochDays;
        dayCounts = b.dayCounts;
        days = b.days;
    }

    /** How many keys: rows {@code 0} to {@code keys() - 1} of {@link #keyId}, {@link #lastAuthn}, {@link #count}. */
    public int keys() {
        return keys;
    }

    public String keyId(int key) {
        return keyIds[Objects.checkIndex(key, keys)];
    }

    /** The key's latest use in the batch. */
    public Instant lastAuthn(int key) {
        return lastAuthn[Objects.checkIndex(key, keys)];
    }

    /** How many times the key was used in the batch: the sum of its days. */
    public long count(int key) {
        return counts[Objects.checkIndex(key, keys)];
    }

    /** How many key days: rows {@code 0} to {@code days() - 1} of {@link #dayKeyId}, {@link #epochDay}, ... */
    public int days() {
        return days;
    }

    public String dayKeyId(int day) {
        return keyIds[dayKey[Objects.checkIndex(day, days)]];
    }

    /** The UTC day, as days since 1970-01-01 ({@link LocalDate#toEpochDay}). */
    public long epochDay(int day) {
        return epochDays[Objects.checkIndex(day, days)];
    }

    public long dayCount(int day) {
        return dayCounts[Objects.checkIndex(day, days)];
    }

    public boolean isEmpty() {
        return keys == 0;
    }

    public static Builder builder(int expectedKeys) {
        return new Builder(expectedKeys);
    }

    /**
     * Takes keys in ascending id order, each followed by its days in ascending order. A key's count is the sum of
     * its days and its latest use falls on its last day, so that what the stores add to the two tables describes the
     * same uses. Not thread-safe; one batch per builder.
     */
    public static final class Builder {
        private String[] keyIds;
        private Instant[] lastAuthn;
        private long[] counts;
        private int keys;
        private int[] dayKey;
        private long[] epochDays;
        private long[] dayCounts;
        private int days;
        private long counted;
        private boolean built;

        private Builder(int expectedKeys) {
            int capacity = Math.max(expectedKeys, 1);
            keyIds = new String[capacity];
            lastAuthn = new Instant[capacity];
            counts = new long[capacity];
            dayKey = new int[capacity];
            epochDays = new long[capacity];
            dayCounts = new long[capacity];
        }

        /** Starts the next key: its latest use and how many uses; its days follow with {@link #day}. */
        public Builder key(String keyId, Instant latest, long count) {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(latest, "latest");
            checkOpen();
            if (count < 1) {
                throw new IllegalArgumentException("a key in a batch is used at least once, not " + count);
            }
            if (keys > 0) {
                checkKeyComplete();
                if (keyIds[keys - 1].compareTo(keyId) >= 0) {
                    throw new IllegalArgumentException("keys in ascending order, each once: " + keyId
                            + " after " + keyIds[keys - 1]);
                }
            }
            if (keys == keyIds.length) {
                int grown = keys * 2;
                keyIds = Arrays.copyOf(keyIds, grown);
                lastAuthn = Arrays.copyOf(lastAuthn, grown);
                counts = Arrays.copyOf(counts, grown);
            }
            keyIds[keys] = keyId;
            lastAuthn[keys] = latest;
            counts[keys] = count;
            keys++;
            counted = 0;
            return this;
        }

        /** Uses of the key added last on the UTC day {@code epochDay}, after its earlier days. */
        public Builder day(long epochDay, long count) {
            checkOpen();
            if (keys == 0) {
                throw new IllegalStateException("a day belongs to a key: call key first");
            }
            if (count < 1) {
                throw new IllegalArgumentException("a day in a batch has at least one use, not " + count);
            }
            int key = keys - 1;
            if (counted > 0 && epochDays[days - 1] >= epochDay) {
                throw new IllegalArgumentException("a key's days in ascending order, each once: "
                        + LocalDate.ofEpochDay(epochDay) + " after " + LocalDate.ofEpochDay(epochDays[days - 1]));
            }
            if (days == epochDays.length) {
                int grown = days * 2;
                dayKey = Arrays.copyOf(dayKey, grown);
                epochDays = Arrays.copyOf(epochDays, grown);
                dayCounts = Arrays.copyOf(dayCounts, grown);
            }
            dayKey[days] = key;
            epochDays[days] = epochDay;
            dayCounts[days] = count;
            days++;
            counted += count;
            return this;
        }

        /** Uses of the key added last on {@code date}, after its earlier days. */
        public Builder day(LocalDate date, long count) {
            return day(date.toEpochDay(), count);
        }

        /** A key whose uses all fell on the UTC day of its latest: {@link #key} and that one {@link #day}. */
        public Builder oneDay(String keyId, Instant latest, long count) {
            return key(keyId, latest, count).day(KeyUsage.epochDayOf(latest), count);
        }

        public KeyUses build() {
            checkOpen();
            if (keys > 0) {
                checkKeyComplete();
            }
            built = true;
            return new KeyUses(this);
        }

        /** The built batch shares the builder's arrays: nothing may be added after it. */
        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("already built");
            }
        }

        private void checkKeyComplete() {
            int key = keys - 1;
            if (counted != counts[key]) {
                throw new IllegalArgumentException("the days of " + keyIds[key] + " add up to " + counted
                        + ", not its count " + counts[key]);
            }
            long latestDay = KeyUsage.epochDayOf(lastAuthn[key]);
            if (epochDays[days - 1] != latestDay) {
                throw new IllegalArgumentException("the last day of " + keyIds[key] + " is "
                        + LocalDate.ofEpochDay(epochDays[days - 1]) + ", not its latest use's "
                        + LocalDate.ofEpochDay(latestDay));
            }
        }
    }
}
