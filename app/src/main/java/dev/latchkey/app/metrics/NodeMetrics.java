package dev.latchkey.app.metrics;

import dev.latchkey.core.leak.LeakMetrics;
import dev.latchkey.core.notification.DeliveryMetrics;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.OutboxStore;
import dev.latchkey.http.HttpMetrics;
import dev.latchkey.http.MetricsExposition;
import dev.latchkey.store.CacheMonitor;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A node's metrics (decision record 0026): one Micrometer registry in Prometheus form, what every part of the node
 * counts into it, and its exposition for {@code GET /metrics} on the management port. {@link #off()} has no
 * registry at all: every port it hands out is its no-op, so a node without a management port pays nothing. Every
 * meter is named {@code latchkey_...} except those of Micrometer's binders (JVM, process, caches, HikariCP), which
 * keep their standard names. Thread-safe.
 */
public final class NodeMetrics implements AutoCloseable {
    /** Prometheus' text format, the default answer of {@code /metrics}, as the registry's writer names it. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** OpenMetrics 1.0, answered to an {@code Accept} that names it. */
    public static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final HttpMetrics http;

    private NodeMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        if (registry == null) {
            gc = null;
            http = HttpMetrics.NONE;
            return;
        }
        http = new HttpMeters(registry);
        gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** No metrics: no registry, every port a no-op. */
    public static NodeMetrics off() {
        return new NodeMetrics(null);
    }

    /** A Prometheus registry with the JVM's and the process's metrics bound. */
    public static NodeMetrics prometheus() {
        return new NodeMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public boolean enabled() {
        return registry != null;
    }

    /** What the HTTP layer counts: requests by route, token exchanges, key details. */
    public HttpMetrics http() {
        return http;
    }

    /**
     * The token path's caches: Caffeine's statistics through Micrometer's binder, and the answers given from memory
     * past the TTL during a database outage, each tagged {@code cache}.
     */
    public CacheMonitor caches() {
        if (registry == null) {
            return CacheMonitor.NONE;
        }
        return (name, cache, staleAnswers) -> {
            CaffeineCacheMetrics.monitor(registry, cache, name);
            // Micrometer holds a function meter's state weakly: the cache (alive as long as its store) is the state
            FunctionCounter.builder("latchkey.cache.stale.answers", cache, c -> staleAnswers.getAsLong())
                    .description("values answered from memory past --cache-ttl while the database was unreachable")
                    .tag("cache", name).register(registry);
        };
    }

    /**
     * The main port's requests in flight, read at each scrape: a node near saturation shows them pile up, and a
     * drain shows them fall to 0.
     */
    public void requestsInFlight(IntSupplier inFlight) {
        if (registry == null) {
            return;
        }
        Gauge.builder("latchkey.http.requests.in.flight", inFlight::getAsInt)
                .description("Requests on the main port received and not yet answered").strongReference(true)
                .register(registry);
    }

    /** Outbox deliveries, retries and give-ups by channel. */
    public DeliveryMetrics deliveries() {
        if (registry == null) {
            return DeliveryMetrics.NONE;
        }
        Map<OutboxMessage.Channel, Counter> delivered = byChannel("latchkey.outbox.delivered",
                "Notifications delivered");
        Map<OutboxMessage.Channel, Counter> retried = byChannel("latchkey.outbox.retries",
                "Delivery attempts that failed (or found the channel unconfigured) and were rescheduled");
        Map<OutboxMessage.Channel, Counter> gaveUp = byChannel("latchkey.outbox.given.up",
                "Notifications given up after their last attempt");
        return new DeliveryMetrics() {
            @Override
            public void delivered(OutboxMessage.Channel channel) {
                delivered.get(channel).increment();
            }

            @Override
            public void retried(OutboxMessage.Channel channel) {
                retried.get(channel).increment();
            }

            @Override
            public void gaveUp(OutboxMessage.Channel channel) {
                gaveUp.get(channel).increment();
            }
        };
    }

    private Map<OutboxMessage.Channel, Counter> byChannel(String name, String description) {
        Map<OutboxMessage.Channel, Counter> counters = new EnumMap<>(OutboxMessage.Channel.class);
        for (OutboxMessage.Channel channel : OutboxMessage.Channel.values()) {
            counters.put(channel, Counter.builder(name).description(description).tag("channel", channel.wire())
                    .register(registry));
        }
        return counters;
    }

    /** Leak reports by the action taken. */
    public LeakMetrics leaks() {
        if (registry == null) {
            return LeakMetrics.NONE;
        }
        Map<String, Counter> byAction = new HashMap<>();
        for (String action : LeakMetrics.ACTIONS) {
            byAction.put(action, Counter.builder("latchkey.leak.reports").description("Reported tokens by what was done")
                    .tag("action", action).register(registry));
        }
        return action -> byAction.get(action).increment();
    }

    /** Attempts a password throttle refused; {@code throttle} is {@code sign_in} or {@code password_reset}. */
    public Runnable throttleRefusals(String throttle) {
        if (registry == null) {
            return () -> {
            };
        }
        return Counter.builder("latchkey.password.throttle.refusals")
                .description("Attempts refused because the address must wait").tag("throttle", throttle)
                .register(registry)::increment;
    }

    /**
     * The database's figures: HikariCP's pool metrics, the outbox's pending messages by channel (read from the
     * database at each scrape; NaN while it cannot be reached) and, on PostgreSQL, the change feed's connection
     * and the changes it received.
     */
    public void watch(Database database, OutboxStore outbox) {
        if (registry == null) {
            return;
        }
        database.publishPoolMetrics(registry);
        for (OutboxMessage.Channel channel : OutboxMessage.Channel.values()) {
            Gauge.builder("latchkey.outbox.pending", () -> pending(outbox, channel))
                    .description("Notifications waiting to be delivered (due or retrying)")
                    .tag("channel", channel.wire()).strongReference(true).register(registry);
        }
        if (database.isPostgres()) {
            ChangeFeed feed = database.changes();
            Gauge.builder("latchkey.change.feed.connected", feed, f -> f.isConnected() ? 1 : 0)
                    .description("1 while this node listens for other nodes' changes, else 0").register(registry);
            FunctionCounter.builder("latchkey.change.feed.events", feed, ChangeFeed::received)
                    .description("Changes received through PostgreSQL NOTIFY (this node's own writes included)")
                    .register(registry);
        }
    }

    private static double pending(OutboxStore outbox, OutboxMessage.Channel channel) {
        try {
            return outbox.pending(channel);
        } catch (RuntimeException unreachable) { // the outage is logged once, by the database check
            return Double.NaN;
        }
    }

    /** The registry's metrics as Prometheus text, or as OpenMetrics when the {@code Accept} header asks for it. */
    public MetricsExposition exposition() {
        if (registry == null) {
            throw new IllegalStateException("no metrics: the node has no management port");
        }
        return accept -> {
            String type = accept != null && accept.contains("application/openmetrics-text")
                    ? OPENMETRICS_TEXT : PROMETHEUS_TEXT;
            return new MetricsExposition.Page(type, registry.scrape(type));
        };
    }

    @Override
    public void close() {
        if (registry != null) {
            gc.close();
            registry.close();
        }
    }
}
