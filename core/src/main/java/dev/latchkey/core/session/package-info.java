/**
 * Console sessions: a signed-in browser's session, opened from an access token the token service issued (so sign-in
 * obeys exactly the rules of the token endpoint), ended by signing out, by the token's expiry, or when its holder
 * may no longer act in the account. Only a hash of the session's cookie value is stored.
 */
package dev.latchkey.core.session;
