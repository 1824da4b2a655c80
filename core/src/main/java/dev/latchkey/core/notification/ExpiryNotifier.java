package dev.latchkey.core.notification;

import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The expiry warnings: keys that expire within a day get {@code EXPIRES_IN_1_DAY}, keys that expire within 7 days
 * (but not within a day) get {@code EXPIRES_IN_7_DAYS}. Each warning is recorded and enqueued in one transaction
 * under a unique (key, kind, expiry) record, so it is sent once per key, kind and expiry date however often and on
 * however many nodes the job runs; a key whose expiry is moved is warned again about the new date. Thread-safe.
 */
public final class ExpiryNotifier {
    static final int PAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryNotifier.class);
    private final Transactor tx;
    private final ExpiryNoticeStore notices;
    private final Notifier notifier;
    private final Clock clock;

    public ExpiryNotifier(Transactor tx, ExpiryNoticeStore notices, Notifier notifier, Clock clock) {
        this.tx = tx;
        this.notices = notices;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Sends every warning that is due now and not yet sent; returns how many this call sent. */
    public int runOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant inOneDay = now.plus(Duration.ofDays(1));
        int sent = sweep(KeyEvent.Kind.EXPIRES_IN_1_DAY, now, inOneDay, now)
                + sweep(KeyEvent.Kind.EXPIRES_IN_7_DAYS, inOneDay, now.plus(Duration.ofDays(7)), now);
        if (sent > 0) {
            LOG.info("queued {} key expiry warning(s)", sent);
        }
        return sent;
    }

    private int sweep(KeyEvent.Kind kind, Instant from, Instant to, Instant now) {
        int sent = 0;
        while (true) {
            List<ExpiringKey> keys = notices.withoutNotice(kind, from, to, PAGE);
            int sentNow = 0;
            for (ExpiringKey key : keys) {
                boolean first = tx.inTransaction(() -> {
                    if (!notices.record(key.id(), kind, key.expiresAt(), now)) {
                        return false;
                    }
                    notifier.enqueue(KeyEvent.expiring(kind, key, now));
                    return true;
                });
                sentNow += first ? 1 : 0;
            }
            sent += sentNow;
            // A short page is the last; a full page where another node won every key would repeat forever.
            if (keys.size() < PAGE || sentNow == 0) {
                return sent;
            }
        }
    }
}
