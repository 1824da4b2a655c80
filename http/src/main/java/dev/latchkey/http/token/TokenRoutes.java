package dev.latchkey.http.token;

import dev.latchkey.core.audit.AuditOrigin;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.core.token.SigningKeySchedule;
import dev.latchkey.core.token.TokenOutcome;
import dev.latchkey.core.token.TokenRefusal;
import dev.latchkey.core.token.TokenService;
import dev.latchkey.http.Audience;
import dev.latchkey.http.ErrorBodies;
import dev.latchkey.http.Exchange;
import dev.latchkey.http.HttpMetrics;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * IBM's token service: {@code POST /identity/token} (API key grant), the published verification keys at
 * {@code GET /identity/keys}, and OpenID discovery. All public: the API key in the form is the credential.
 */
public final class TokenRoutes {
    private static final byte[] BODY_START = "{\"access_token\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final boolean[] JWS_CHARS = new boolean[256]; // base64url and '.'

    static {
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.".chars().forEach(c -> JWS_CHARS[c] = true);
    }

    static final String JWKS_CACHE_CONTROL = "public, max-age=" + SigningKeySchedule.JWKS_MAX_AGE.toSeconds();

    /** The metrics' labels, by index: grant types, outcomes (issued, each refusal, then the two below), algorithms. */
    private static final String[] GRANTS = {"apikey", "password", "unknown"};
    private static final String[] OUTCOMES = Stream.concat(Stream.concat(Stream.of("issued"),
            Arrays.stream(TokenRefusal.values()).map(r -> r.name().toLowerCase(Locale.ROOT))),
            Stream.of("invalid_request", "failed")).toArray(String[]::new);
    private static final String[] ALGORITHMS = {SigningKeyRing.RS256, SigningKeyRing.ES256, "none"};
    private static final int APIKEY = 0;
    private static final int PASSWORD = 1;
    private static final int UNKNOWN = 2;
    private static final int INVALID_REQUEST = OUTCOMES.length - 2;
    private static final int FAILED = OUTCOMES.length - 1;
    private static final int NO_ALGORITHM = 2;

    private final TokenService tokens;
    private final SigningKeyRing ring;
    private final String issuer;
    private final String publicUrl;
    private final HttpMetrics metrics;
    /** One timer per grant, outcome and algorithm, asked of {@link #metrics} on first use; null: not measured. */
    private final AtomicReferenceArray<HttpMetrics.Timing> timings;

    public TokenRoutes(TokenService tokens, SigningKeyRing ring, String issuer, String publicUrl) {
        this(tokens, ring, issuer, publicUrl, HttpMetrics.NONE);
    }

    /** As above, timing every token answer in {@code metrics} by grant type, outcome and algorithm. */
    public TokenRoutes(TokenService tokens, SigningKeyRing ring, String issuer, String publicUrl, HttpMetrics metrics) {
        this.tokens = tokens;
        this.ring = ring;
        this.issuer = issuer;
        this.publicUrl = publicUrl;
        this.metrics = metrics;
        this.timings = metrics == HttpMetrics.NONE ? null
                : new AtomicReferenceArray<>(GRANTS.length * OUTCOMES.length * ALGORITHMS.length);
    }

    public void register(RouteTable routes) {
        // the token route records refused exchanges and sign-ins in the audit log: they carry this request's origin
        routes.direct(HandlerType.POST, "/identity/token", Audience.PUBLIC, (exchange, caller) -> {
            AuditOrigin.begin(exchange::ip, exchange.trace());
            try {
                token(exchange);
            } finally {
                AuditOrigin.end();
            }
        });
        routes.get("/identity/keys", Audience.PUBLIC, (ctx, caller) -> keys(ctx));
        routes.get("/identity/.well-known/openid-configuration", Audience.PUBLIC, (ctx, caller) -> discovery(ctx));
    }

    /**
     * Reads the request into a grant, has the token service decide, and answers: the token, or IBM's refusal
     * (with {@code Retry-After} when the password grant must wait). The client address is {@link Exchange#ip()}: the
     * TCP peer, or what a trusted proxy forwards, so a client cannot claim an allowed address.
     */
    private void token(Exchange exchange) {
        long started = timings == null ? 0 : System.nanoTime();
        int grant = UNKNOWN;
        int outcome = FAILED; // until an answer is made: a failure thrown on the way is answered 500 or 503
        int algorithm = NO_ALGORITHM;
        try {
            TokenOutcome decided;
            switch (TokenRequest.read(exchange)) {
                case TokenRequest.Unreadable bad -> {
                    ErrorBodies.token(exchange, 400, bad.code(), bad.message(), bad.details());
                    outcome = INVALID_REQUEST;
                    return;
                }
                case TokenRequest.ApiKeyGrant request -> {
                    grant = APIKEY;
                    decided = tokens.exchange(request.apikey(), request.account(), request.tenants(), request.client(),
                            exchange.ip());
                }
                case TokenRequest.PasswordGrant request -> {
                    grant = PASSWORD;
                    decided = tokens.exchangePassword(request.username(), request.password(), request.account(),
                            request.client(), exchange.ip());
                }
            }
            answer(exchange, decided);
            if (decided instanceof TokenOutcome.Refused refused) {
                outcome = 1 + refused.refusal().ordinal();
            } else {
                outcome = 0;
                if (timings != null) { // the label costs a look at the ring: only when something counts it
                    algorithm = SigningKeyRing.ES256.equals(ring.active().algorithm()) ? 1 : 0;
                }
            }
        } finally {
            if (timings != null) {
                timing(grant, outcome, algorithm).record(System.nanoTime() - started);
            }
        }
    }

    private HttpMetrics.Timing timing(int grant, int outcome, int algorithm) {
        int i = (grant * OUTCOMES.length + outcome) * ALGORITHMS.length + algorithm;
        HttpMetrics.Timing timing = timings.get(i);
        if (timing == null) { // two first answers at once may both ask: the registry gives both the same timer
            timing = metrics.tokenExchanges(GRANTS[grant], OUTCOMES[outcome], ALGORITHMS[algorithm]);
            timings.set(i, timing);
        }
        return timing;
    }

    private static void answer(Exchange exchange, TokenOutcome outcome) {
        switch (outcome) {
            case TokenOutcome.Issued issued -> exchange.header("Cache-Control", "no-store")
                    .send(200, "application/json", issuedBody(issued));
            case TokenOutcome.Refused refused -> {
                if (refused.retryAfterSeconds() > 0) {
                    exchange.header("Retry-After", Long.toString(refused.retryAfterSeconds()));
                }
                TokenRefusal refusal = refused.refusal();
                ErrorBodies.token(exchange, TokenErrors.status(refusal), TokenErrors.code(refusal), refused.message(),
                        TokenErrors.details(refusal));
            }
        }
    }

    /**
     * IBM's success body (reference §6), written directly rather than through {@link Json}: this is the hottest
     * answer, and Jackson's generator and per-character escaping cost more than the rest of the route. Nothing
     * in it needs escaping: the token is a JWS in compact form (base64url and dots only, checked), the other
     * values are numbers and constants. {@code refresh_token} is "not_supported" as for IBM's default client.
     */
    static byte[] issuedBody(TokenOutcome.Issued issued) {
        byte[] token = issued.accessToken().getBytes(StandardCharsets.ISO_8859_1);
        for (byte b : token) {
            if (!JWS_CHARS[b & 0xff]) {
                throw new IllegalStateException("an access token is not a compact JWS");
            }
        }
        byte[] tail = ("\",\"refresh_token\":\"not_supported\",\"token_type\":\"Bearer\",\"expires_in\":"
                + issued.expiresIn() + ",\"expiration\":" + issued.expiration() + ",\"scope\":\"ibm openid\"}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOf(BODY_START, BODY_START.length + token.length + tail.length);
        System.arraycopy(token, 0, body, BODY_START.length, token.length);
        System.arraycopy(tail, 0, body, BODY_START.length + token.length, tail.length);
        return body;
    }

    /**
     * The published keys: pending, active and retiring. Verifiers may cache them for {@link #JWKS_CACHE_CONTROL}'s
     * max-age; a new key is published longer than that before it signs (decision record 0027).
     */
    private void keys(Context ctx) {
        List<Map<String, Object>> keys = ring.published().stream().map(TokenRoutes::jwk).map(JWK::toJSONObject)
                .toList();
        ctx.header("Cache-Control", JWKS_CACHE_CONTROL);
        Json.send(ctx, 200, Map.of("keys", keys));
    }

    private static JWK jwk(SigningKey key) {
        if (key.algorithm().equals(SigningKeyRing.RS256)) {
            return new RSAKey.Builder((RSAPublicKey) key.keyPair().getPublic()).keyID(key.kid())
                    .algorithm(JWSAlgorithm.RS256).build();
        }
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) key.keyPair().getPublic()).keyID(key.kid())
                .algorithm(JWSAlgorithm.ES256).build();
    }

    private void discovery(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("token_endpoint", publicUrl + "/identity/token");
        body.put("jwks_uri", publicUrl + "/identity/keys");
        body.put("response_types_supported", List.of("cloud_iam"));
        body.put("grant_types_supported", List.of(TokenRequest.GRANT_APIKEY, TokenRequest.GRANT_PASSWORD));
        body.put("subject_types_supported", List.of("public"));
        body.put("token_endpoint_auth_methods_supported", List.of("none", "client_secret_basic"));
        body.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
        body.put("scopes_supported", List.of("openid"));
        body.put("claims_supported", List.of("iam_id", "id", "realmid", "identifier", "sub", "sub_type", "name",
                "given_name", "family_name", "email", "account", "iat", "exp", "iss", "grant_type", "scope",
                "client_id", "acr", "amr"));
        Json.send(ctx, 200, body);
    }
}
