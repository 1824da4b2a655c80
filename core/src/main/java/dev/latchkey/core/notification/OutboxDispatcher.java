package dev.latchkey.core.notification;

import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Secret;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox, at least once. Each run leases the due messages (so several nodes can run it side by side),
 * sends each through its channel, and only then marks it delivered; a failure records its reason and makes the
 * message due again after an exponential backoff, until {@link DeliveryPolicy#maxAttempts()} attempts have
 * failed and it is given up as {@code failed}. A crash between a claim and its outcome leaves the message leased
 * until the lease runs out; then any node delivers it. One background thread polls; {@link #runOnce()} may also
 * be called directly. Thread-safe.
 */
public final class OutboxDispatcher implements AutoCloseable {
    public static final String EVENT_ID_HEADER = "Latchkey-Event-Id";
    public static final String DELIVERY_ID_HEADER = "Latchkey-Delivery-Id";
    public static final String EVENT_TYPE_HEADER = "Latchkey-Event-Type";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_ROUNDS = 20;
    private static final int MAX_ERROR = 1000;
    private final OutboxStore store;
    private final MailSender mail;
    private final WebhookSender webhooks;
    private final Function<String, Optional<Secret>> endpointSecrets;
    private final DeliveryPolicy policy;
    private final Ids ids;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private ScheduledExecutorService poller;

    /**
     * @param endpointSecrets the signing secret of a webhook endpoint by id, empty once it is deleted
     *                        ({@link WebhookEndpointService#signingSecret})
     */
    public OutboxDispatcher(OutboxStore store, MailSender mail, WebhookSender webhooks,
                            Function<String, Optional<Secret>> endpointSecrets, DeliveryPolicy policy, Ids ids,
                            Clock clock) {
        this(store, mail, webhooks, endpointSecrets, policy, ids, clock, DeliveryMetrics.NONE);
    }

    /** As above, telling {@code metrics} each delivery, retry and give-up. */
    public OutboxDispatcher(OutboxStore store, MailSender mail, WebhookSender webhooks,
                            Function<String, Optional<Secret>> endpointSecrets, DeliveryPolicy policy, Ids ids,
                            Clock clock, DeliveryMetrics metrics) {
        this.store = store;
        this.mail = mail;
        this.webhooks = webhooks;
        this.endpointSecrets = endpointSecrets;
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Starts polling every {@code interval} on one background thread; the first poll is after one interval. */
    public synchronized void start(Duration interval) {
        if (poller != null) {
            throw new IllegalStateException("the outbox dispatcher is already running");
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-outbox");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        poller.scheduleWithFixedDelay(this::runQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Deletes the delivered and given-up messages that finished more than {@code retention} ago (the outbox view
     * shows what is left); pending ones stay until they finish. Safe on several nodes at once.
     *
     * @return how many were deleted
     */
    public int pruneFinished(Duration retention) {
        return store.pruneFinished(clock.instant().minus(retention));
    }

    /**
     * Delivers every message due now (in leased batches, each batch in parallel on virtual threads) and returns how
     * many it attempted. Messages another node holds are left to it.
     */
    public int runOnce() {
        int attempted = 0;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            String claim = ids.uuid();
            Instant now = clock.instant();
            List<OutboxMessage> batch = store.claimDue(claim, now, now.plus(policy.lease()), policy.batchSize());
            if (batch.isEmpty()) {
                break;
            }
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (OutboxMessage message : batch) {
                    workers.submit(() -> deliver(message, claim));
                }
            }
            attempted += batch.size();
            if (batch.size() < policy.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("delivering notifications failed; will retry: {}", e.toString());
        }
    }

    private void deliver(OutboxMessage message, String claim) {
        DeliveryOutcome outcome;
        try {
            outcome = switch (message.channel()) {
                case EMAIL -> mail.send(message.recipient(), message.subject(), message.body());
                case WEBHOOK -> postWebhook(message);
            };
        } catch (RuntimeException e) {
            outcome = new DeliveryOutcome.Failed("unexpected failure: " + e.getClass().getSimpleName());
            LOG.warn("notification {} failed unexpectedly", message.id(), e);
        }
        try {
            record(message, claim, outcome);
        } catch (RuntimeException e) {
            LOG.warn("cannot record the outcome of notification {}; it is retried when its lease ends: {}",
                    message.id(), e.toString());
        }
    }

    private DeliveryOutcome postWebhook(OutboxMessage message) {
        Optional<Secret> secret = endpointSecrets.apply(message.endpointId());
        if (secret.isEmpty()) {
            return new DeliveryOutcome.Rejected("the notification endpoint was deleted");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(EVENT_ID_HEADER, message.eventId());
        headers.put(DELIVERY_ID_HEADER, message.id());
        headers.put(EVENT_TYPE_HEADER, message.type());
        headers.put(WebhookSignature.HEADER,
                WebhookSignature.header(secret.get(), clock.instant().getEpochSecond(), message.body()));
        return webhooks.post(URI.create(message.recipient()), headers, message.body());
    }

    private void record(OutboxMessage message, String claim, DeliveryOutcome outcome) {
        Instant now = clock.instant();
        int attempts = message.attempts() + 1;
        boolean kept = switch (outcome) {
            case DeliveryOutcome.Delivered d -> {
                metrics.delivered(message.channel());
                LOG.info("delivered notification {} of event {} by {}", message.id(), message.eventId(),
                        message.channel().wire());
                yield store.markDelivered(message.id(), claim, now);
            }
            case DeliveryOutcome.Unavailable u -> {
                metrics.retried(message.channel());
                yield store.scheduleRetry(message.id(), claim, cut(u.reason()), now.plus(policy.backoffCap()), false);
            }
            case DeliveryOutcome.Rejected r -> giveUp(message, claim, r.reason(), attempts, now);
            case DeliveryOutcome.Failed f -> {
                if (attempts >= policy.maxAttempts()) {
                    yield giveUp(message, claim, f.reason(), attempts, now);
                }
                Duration wait = policy.backoff(attempts);
                metrics.retried(message.channel());
                LOG.info("notification {} attempt {} failed ({}); next attempt in {} ms", message.id(), attempts,
                        cut(f.reason()), wait.toMillis());
                yield store.scheduleRetry(message.id(), claim, cut(f.reason()), now.plus(wait), true);
            }
        };
        if (!kept) {
            LOG.warn("the lease on notification {} ran out before its outcome was recorded; it may be sent again",
                    message.id());
        }
    }

    private boolean giveUp(OutboxMessage message, String claim, String reason, int attempts, Instant now) {
        metrics.gaveUp(message.channel());
        LOG.warn("giving up notification {} of event {} after {} attempt(s): {}", message.id(), message.eventId(),
                attempts, cut(reason));
        return store.markFailed(message.id(), claim, cut(reason), now);
    }

    private static String cut(String reason) {
        String text = reason == null || reason.isBlank() ? "unknown failure" : reason.strip();
        return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) + "…" : text;
    }

    /** Stops polling; a delivery in flight is interrupted and, unrecorded, is retried once its lease ends. */
    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            try {
                poller.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }
}
