package dev.latchkey.http.leak;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.http.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies GitHub secret-scanning partner requests: {@code Github-Public-Key-Signature} is a base64 ECDSA
 * P-256/SHA-256 signature of the raw body by the key {@code Github-Public-Key-Identifier} names. The keys come
 * from a file in GitHub's own format ({@code {"public_keys":[{"key_identifier","key"}]}}, PEM keys), as served at
 * GitHub's meta API. Immutable and thread-safe.
 */
public final class GithubSignatures {
    private final Map<String, PublicKey> keys;

    public GithubSignatures(Map<String, PublicKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static GithubSignatures none() {
        return new GithubSignatures(Map.of());
    }

    /** Reads the key file; an unreadable or malformed file stops the server at start, not at the first report. */
    public static GithubSignatures fromFile(Path file) {
        try {
            JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
            Map<String, PublicKey> keys = new LinkedHashMap<>();
            for (JsonNode entry : root.path("public_keys")) {
                keys.put(entry.path("key_identifier").asText(), parsePem(entry.path("key").asText()));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("no public_keys in " + file);
            }
            return new GithubSignatures(keys);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot read GitHub secret-scanning keys from " + file + ": " + e.getMessage(), e);
        }
    }

    static PublicKey parsePem(String pem) throws GeneralSecurityException {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    public boolean configured() {
        return !keys.isEmpty();
    }

    /** Null when the signature verifies, else the reason it does not. */
    public String problem(String keyIdentifier, String signature, byte[] body) {
        if (keys.isEmpty()) {
            return "no GitHub secret-scanning keys are configured on this server (--github-keys-file)";
        }
        if (keyIdentifier == null || signature == null) {
            return "the Github-Public-Key-Identifier and Github-Public-Key-Signature headers are required";
        }
        PublicKey key = keys.get(keyIdentifier.strip());
        if (key == null) {
            return "the key identifier is not one of GitHub's configured keys";
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(key);
            verifier.update(body);
            return verifier.verify(Base64.getDecoder().decode(signature.strip())) ? null : "the signature does not verify";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "the signature does not verify";
        }
    }
}
