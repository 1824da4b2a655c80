package dev.latchkey.console;

/**
 * Who may open a console page at all; finer decisions (whose keys, which views) are the services' own, through
 * the same AccessDecider as the API. Every page names one: there is no default.
 */
public enum Access {
    /** Anyone: sign-in, accepting an invitation, resetting a forgotten password. */
    ANYONE,
    /** A live console session; others are sent to sign in. */
    SIGNED_IN
}
