package dev.latchkey.store;

/**
 * Whether the change feed vouches for a value a cache read: that every change committed since the read started has
 * reached, or will reach, the cache as an eviction. {@link ChangeFeed} is the one implementation; decision record
 * 0040 says why a cache may then answer past its TTL.
 */
public interface FeedCoverage {
    /** What {@link #mark} answers while a read started now cannot be vouched for. */
    long NOT_COVERED = -1;

    /** Vouches for nothing: every value is re-read once it is older than the TTL. */
    FeedCoverage NONE = new FeedCoverage() {
        @Override
        public long mark() {
            return NOT_COVERED;
        }

        @Override
        public boolean covers(long mark, long withinNanos) {
            return false;
        }
    };

    /** Taken just before a read, for {@link #covers} to judge later. */
    long mark();

    /**
     * Whether every change since a read marked {@code mark} has reached or will reach the cache, given that the
     * feed must have shown a sign of life within the last {@code withinNanos}.
     */
    boolean covers(long mark, long withinNanos);
}
