package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * An IAM access token with its expiry (epoch seconds) and the identity its JWT payload names. The
 * signature is not checked: the CLI only reads its own token to learn who it is, the server verifies it.
 */
public record AccessToken(String value, long expiration, String iamId, String accountId) {
    /** Seconds before expiry at which a cached token is no longer used, so a call never races the expiry. */
    static final long REFRESH_MARGIN_SECONDS = 60;

    /** Builds a token from a {@code POST /identity/token} answer; {@code now} fills in a missing expiry. */
    public static AccessToken fromTokenResponse(JsonNode body, Instant now) {
        String value = Json.text(body, "access_token");
        if (value == null || value.isBlank()) {
            throw new CliException("the token answer holds no access_token");
        }
        JsonNode claims = claims(value);
        long expiration;
        if (body.path("expiration").canConvertToLong()) {
            expiration = body.path("expiration").asLong();
        } else if (body.path("expires_in").canConvertToLong()) {
            expiration = now.getEpochSecond() + body.path("expires_in").asLong();
        } else {
            expiration = claims.path("exp").asLong(now.getEpochSecond());
        }
        return new AccessToken(value, expiration, Json.text(claims, "iam_id"),
                Json.text(claims.path("account"), "bss"));
    }

    /** True while the token may still be sent at {@code now}. */
    public boolean usableAt(Instant now) {
        return now.getEpochSecond() < expiration - REFRESH_MARGIN_SECONDS;
    }

    private static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return Json.object();
        }
        try {
            return Json.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            return Json.object();
        }
    }

    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, expiration=" + expiration + ", iamId=" + iamId
                + ", accountId=" + accountId + "]";
    }
}
