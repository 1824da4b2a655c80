package dev.latchkey.core.leak;

import java.util.List;

/**
 * What the leak response tells the operator's metrics: one call per reported token with what was done about it,
 * one of {@link #ACTIONS}. The composition root backs it with its metrics registry; {@link #NONE} counts nothing.
 * Implementations are thread-safe and do not block.
 */
@FunctionalInterface
public interface LeakMetrics {
    /**
     * The key's {@code action_when_leaked} carried out ({@code none}, {@code disabled}, {@code already_disabled},
     * {@code deleted}); {@code not_a_key} when the token matched no key; {@code repeat} when it had been reported
     * before, so nothing was done again.
     */
    List<String> ACTIONS = List.of("none", "disabled", "already_disabled", "deleted", "not_a_key", "repeat");

    void reported(String action);

    LeakMetrics NONE = action -> {
    };
}
