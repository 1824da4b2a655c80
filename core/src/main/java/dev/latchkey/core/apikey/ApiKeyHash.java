package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a key value: hex SHA-256. Keys carry 256 random bits, so a fast hash loses nothing against
 * guessing and keeps the hot path cheap (docs/decisions/0002-key-format-and-hashing.md).
 */
public final class ApiKeyHash {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ApiKeyHash() {
    }

    public static String of(Secret value) {
        return of(value.reveal());
    }

    public static String of(String value) {
        return HexFormat.of().formatHex(SHA256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
