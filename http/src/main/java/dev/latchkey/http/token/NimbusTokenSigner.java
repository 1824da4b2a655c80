package dev.latchkey.http.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.core.token.TokenSigner;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs access tokens as IBM shapes them (reference §9): header {@code {kid, alg}} with no {@code typ}, and
 * IBM's claim set. Uses the ring's active key and whichever JCA provider is first (ACCP when installed).
 * Thread-safe.
 */
public final class NimbusTokenSigner implements TokenSigner {
    private final SigningKeyRing ring;
    private final Cache<String, Prepared> prepared = Caffeine.newBuilder().maximumSize(16).build();

    private record Prepared(JWSHeader header, JWSSigner signer) {
    }

    public NimbusTokenSigner(SigningKeyRing ring) {
        this.ring = ring;
    }

    @Override
    public String sign(AccessTokenClaims claims) {
        SigningKey key = ring.active();
        Prepared p = prepared.get(key.kid(), kid -> prepare(key));
        SignedJWT jwt = new SignedJWT(p.header(), toClaimsSet(claims));
        try {
            jwt.sign(p.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return jwt.serialize();
    }

    static JWTClaimsSet toClaimsSet(AccessTokenClaims c) {
        boolean service = "ServiceId".equals(c.subType());
        Map<String, Object> authn = new LinkedHashMap<>();
        authn.put("sub", c.subject());
        authn.put("iam_id", c.iamId());
        if (service) {
            authn.put("sub_type", c.subType());
            authn.put("name", c.name());
        } else {
            authn.put("name", c.name());
            authn.put("given_name", c.givenName());
            authn.put("family_name", c.familyName());
            authn.put("email", c.email());
        }
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("valid", true);
        account.put("bss", c.accountId());
        account.put("frozen", true);
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .claim("iam_id", c.iamId())
                .claim("id", c.iamId())
                .claim("realmid", c.realm())
                .jwtID(c.jti())
                .claim("identifier", c.identifier());
        if (service) {
            b.claim("name", c.name()).subject(c.subject()).claim("sub_type", c.subType());
        } else {
            b.claim("given_name", c.givenName()).claim("family_name", c.familyName()).claim("name", c.name())
                    .claim("email", c.email()).subject(c.subject());
        }
        return b.claim("authn", authn)
                .claim("account", account)
                .issueTime(Date.from(c.issuedAt()))
                .expirationTime(Date.from(c.expiresAt()))
                .issuer(c.issuer())
                .claim("grant_type", c.grantType())
                .claim("scope", AccessTokenClaims.SCOPE)
                .claim("client_id", c.clientId())
                .claim("acr", 1)
                .claim("amr", List.of("pwd"))
                .build();
    }

    private static Prepared prepare(SigningKey key) {
        try {
            if (key.algorithm().equals(SigningKeyRing.RS256)) {
                return new Prepared(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(),
                        new RSASSASigner(key.keyPair().getPrivate()));
            }
            return new Prepared(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).build(),
                    new ECDSASigner((ECPrivateKey) key.keyPair().getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot use signing key " + key.kid(), e);
        }
    }
}
