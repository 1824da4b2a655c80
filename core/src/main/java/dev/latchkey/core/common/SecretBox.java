package dev.latchkey.core.common;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Authenticated encryption at rest with AES-256-GCM under the master key. Output is a random 12-byte nonce
 * followed by the ciphertext and tag; {@code context} is bound as associated data so a value cannot be moved
 * to another row. Thread-safe.
 */
public final class SecretBox {
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(byte[] masterKey, SecureRandom random) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (256 bits)");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(masterKey, 32), "AES");
        this.random = random;
    }

    public byte[] seal(byte[] plaintext, String context) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** @throws Unopenable when the value was not sealed under this key and context */
    public byte[] open(byte[] sealed, String context) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
            cipher.updateAAD(context.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return cipher.doFinal(sealed, NONCE, sealed.length - NONCE);
        } catch (GeneralSecurityException e) {
            throw new Unopenable(e);
        }
    }

    /**
     * A sealed value that does not open: sealed under another master key, bound to another context, or altered. What
     * a server started with the wrong master key meets first.
     */
    public static final class Unopenable extends IllegalStateException {
        private Unopenable(GeneralSecurityException cause) {
            super("cannot decrypt a stored secret: wrong master key or tampered data", cause);
        }
    }
}
