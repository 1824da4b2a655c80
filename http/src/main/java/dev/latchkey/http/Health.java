package dev.latchkey.http;

import java.util.Map;

/**
 * What the server knows of the process's own state, for the health routes and for telling an outage from a fault.
 */
public interface Health {
    /**
     * The readiness checks by name, in the order they are shown, each true when it passes: whether the database
     * answers, whether the schema is migrated, whether a signing key is loaded.
     */
    Map<String, Boolean> checks();

    /**
     * Whether a failure means a dependency cannot be reached (the database): answered 503 with {@code Retry-After},
     * the client's request being fine, rather than 500.
     */
    boolean isOutage(Throwable failure);

    /** Always ready, no outages: for servers without a database (the benchmark's bare server, tests). */
    Health NONE = new Health() {
        @Override
        public Map<String, Boolean> checks() {
            return Map.of();
        }

        @Override
        public boolean isOutage(Throwable failure) {
            return false;
        }
    };
}
