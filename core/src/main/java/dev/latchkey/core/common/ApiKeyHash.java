package dev.latchkey.core.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stored form of a key value: hex SHA-256. Keys carry 256 random bits, so a fast hash loses nothing against
 * guessing and keeps the hot path cheap (docs/decisions/0002-key-format-and-hashing.md).
 */
public final class ApiKeyHash {
    /** Cloned per call: requests run on virtual threads, where a thread-local digest would be made every time. */
    private static final MessageDigest SHA256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ApiKeyHash() {
    }

    public static String of(Secret value) {
        return of(value.reveal());
    }

    public static String of(String value) {
        try {
            return HexFormat.of().formatHex(((MessageDigest) SHA256.clone()).digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
