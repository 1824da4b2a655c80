/**
 * Tokens: exchanging an API key for a signed access token on the hot path, the claim set IBM's clients expect,
 * and the signing keys: published for offline verification, rotated ahead of use and retired once their tokens
 * have expired.
 */
package dev.latchkey.core.token;
