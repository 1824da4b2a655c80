package dev.latchkey.adapters.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.core.token.AccessTokenClaims;
import dev.latchkey.core.token.SigningKey;
import dev.latchkey.core.token.SigningKeyRing;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The signer writes the compact JWS itself, so every token here is read back and checked by Nimbus, the JOSE
 * library the verifying side uses: header, signature, and every claim with IBM's names, values and order.
 */
class JcaTokenSignerTest {
    private static final Instant ISSUED = Instant.parse("2026-11-27T10:00:00.900Z");
    private static final SigningKeyRing ES256_RING = SigningKeyRing.inMemory(SigningKeyRing.ES256);

    @ParameterizedTest
    @ValueSource(strings = {SigningKeyRing.RS256, SigningKeyRing.ES256})
    void aUserTokenHasIbmsHeaderAndClaimsInIbmsOrderAndVerifiesWithTheActiveKey(String alg) throws Exception {
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        SignedJWT jwt = SignedJWT.parse(new JcaTokenSigner(ring).sign(user("Ada \"the\" Lovelace", "ada@example.com")));

        String kid = ring.active().kid();
        assertThat(jwt.getHeader().getParsedBase64URL().decodeToString())
                .isEqualTo("{\"kid\":\"" + kid + "\",\"alg\":\"" + alg + "\"}");
        assertThat(jwt.verify(verifier(ring.active()))).isTrue();

        Map<String, Object> payload = JSONObjectUtils.parse(jwt.getPayload().toString());
        assertThat(payload.keySet()).containsExactly("iam_id", "id", "realmid", "jti", "identifier", "given_name",
                "family_name", "name", "email", "sub", "authn", "account", "iat", "exp", "iss", "grant_type",
                "scope", "client_id", "acr", "amr");
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("iam_id")).isEqualTo("IBMid-ada");
        assertThat(claims.getStringClaim("id")).isEqualTo("IBMid-ada");
        assertThat(claims.getStringClaim("realmid")).isEqualTo("IBMid");
        assertThat(claims.getJWTID()).isEqualTo("jti-1");
        assertThat(claims.getStringClaim("identifier")).isEqualTo("ada-id");
        assertThat(claims.getStringClaim("given_name")).isEqualTo("Ada");
        assertThat(claims.getStringClaim("family_name")).isEqualTo("Lovelace");
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada \"the\" Lovelace");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
        assertThat(claims.getSubject()).isEqualTo("ada@example.com");
        assertThat(claims.getJSONObjectClaim("authn")).containsExactly(Map.entry("sub", "ada@example.com"),
                Map.entry("iam_id", "IBMid-ada"), Map.entry("name", "Ada \"the\" Lovelace"),
                Map.entry("given_name", "Ada"), Map.entry("family_name", "Lovelace"),
                Map.entry("email", "ada@example.com"));
        assertThat(claims.getJSONObjectClaim("account")).containsExactly(Map.entry("valid", true),
                Map.entry("bss", "acct-1"), Map.entry("frozen", true));
        assertThat(payload.get("iat")).isEqualTo(ISSUED.getEpochSecond());
        assertThat(payload.get("exp")).isEqualTo(ISSUED.getEpochSecond() + 3600);
        assertThat(claims.getIssuer()).isEqualTo("https://iam.example/identity");
        assertThat(claims.getStringClaim("grant_type")).isEqualTo(AccessTokenClaims.GRANT_APIKEY);
        assertThat(claims.getStringClaim("scope")).isEqualTo("ibm openid");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("default");
        assertThat(payload.get("acr")).isEqualTo(1L);
        assertThat(claims.getStringListClaim("amr")).containsExactly("pwd");
    }

    @ParameterizedTest
    @ValueSource(strings = {SigningKeyRing.RS256, SigningKeyRing.ES256})
    void aServiceIdTokenHasTheServiceIdClaimsInIbmsOrder(String alg) throws Exception {
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        AccessTokenClaims service = new AccessTokenClaims("jti-2", "iam-ServiceId-1", "ServiceId-1", "iam",
                "ServiceId", "ServiceId-1", "deployer", null, null, null, "acct-1", ISSUED, ISSUED.plusSeconds(3600),
                "https://iam.example/identity", AccessTokenClaims.GRANT_APIKEY, "default");
        SignedJWT jwt = SignedJWT.parse(new JcaTokenSigner(ring).sign(service));

        assertThat(jwt.verify(verifier(ring.active()))).isTrue();
        Map<String, Object> payload = JSONObjectUtils.parse(jwt.getPayload().toString());
        assertThat(payload.keySet()).containsExactly("iam_id", "id", "realmid", "jti", "identifier", "name", "sub",
                "sub_type", "authn", "account", "iat", "exp", "iss", "grant_type", "scope", "client_id", "acr", "amr");
        assertThat(jwt.getJWTClaimsSet().getJSONObjectClaim("authn")).containsExactly(
                Map.entry("sub", "ServiceId-1"), Map.entry("iam_id", "iam-ServiceId-1"),
                Map.entry("sub_type", "ServiceId"), Map.entry("name", "deployer"));
    }

    @Property(tries = 300)
    void anyNameOrEmailReadsBackExactly(@ForAll @StringLength(max = 40) String name,
                                        @ForAll @StringLength(max = 20) @CharRange(from = 0, to = 0x7f)
                                        @Chars({'\u2028', '\u2029', '\ud83d', '\ude00', '\u00e9'}) String email)
            throws Exception {
        SigningKeyRing ring = ES256_RING;
        SignedJWT jwt = SignedJWT.parse(new JcaTokenSigner(ring).sign(user(name, email)));
        assertThat(jwt.verify(verifier(ring.active()))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("name")).isEqualTo(name);
        assertThat(claims.getStringClaim("email")).isEqualTo(email);
        assertThat(claims.getJSONObjectClaim("authn").get("name")).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {SigningKeyRing.RS256, SigningKeyRing.ES256})
    void tokensSignedOnManyThreadsAtOnceAllVerify(String alg) throws Exception {
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        JcaTokenSigner signer = new JcaTokenSigner(ring);
        List<Future<String>> tokens = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                String name = "user-" + i;
                tokens.add(pool.submit(() -> signer.sign(user(name, name + "@example.com"))));
            }
        }
        JWSVerifier verifier = verifier(ring.active());
        for (int i = 0; i < tokens.size(); i++) {
            SignedJWT jwt = SignedJWT.parse(tokens.get(i).get());
            assertThat(jwt.verify(verifier)).as("token %d", i).isTrue();
            assertThat(jwt.getJWTClaimsSet().getStringClaim("name")).isEqualTo("user-" + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {SigningKeyRing.RS256, SigningKeyRing.ES256})
    void afterARotationTokensCarryTheNewKidAndVerifyOnlyWithTheNewKey(String alg) throws Exception {
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        JcaTokenSigner signer = new JcaTokenSigner(ring);
        SigningKey old = ring.active();
        signer.sign(user("before", "b@example.com"));

        String replacement = ring.replaceNow().kid();
        SigningKey rotated = ring.active();
        SignedJWT jwt = SignedJWT.parse(signer.sign(user("after", "a@example.com")));

        assertThat(rotated.kid()).isEqualTo(replacement).isNotEqualTo(old.kid());
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(rotated.kid());
        assertThat(jwt.verify(verifier(rotated))).isTrue();
        assertThat(jwt.verify(verifier(old))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {SigningKeyRing.RS256, SigningKeyRing.ES256})
    void aTamperedPayloadNoLongerVerifies(String alg) throws Exception {
        SigningKeyRing ring = SigningKeyRing.inMemory(alg);
        String[] parts = new JcaTokenSigner(ring).sign(user("Ada", "ada@example.com")).split("\\.");
        String payload = Base64URL.encode(Base64URL.from(parts[1]).decodeToString()
                .replace("\"given_name\":\"Ada\"", "\"given_name\":\"Eve\"")).toString();
        SignedJWT jwt = SignedJWT.parse(parts[0] + "." + payload + "." + parts[2]);
        assertThat(jwt.getJWTClaimsSet().getStringClaim("given_name")).isEqualTo("Eve");
        assertThat(jwt.verify(verifier(ring.active()))).isFalse();
    }

    private static AccessTokenClaims user(String name, String email) {
        return new AccessTokenClaims("jti-1", "IBMid-ada", "ada-id", "IBMid", "user", email, name, "Ada",
                "Lovelace", email, "acct-1", ISSUED, ISSUED.plusSeconds(3600), "https://iam.example/identity",
                AccessTokenClaims.GRANT_APIKEY, "default");
    }

    private static JWSVerifier verifier(SigningKey key) throws Exception {
        return key.algorithm().equals(SigningKeyRing.RS256)
                ? new RSASSAVerifier((RSAPublicKey) key.keyPair().getPublic())
                : new ECDSAVerifier((ECPublicKey) key.keyPair().getPublic());
    }
}
