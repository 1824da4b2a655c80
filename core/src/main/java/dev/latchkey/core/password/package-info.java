/**
 * Passwords outside sign-in: changing one (the current password proves it, throttled as sign-in is), resetting a
 * forgotten one with a single-use link sent by mail, and the invitation mail whose link lets a new user choose their
 * first. Links carry secrets that are stored only as SHA-256 (decision record 0021).
 */
package dev.latchkey.core.password;
