package dev.latchkey.http.token;

import dev.latchkey.core.common.Secret;
import dev.latchkey.http.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A {@code POST /identity/token} as read from the wire: one of the two grants, or the reason it cannot be one, in
 * IBM's token-service vocabulary. Reading checks only the request's form; whether the credential is any good is
 * the token service's to decide.
 */
sealed interface TokenRequest {
    String GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey";
    String GRANT_PASSWORD = "password";
    /** IBM's code for a property that fails validation. */
    String INVALID_PROPERTY = "BXNIM0106E";
    /** Latchkey's code for a body that is not form encoding. */
    String NOT_A_FORM = "LKIAM0109E";

    /** {@code client} is the OAuth client id: "default" without client authentication. */
    record ApiKeyGrant(Secret apikey, String account, Set<String> tenants, String client) implements TokenRequest {
    }

    record PasswordGrant(String username, Secret password, String account, String client) implements TokenRequest {
    }

    /** A request that is no grant: answered 400 with this code, message and details. */
    record Unreadable(String code, String message, String details) implements TokenRequest {
    }

    static TokenRequest read(Exchange exchange) {
        String contentType = exchange.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new Unreadable(NOT_A_FORM, "The token request must be form-encoded.",
                    "Send Content-Type: application/x-www-form-urlencoded with grant_type and apikey.");
        }
        FormBody form = FormBody.parse(exchange.body()).orElse(null);
        if (form == null) {
            return new Unreadable(NOT_A_FORM, "The token request body is not valid form encoding.",
                    "Percent-encode reserved characters in the form values as %XX, with two hexadecimal digits; "
                            + "no name or value may hold a NUL character (%00).");
        }
        String grantType = form.get("grant_type");
        if (!GRANT_APIKEY.equals(grantType) && !GRANT_PASSWORD.equals(grantType)) {
            return new Unreadable(INVALID_PROPERTY, "Validation of property 'grant_type' with value '"
                    + abbreviate(grantType) + "' failed. Valid values: '" + GRANT_APIKEY + "', '" + GRANT_PASSWORD + "'",
                    null);
        }
        String responseType = form.get("response_type");
        if (responseType != null && !responseType.equals("cloud_iam")) {
            return new Unreadable(INVALID_PROPERTY, "Validation of property 'response_type' with value '"
                    + abbreviate(responseType) + "' failed. Valid values: 'cloud_iam'", null);
        }
        String client = clientId(exchange.header("Authorization"));
        if (client == null) {
            return new Unreadable(INVALID_PROPERTY, "The Authorization header is not valid Basic client authentication.",
                    null);
        }
        if (GRANT_PASSWORD.equals(grantType)) {
            String username = form.get("username");
            String password = form.get("password");
            if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
                return new Unreadable(INVALID_PROPERTY, "Properties 'username' and 'password' are required.",
                        "The password grant needs the form fields username (the e-mail) and password.");
            }
            return new PasswordGrant(username, new Secret(password), form.get("account"), client);
        }
        String apikey = form.get("apikey");
        if (apikey == null || apikey.isEmpty()) {
            return new Unreadable(INVALID_PROPERTY, "Property 'apikey' is missing.",
                    "The API key grant needs the form field apikey.");
        }
        String tenantHeader = exchange.header("IBM-Cloud-Tenant");
        Set<String> tenants = tenantHeader == null ? null : Arrays.stream(tenantHeader.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new ApiKeyGrant(new Secret(apikey), form.get("account"), tenants, client);
    }

    /** "default" without client authentication, the client id with it; null for a malformed header. */
    private static String clientId(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "default";
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
