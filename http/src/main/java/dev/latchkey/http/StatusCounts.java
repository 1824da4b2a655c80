package dev.latchkey.http;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One route's answers by status class ({@code 2xx} … {@code 5xx}), each counter asked of the {@link HttpMetrics}
 * the first time a status of its class is answered, then kept. Thread-safe without locks: two first answers at
 * once may both ask, and the registry gives both the same counter.
 */
final class StatusCounts {
    private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    private final HttpMetrics metrics;
    private final String method;
    private final String template;
    private final AtomicReferenceArray<HttpMetrics.Count> counts = new AtomicReferenceArray<>(CLASSES.length);

    StatusCounts(HttpMetrics metrics, String method, String template) {
        this.metrics = metrics;
        this.method = method;
        this.template = template;
    }

    void answered(int status) {
        int i = status / 100 - 1;
        if (i < 0 || i >= CLASSES.length) {
            return;
        }
        HttpMetrics.Count count = counts.get(i);
        if (count == null) {
            count = metrics.requests(method, template, CLASSES[i]);
            counts.set(i, count);
        }
        count.increment();
    }
}
