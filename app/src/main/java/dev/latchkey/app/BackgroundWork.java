package dev.latchkey.app;

import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.audit.RefusalBuffer;
import dev.latchkey.core.apikey.KeyUsage;
import dev.latchkey.core.notification.OutboxDispatcher;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.token.SigningKeySchedule;
import dev.latchkey.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's work besides answering requests: checking the database every half second, writing key activity (with
 * each key's uses per day) every {@code ServerConfig.activityFlushInterval} (two seconds), deleting key usage older
 * than 90 days (and what a flush racing a key's deletion left) every hour, looking for expiring keys and for unused
 * keys to warn about and disable, writing refused sign-ins to the audit log every second and deleting audit events
 * past retention every hour, delivering the outbox and deleting what it finished long ago, and looking after the
 * token-signing keys every minute (reloading them, rotating them every {@code --signing-key-rotation-days},
 * recording retirements). Each task's failure is logged and the task runs again at its next turn.
 */
final class BackgroundWork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "latchkey-background");
        t.setDaemon(true);
        return t;
    });
    private final ActivityRecorder activity;
    private final OutboxDispatcher dispatcher;
    private final Runnable signingKeys;
    private final RefusalBuffer refusals;

    private BackgroundWork(ActivityRecorder activity, OutboxDispatcher dispatcher, Runnable signingKeys,
                           RefusalBuffer refusals) {
        this.refusals = refusals;
        this.activity = activity;
        this.dispatcher = dispatcher;
        this.signingKeys = signingKeys;
    }

    static BackgroundWork start(Database database, Services services, Stores stores, NotificationConfig notify,
                                Duration activityFlushInterval, Duration signingKeyRotation, Duration auditRetention,
                                Clock clock) {
        BackgroundWork work = new BackgroundWork(services.activity(), services.dispatcher(),
                () -> services.ring().maintain(signingKeyRotation), services.refusals());
        work.every(SigningKeySchedule.RELOAD_INTERVAL, SigningKeySchedule.RELOAD_INTERVAL,
                "looking after the signing keys", work.signingKeys);
        work.every(Duration.ofMillis(500), Duration.ofMillis(500), "checking the database", database::checkReachable);
        work.every(activityFlushInterval, activityFlushInterval, "writing key activity", services.activity()::flush);
        work.every(Duration.ofSeconds(1), Duration.ofSeconds(1), "writing refused sign-ins to the audit log",
                services.refusals()::flush);
        work.every(Duration.ofMinutes(4), Duration.ofHours(1), "deleting audit events past retention", () -> {
            int deleted = services.auditLog().trim(auditRetention);
            if (deleted > 0) {
                LOG.info("deleted {} audit event(s) older than {} days", deleted, auditRetention.toDays());
            }
        });
        if (notify.expiryCheckInterval() != null) {
            work.every(Duration.ZERO, notify.expiryCheckInterval(), "looking for expiring keys", services.expiry()::runOnce);
        }
        if (notify.expiryCheckInterval() != null) {
            // apikey_disable_after_inactive_days (decision 0033): warnings and disabling, as often as expiry warnings
            work.every(Duration.ofSeconds(30), notify.expiryCheckInterval(), "looking for inactive API keys",
                    services.inactiveKeys()::runOnce);
        }
        work.every(Duration.ofMinutes(1), Duration.ofHours(1), "deleting finished notifications", () -> {
            int deleted = services.dispatcher().pruneFinished(notify.retention());
            if (deleted > 0) {
                LOG.info("deleted {} notification(s) finished more than {} days ago", deleted,
                        notify.retention().toDays());
            }
        });
        work.every(Duration.ofMinutes(2), Duration.ofMinutes(15), "deleting ended console sessions",
                services.sessions()::pruneExpired);
        work.every(Duration.ofMinutes(3), Duration.ofMinutes(15), "deleting expired password reset links",
                services.passwords()::pruneExpired);
        work.every(Duration.ofMinutes(4), Duration.ofHours(1), "deleting key usage older than "
                + KeyUsage.RETENTION_DAYS + " days", () -> {
            int deleted = services.activity().pruneUsage(clock.instant());
            if (deleted > 0) {
                LOG.info("deleted {} day(s) of key usage older than {} days", deleted, KeyUsage.RETENTION_DAYS);
            }
        });
        if (notify.smtp() == null) {
            LOG.info("no SMTP server configured (--smtp-host): notification mail waits in the outbox until one is");
        } else {
            int released = stores.outbox().releaseDeferred(OutboxMessage.Channel.EMAIL, clock.instant());
            if (released > 0) {
                LOG.info("{} notification e-mail(s) that waited for an SMTP server are due now", released);
            }
        }
        if (notify.pollInterval() != null) {
            services.dispatcher().start(notify.pollInterval());
        }
        return work;
    }

    /** Runs the signing-key task now, as its schedule does every minute. */
    void maintainSigningKeys() {
        signingKeys.run();
    }

    private void every(Duration first, Duration interval, String what, Runnable task) {
        scheduler.scheduleWithFixedDelay(retried(what, task), first.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A task whose failure is logged, not thrown: the scheduler would stop running it. */
    private static Runnable retried(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; will retry: {}", what, e.toString());
            }
        };
    }

    /**
     * Stops delivering and scheduling, waits (up to 5 s) for a task already running, then writes the activity the
     * last scheduled flush left.
     */
    @Override
    public void close() {
        dispatcher.close();
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a background task did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        retried("writing key activity", activity::flush).run();
        retried("writing refused sign-ins to the audit log", refusals::flush).run();
    }
}
