package dev.latchkey.http;

/**
 * What the HTTP layer counts for the operator's metrics (decision record 0026): answers by route template and
 * status class, the token endpoint's answers by grant type, outcome and signing algorithm with the time each took,
 * and key details by outcome. The composition root backs it with its metrics registry; {@link #NONE} counts
 * nothing. Each method is asked once per set of labels, and what it returns is kept by the caller and used per
 * request, so a request does no lookup or allocation for its metrics. Implementations are thread-safe.
 */
public interface HttpMetrics {
    /** The route label of requests no route matched (a 404, or a method no route has), whatever their path. */
    String UNMATCHED = "unmatched";

    /** One counter. Thread-safe, lock-free. */
    @FunctionalInterface
    interface Count {
        void increment();
    }

    /** One latency histogram. Thread-safe, lock-free. */
    @FunctionalInterface
    interface Timing {
        void record(long nanos);
    }

    /** Answers of {@code method} on the route {@code template} ({@link #UNMATCHED}) with a status of {@code statusClass} ({@code 2xx}). */
    Count requests(String method, String template, String statusClass);

    /** Token requests of {@code grantType} answered with {@code outcome}, a token signed with {@code algorithm}. */
    Timing tokenExchanges(String grantType, String outcome, String algorithm);

    /** Key details requests answered with {@code outcome}. */
    Count keyDetails(String outcome);

    HttpMetrics NONE = new HttpMetrics() {
        @Override
        public Count requests(String method, String template, String statusClass) {
            return () -> {
            };
        }

        @Override
        public Timing tokenExchanges(String grantType, String outcome, String algorithm) {
            return nanos -> {
            };
        }

        @Override
        public Count keyDetails(String outcome) {
            return () -> {
            };
        }
    };
}
