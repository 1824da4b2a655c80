package dev.latchkey.core.settings;

/**
 * Told of every interaction of an identity authenticated in another account that an account's external identity
 * interaction setting reports ({@code monitor}) or refuses ({@code limited}). The audit log is where these belong;
 * until it listens, {@link #NONE} ignores them and the server logs them ({@link ExternalInteractions#logging}).
 * Implementations must be fast and thread-safe: the token path calls them.
 */
@FunctionalInterface
public interface ExternalInteractionObserver {
    ExternalInteractionObserver NONE = event -> { };

    void observe(ExternalInteractionEvent event);
}
