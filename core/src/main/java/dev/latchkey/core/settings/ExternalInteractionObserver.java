package dev.latchkey.core.settings;

/**
 * Told of every interaction of an identity authenticated in another account that an account's external identity
 * interaction setting reports ({@code monitor}) or refuses ({@code limited}). The server logs them
 * ({@link ExternalInteractions#logging}) and records them in the audit log ({@link ExternalInteractions#auditing});
 * {@link #NONE} ignores them.
 * Implementations must be fast and thread-safe: the token path calls them.
 */
@FunctionalInterface
public interface ExternalInteractionObserver {
    ExternalInteractionObserver NONE = event -> { };

    void observe(ExternalInteractionEvent event);
}
