package dev.latchkey.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.settings.ExternalInteractions;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Principal}: the JWT must be signed by one of this
 * server's published keys, issued by it, and unexpired. A verified token is remembered until it expires, so repeat
 * calls cost one cache lookup and a look at whether its key is still published (a key replaced at once is not).
 * Thread-safe.
 */
public final class AccessTokenVerifier {
    private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
    private static final java.util.regex.Pattern BARE_JWT =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private final SigningKeyRing ring;
    private final String issuer;
    private final Clock clock;
    private final Cache<String, Verified> verified;
    private final Cache<String, JWSVerifier> verifiers = Caffeine.newBuilder().maximumSize(100).build();
    private final BiPredicate<String, String> holderMayAct;
    private final ExternalInteractions externals;
    private volatile Instant lastReload = Instant.EPOCH;

    private record Verified(Principal principal, String kid, Instant expiresAt) {
    }

    /**
     * {@code holderMayAct} tells whether a token's identity may still act in its account ({@code iamId, accountId});
     * it is asked on every request, after the signature (a cached verification included).
     */
    public AccessTokenVerifier(SigningKeyRing ring, String issuer, Clock clock, BiPredicate<String, String> holderMayAct) {
        this(ring, issuer, clock, holderMayAct, null);
    }

    /**
     * {@code externals}, when not null, decides on every request whether the token's account admits an identity
     * that authenticated in another account (decision 0034); a refusal is a 403.
     */
    public AccessTokenVerifier(SigningKeyRing ring, String issuer, Clock clock, BiPredicate<String, String> holderMayAct,
                               ExternalInteractions externals) {
        this.externals = externals;
        this.ring = ring;
        this.issuer = issuer;
        this.clock = clock;
        this.holderMayAct = holderMayAct;
        this.verified = Caffeine.newBuilder().maximumSize(100_000).expireAfter(new Expiry<String, Verified>() {
            @Override
            public long expireAfterCreate(String key, Verified value, long currentTime) {
                return Math.max(0, Duration.between(clock.instant(), value.expiresAt()).toNanos());
            }

            @Override
            public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /**
     * Longer than any token Latchkey signs (about 1,350 characters for RS256, with names and e-mail at their
     * longest well under 4,096): refused before it is parsed.
     */
    static final int MAX_TOKEN_CHARS = 4096;

    /**
     * The principal of an {@code Authorization} header: {@code Bearer <token>}, or the bare token, which IBM's
     * policy decision clients send (it must look like a JWT, three dot-separated parts, to be taken as one).
     */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new HttpRefusal(WireError.MISSING_AUTHORIZATION, "No authorization header found.");
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return admitted(authenticateToken(authorization.substring(7).strip()));
        }
        if (BARE_JWT.matcher(authorization.strip()).matches()) {
            return admitted(authenticateToken(authorization.strip()));
        }
        throw invalid("The Authorization header must be 'Bearer <access token>'.");
    }

    /** The caller, unless its token's account refuses identities that authenticated where it did (403). */
    private Principal admitted(Principal principal) {
        if (externals != null && principal.authnAccountId() != null) {
            externals.refusal(principal, ExternalInteractions.Where.REQUEST).ifPresent(reason -> {
                throw DomainException.forbidden(reason);
            });
        }
        return principal;
    }

    /** The principal of an access token this server issued; throws 401 INVALID_ACCESS_TOKEN saying why not. */
    public Principal authenticateToken(String token) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid("The provided access token is invalid: it is longer than any token this server issues.");
        }
        Verified hit = verified.getIfPresent(token);
        Principal principal;
        if (hit != null && clock.instant().isBefore(hit.expiresAt())) {
            if (ring.find(hit.kid()).isEmpty()) {
                throw retired();
            }
            principal = hit.principal();
        } else {
            Verified fresh = verify(token);
            verified.put(token, fresh);
            principal = fresh.principal();
        }
        if (!holderMayAct.test(principal.iamId(), principal.accountId())) {
            throw invalid("The provided access token is no longer valid: " + principal.iamId() + (principal.isServiceId()
                    ? " no longer exists in account " + principal.accountId() + "."
                    : " is not a member of account " + principal.accountId() + " any more."));
        }
        return principal;
    }

    private Verified verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("The provided access token is invalid: it is not a signed JWT.");
        }
        String kid = jwt.getHeader().getKeyID();
        SigningKey key = kid == null ? null : findKey(kid).orElse(null);
        if (key == null && ring.schedule().status(kid).isPresent()) {
            throw retired();
        }
        if (key == null || !key.algorithm().equals(jwt.getHeader().getAlgorithm().getName())) {
            throw invalid("The provided access token is invalid: it was not signed by this server.");
        }
        try {
            if (!jwt.verify(verifier(key))) {
                throw invalid("The provided access token is invalid: its signature does not verify.");
            }
        } catch (JOSEException e) {
            throw invalid("The provided access token is invalid: its signature does not verify.");
        }
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null || !now.isBefore(claims.getExpirationTime().toInstant())) {
            throw invalid("The provided access token has expired; request a new one.");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw invalid("The provided access token is invalid: it was issued by someone else.");
        }
        try {
            String iamId = claims.getStringClaim("iam_id");
            Map<String, Object> account = claims.getJSONObjectClaim("account");
            Object bss = account == null ? null : account.get("bss");
            if (iamId == null || !(bss instanceof String accountId)) {
                throw invalid("The provided access token is invalid: it names no identity or account.");
            }
            String authnAccount = claims.getStringClaim(AccessTokenClaims.AUTHN_ACCOUNT_CLAIM);
            return new Verified(new Principal(iamId, accountId, authnAccount), kid,
                    claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw invalid("The provided access token is invalid: its claims are malformed.");
        }
    }

    private Optional<SigningKey> findKey(String kid) {
        Optional<SigningKey> key = ring.find(kid);
        Instant now = clock.instant();
        // a kid never seen may be a key another node just made; a retired one is known and stays refused
        if (key.isEmpty() && ring.schedule().status(kid).isEmpty() && now.isAfter(lastReload.plus(RELOAD_INTERVAL))) {
            lastReload = now;
            ring.reload();
            key = ring.find(kid);
        }
        return key;
    }

    private JWSVerifier verifier(SigningKey key) {
        return verifiers.get(key.kid(), kid -> {
            try {
                return key.algorithm().equals(SigningKeyRing.RS256)
                        ? new RSASSAVerifier((RSAPublicKey) key.keyPair().getPublic())
                        : new ECDSAVerifier((ECPublicKey) key.keyPair().getPublic());
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot build a verifier for key " + kid, e);
            }
        });
    }

    private static HttpRefusal retired() {
        return invalid("The provided access token is no longer valid: the key that signed it has been retired; "
                + "request a new one.");
    }

    private static HttpRefusal invalid(String message) {
        return new HttpRefusal(WireError.INVALID_ACCESS_TOKEN, message);
    }
}
