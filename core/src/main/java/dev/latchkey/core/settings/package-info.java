/**
 * Account settings (IBM IAM Identity's {@code /v1/accounts/{id}/settings/identity}): the stored values, kept
 * exactly as sent, with IBM's defaults when never written, and the rules other features enforce from them —
 * who may create user API keys and service IDs, how long access tokens live, which client addresses may
 * obtain tokens, and (Latchkey's own settings beside IBM's) how long API keys may live and stay unused.
 */
package dev.latchkey.core.settings;
