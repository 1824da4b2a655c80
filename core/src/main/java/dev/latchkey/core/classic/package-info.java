/**
 * Classic infrastructure API keys: one per user and account, retrievable by their owner (sealed at rest, not only
 * hashed), managed by the user and by every ancestor of the user in the account's invitation hierarchy — and by
 * no role, not even Administrator. They authenticate classic-style APIs with HTTP Basic (user name and key).
 */
package dev.latchkey.core.classic;
