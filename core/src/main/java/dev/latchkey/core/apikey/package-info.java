/**
 * API keys: the key format with its checksum, the hashed stored form, the service that creates and manages keys
 * under {@link dev.latchkey.core.access.AccessDecider}'s rules, history, and batched activity counting; and the
 * account's key rules: the longest lifetime (and the report of keys that outlive it) and disabling unused keys.
 */
package dev.latchkey.core.apikey;
