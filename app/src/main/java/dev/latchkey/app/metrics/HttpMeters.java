package dev.latchkey.app.metrics;

import dev.latchkey.http.HttpMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP layer's meters in Micrometer: {@code latchkey_http_requests_total}, {@code latchkey_token_exchanges_seconds}
 * (a histogram with fixed buckets from 0.25 ms to 2.5 s) and {@code latchkey_key_details_total}. Each method
 * registers (or finds) one meter; the HTTP layer keeps what it gets, so a request only increments.
 */
final class HttpMeters implements HttpMetrics {
    /** The token histogram's buckets: below the fastest ES256 exchange to far beyond a stalled one. */
    private static final Duration[] TOKEN_BUCKETS = {Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2_500)};
    private final MeterRegistry registry;

    HttpMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Count requests(String method, String template, String statusClass) {
        return Counter.builder("latchkey.http.requests").description("HTTP requests answered on the main port")
                .tag("method", method).tag("route", template).tag("status", statusClass).register(registry)::increment;
    }

    @Override
    public Timing tokenExchanges(String grantType, String outcome, String algorithm) {
        Timer timer = Timer.builder("latchkey.token.exchanges")
                .description("POST /identity/token answers and the time the route took to make each")
                .tag("grant_type", grantType).tag("outcome", outcome).tag("algorithm", algorithm)
                .serviceLevelObjectives(TOKEN_BUCKETS).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public Count keyDetails(String outcome) {
        return Counter.builder("latchkey.key.details").description("GET /v1/apikeys/details answers by outcome")
                .tag("outcome", outcome).register(registry)::increment;
    }
}
