package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Secret;

/** A new key and its value, which is shown to the caller this once and never stored. */
public record CreatedApiKey(ApiKey key, Secret value) {
}
