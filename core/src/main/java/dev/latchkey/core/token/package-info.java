/**
 * Tokens: exchanging an API key for a signed access token on the hot path, the claim set IBM's clients expect,
 * and the ring of signing keys that are published for offline verification.
 */
package dev.latchkey.core.token;
