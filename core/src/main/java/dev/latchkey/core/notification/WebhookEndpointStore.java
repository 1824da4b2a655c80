package dev.latchkey.core.notification;

import java.util.List;
import java.util.Optional;

/**
 * Persistence port for webhook endpoints and their signing secrets, which arrive and leave sealed (AES-GCM under
 * the master key): the store never sees a secret in the clear. Implementations are thread-safe.
 */
public interface WebhookEndpointStore {
    void insert(WebhookEndpoint endpoint, byte[] sealedSecret);

    Optional<WebhookEndpoint> find(String id);

    /** The endpoints of an account, oldest first. */
    List<WebhookEndpoint> list(String accountId);

    int count(String accountId);

    boolean delete(String accountId, String id);

    Optional<byte[]> sealedSecret(String id);
}
