package dev.latchkey.cli;

/**
 * What {@code latchkey login} remembers: the server URL, the API key, the account asked for (may be
 * null) and the last access token (may be null). {@code toString()} hides the key and the token.
 */
public record Profile(String url, String apikey, String accountId, AccessToken token) {
    public Profile {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        if (apikey == null || apikey.isBlank()) {
            throw new IllegalArgumentException("apikey is required");
        }
        // Paths are appended to the URL, so a trailing slash would give "//v1/...".
        url = url.strip().replaceAll("/+$", "");
    }

    public Profile withToken(AccessToken newToken) {
        return new Profile(url, apikey, accountId, newToken);
    }

    @Override
    public String toString() {
        return "Profile[url=" + url + ", apikey=<redacted>, accountId=" + accountId + ", token=" + token + "]";
    }
}
