/**
 * Commands that list, show, create, update, delete, lock and disable API keys through {@code /v1/apikeys}.
 * {@link dev.latchkey.cli.apikey.KeyResolver} turns the {@code NAME|ID} argument they share into a key ID.
 */
package dev.latchkey.cli.apikey;
