package dev.latchkey.core.serviceid;

import java.time.Instant;
import java.util.List;

/**
 * A request to create a service ID, as the client sent it; the service validates every field. Null means the
 * client left the field out. {@code apikey}, when present, is created with the service ID in one transaction.
 * {@code groupId} names the service ID group it is to belong to; null (or empty) for the account's default group.
 */
public record CreateServiceId(String accountId, String name, String description, List<String> uniqueInstanceCrns,
                              NestedApiKey apikey, boolean locked, String groupId) {

    /** A request for a service ID in the account's default group. */
    public CreateServiceId(String accountId, String name, String description, List<String> uniqueInstanceCrns,
                           NestedApiKey apikey, boolean locked) {
        this(accountId, name, description, uniqueInstanceCrns, apikey, locked, null);
    }

    /** IBM's {@code ApiKeyInsideCreateServiceIdRequest}: no {@code iam_id} (it is the new service ID's). */
    public record NestedApiKey(String name, String description, String apikey, Boolean storeValue,
                               String actionWhenLeaked, Instant expiresAt) {
    }
}
