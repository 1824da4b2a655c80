package dev.latchkey.core.apikey;

/**
 * A key found by the hash of its value, with the two facts its details show besides its own fields, read in the
 * same statement as the key so that a key not in memory costs one round trip whatever its kind (decision 0039).
 * It holds whether a value is stored, never the value: a cache keeps this, and no key value may stay in memory
 * for it. Both facts are fixed for the life of {@code key}'s version (see {@link ApiKeyStore#findByHashWithLinks}).
 *
 * @param valueStored    whether a sealed copy of the key's value is kept ({@code store_value=true}, service ID
 *                       keys only); opening it is a read of its own
 * @param resourceKeyCrn the CRN of the live resource key (service credential) the key backs; null when none
 */
public record FoundKey(ApiKey key, boolean valueStored, String resourceKeyCrn) {
}
