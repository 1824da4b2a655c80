/**
 * Storage adapters: Jdbi stores for every core port, on H2 (embedded default) or PostgreSQL with one Flyway
 * migration set, and Caffeine decorators that keep the token hot path off the database.
 */
package dev.latchkey.store;
