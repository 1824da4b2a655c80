package dev.latchkey.core.token;

import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.SecretBox;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The cryptography of signing keys: a new pair ({@code RS256}: RSA 2048, {@code ES256}: P-256), its private half
 * sealed under the master key bound to its kid, and a stored key opened again.
 */
final class SigningKeyPairs {
    private SigningKeyPairs() {
    }

    static KeyPair generate(String algorithm) {
        try {
            if (algorithm.equals(SigningKeyRing.RS256)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    /** The private half in PKCS#8 DER, sealed with the master key and bound to {@code kid}. */
    static byte[] seal(KeyPair pair, String kid, SecretBox box) {
        return box.seal(pair.getPrivate().getEncoded(), SealedSecret.SIGNING_KEY.context(kid));
    }

    /** A stored key that is not retired (its private half is there), opened. */
    static SigningKey open(StoredSigningKey stored, SecretBox box) {
        try {
            KeyFactory factory = KeyFactory.getInstance(stored.algorithm().equals(SigningKeyRing.RS256) ? "RSA" : "EC");
            byte[] privateDer = box.open(stored.sealedPrivateKey(), SealedSecret.SIGNING_KEY.context(stored.kid()));
            KeyPair pair = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(stored.publicKey())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)));
            return new SigningKey(stored.kid(), stored.algorithm(), pair, stored.createdAt());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored signing key " + stored.kid() + " cannot be read", e);
        }
    }
}
