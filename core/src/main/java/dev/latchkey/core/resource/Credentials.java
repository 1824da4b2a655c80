package dev.latchkey.core.resource;

import dev.latchkey.core.common.Secret;

/**
 * The {@code credentials} of a resource key as a caller may see them. {@code redacted} means the caller may see the
 * key but not its credentials (IBM's {@code REDACTED}); otherwise the IAM fields are set and {@code apikey} is the
 * value when it is shown (on create and get) or null (in lists, and once the key was removed).
 */
public record Credentials(boolean redacted, Secret apikey, String apiKeyId, String apiKeyName, String description,
                          String roleCrn, String serviceIdCrn) {

    public static final Credentials REDACTED = new Credentials(true, null, null, null, null, null, null);

    /** The IAM fields of {@code key}, with the API key's name and, when shown, its value. */
    static Credentials of(ResourceKey key, String apiKeyName, Secret apikey) {
        return new Credentials(false, apikey, key.apiKeyId(), apiKeyName, key.apiKeyDescription(), key.roleCrn(),
                key.serviceIdCrn());
    }
}
