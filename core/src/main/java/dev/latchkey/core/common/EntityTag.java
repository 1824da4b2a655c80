package dev.latchkey.core.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * IBM's {@code entity_tag}: {@code <version>-<32 hex>}. Derived from the entity id and its version counter, so
 * every write (which bumps the version) yields a new tag and no extra column is needed.
 */
public final class EntityTag {
    private EntityTag() {
    }

    /** Cloned per call: cheaper than a provider lookup, and safe on virtual threads, where thread-locals do not pool. */
    private static final MessageDigest SHA256 = sha256();

    public static String of(String id, long version) {
        try {
            byte[] digest = ((MessageDigest) SHA256.clone()).digest((id + ":" + version).getBytes(StandardCharsets.UTF_8));
            return version + "-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks an {@code If-Match} value against the current state.
     *
     * @throws DomainException MISSING_IF_MATCH when absent, ENTITY_TAG_MISMATCH when stale
     */
    public static void requireMatch(String ifMatch, String id, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new DomainException(ErrorCode.MISSING_IF_MATCH,
                    "The If-Match header is required: send the entity_tag from the last read, or * for any version.");
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (!value.equals("*") && !value.equals(of(id, version))) {
            throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                    "The entity was changed since it was read: If-Match '" + value + "' is not the current entity_tag.");
        }
    }
}
