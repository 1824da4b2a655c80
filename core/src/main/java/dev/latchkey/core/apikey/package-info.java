/**
 * API keys: the key format with its checksum, the hashed stored form, the service that creates and manages keys
 * under {@link dev.latchkey.core.access.AccessDecider}'s rules, history, and batched activity counting.
 */
package dev.latchkey.core.apikey;
