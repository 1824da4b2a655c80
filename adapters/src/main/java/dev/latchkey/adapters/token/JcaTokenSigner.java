package dev.latchkey.adapters.token;

import dev.latchkey.core.common.JsonText;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.core.token.TokenSigner;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Signs access tokens as IBM shapes them (reference §9): header {@code {"kid":…,"alg":…}} with no {@code typ},
 * and IBM's claim set with its members in IBM's order. The compact JWS is put together here, straight from
 * the claims to base64url, and signed with the JCA: {@code SHA256withRSA} (RS256) or
 * {@code SHA256withECDSAinP1363Format} (ES256, whose raw {@code r‖s} is what JWS wants), from whichever
 * provider is first (ACCP when installed). This is the token hot path's only work besides the signature, so it
 * builds no intermediate maps and keeps initialised {@link Signature} objects for reuse. Thread-safe.
 */
public final class JcaTokenSigner implements TokenSigner {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final List<String> AMR = List.of("pwd");

    private final SigningKeyRing ring;
    private volatile Prepared prepared;

    public JcaTokenSigner(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public String sign(AccessTokenClaims claims) {
        Prepared p = prepared(ring.active());
        byte[] payload = BASE64URL.encode(claimsJson(claims).getBytes(StandardCharsets.UTF_8));
        byte[] input = Arrays.copyOf(p.header, p.header.length + payload.length);
        System.arraycopy(payload, 0, input, p.header.length, payload.length);
        byte[] signature = BASE64URL.encode(p.sign(input));
        byte[] jws = Arrays.copyOf(input, input.length + 1 + signature.length);
        jws[input.length] = '.';
        System.arraycopy(signature, 0, jws, input.length + 1, signature.length);
        return new String(jws, StandardCharsets.ISO_8859_1);
    }

    /** The payload: IBM's claims for a user or a service ID token, in the order IBM's own tokens have them. */
    static String claimsJson(AccessTokenClaims c) {
        boolean service = "ServiceId".equals(c.subType());
        JsonText authn = new JsonText(160).field("sub", c.subject()).field("iam_id", c.iamId());
        JsonText token = new JsonText(768).field("iam_id", c.iamId()).field("id", c.iamId())
                .field("realmid", c.realm()).field("jti", c.jti()).field("identifier", c.identifier());
        if (service) {
            authn.field("sub_type", c.subType()).field("name", c.name());
            token.field("name", c.name()).field("sub", c.subject()).field("sub_type", c.subType());
        } else {
            authn.field("name", c.name()).field("given_name", c.givenName()).field("family_name", c.familyName())
                    .field("email", c.email());
            token.field("given_name", c.givenName()).field("family_name", c.familyName()).field("name", c.name())
                    .field("email", c.email()).field("sub", c.subject());
        }
        JsonText account = new JsonText(80).field("valid", true).field("bss", c.accountId()).field("frozen", true);
        token.field("authn", authn).field("account", account);
        if (c.authnAccountId() != null) {
            // Latchkey's own claim, only on a token from a user API key of another account (decision 0034)
            token.field(AccessTokenClaims.AUTHN_ACCOUNT_CLAIM, c.authnAccountId());
        }
        return token
                .field("iat", c.issuedAt().getEpochSecond()).field("exp", c.expiresAt().getEpochSecond())
                .field("iss", c.issuer()).field("grant_type", c.grantType()).field("scope", AccessTokenClaims.SCOPE)
                .field("client_id", c.clientId()).field("acr", 1).array("amr", AMR)
                .toJson();
    }

    private Prepared prepared(SigningKey key) {
        Prepared p = prepared;
        if (p == null || !p.kid.equals(key.kid())) {
            p = new Prepared(key); // a rotation: two racing threads may both prepare, which is harmless
            prepared = p;
        }
        return p;
    }

    /**
     * The active key made ready: its encoded header ({@code base64url(header) + "."}) and a pool of {@link Signature}s
     * initialised with it. A signature is taken and put back without blocking in between, so the pool holds at
     * most as many as there are threads signing at once: the carrier threads and any {@code --signing-threads}.
     */
    private static final class Prepared {
        final String kid;
        final byte[] header;
        private final String jcaAlgorithm;
        private final PrivateKey key;
        private final ConcurrentLinkedQueue<Signature> idle = new ConcurrentLinkedQueue<>();

        Prepared(SigningKey key) {
            this.kid = key.kid();
            this.key = key.keyPair().getPrivate();
            boolean rsa = key.algorithm().equals(SigningKeyRing.RS256);
            this.jcaAlgorithm = rsa ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
            String headerJson = new JsonText(48).field("kid", kid).field("alg", key.algorithm()).toJson();
            this.header = (BASE64URL.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + '.')
                    .getBytes(StandardCharsets.ISO_8859_1);
            idle.add(newSignature()); // fails at start, not on the first request, when the key is unusable
        }

        byte[] sign(byte[] input) {
            Signature signature = idle.poll();
            if (signature == null) {
                signature = newSignature();
            }
            byte[] result;
            try {
                signature.update(input);
                result = signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing an access token with key " + kid + " failed", e);
            }
            idle.offer(signature); // sign() left it initialised for the next signature
            return result;
        }

        private Signature newSignature() {
            try {
                Signature signature = Signature.getInstance(jcaAlgorithm);
                signature.initSign(key);
                return signature;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot sign with key " + kid + " (" + jcaAlgorithm + ")", e);
            }
        }
    }
}
