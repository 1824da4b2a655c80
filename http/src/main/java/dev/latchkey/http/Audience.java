package dev.latchkey.http;

/**
 * Who may call a route at all. Every route must name one; finer decisions (whose keys, which roles) are made by
 * the core's AccessDecider once the caller is known.
 */
public enum Audience {
    /** Anyone, without credentials: the token endpoint, the published keys, discovery, health. */
    PUBLIC,
    /** Any caller with a valid access token from this server. */
    AUTHENTICATED
}
