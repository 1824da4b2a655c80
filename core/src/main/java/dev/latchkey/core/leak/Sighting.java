package dev.latchkey.core.leak;

import java.time.Instant;

/**
 * The record of one reported token, kept once per token hash. For a token that matched a key it names the key,
 * its account and identity, what was done, and the key's authentication count at that moment (to tell use after
 * the sighting); for an unknown token only the hash. Never the token. Immutable.
 *
 * @param action {@code none}, {@code disabled}, {@code already disabled}, {@code deleted}, or {@code unknown} for
 *               tokens that matched no key
 */
public record Sighting(String id, String tokenHash, String tokenType, String keyId, String keyName,
                       String displayPrefix, String accountId, String iamId, String url, String source,
                       String reportedBy, Instant reportedAt, String action, long authnCountAtReport) {

    public static final String UNKNOWN = "unknown";

    public boolean matchedAKey() {
        return keyId != null;
    }
}
