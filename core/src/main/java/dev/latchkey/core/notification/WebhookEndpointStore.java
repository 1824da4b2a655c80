package dev.latchkey.core.notification;

import java.util.List;
import java.util.Optional;

/**
 * Persistence port for webhook endpoints and their signing secrets, which arrive and leave sealed (AES-GCM under
 * the master key): the store never sees a secret in the clear. Implementations are thread-safe.
 */
public interface WebhookEndpointStore {
    /**
     * Inserts the endpoint unless its account has {@code limit} endpoints already (then false). The account is
     * locked while counting, so simultaneous inserts cannot pass the limit together.
     */
    boolean insertWithin(WebhookEndpoint endpoint, byte[] sealedSecret, int limit);

    Optional<WebhookEndpoint> find(String id);

    /** The endpoints of an account, oldest first. */
    List<WebhookEndpoint> list(String accountId);

    /**
     * Writes {@code changed}'s description, events and version over the endpoint of its id and account, if that is
     * still at {@code expectedVersion} (false otherwise, or when there is no such endpoint).
     */
    boolean update(WebhookEndpoint changed, long expectedVersion);

    boolean delete(String accountId, String id);

    Optional<byte[]> sealedSecret(String id);
}
