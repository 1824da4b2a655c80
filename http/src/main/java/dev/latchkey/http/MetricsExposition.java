package dev.latchkey.http;

/**
 * What {@code GET /metrics} on the management port answers: the registry's metrics in the text format the request's
 * {@code Accept} header asks for (Prometheus text, or OpenMetrics). The composition root supplies it.
 */
@FunctionalInterface
public interface MetricsExposition {
    /** The metrics for a request with {@code accept} (null when it sent none). */
    Page scrape(String accept);

    /** A body and its content type. */
    record Page(String contentType, String body) {
    }
}
