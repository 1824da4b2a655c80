/**
 * Commands that list, show, create, update, delete, lock and disable API keys through {@code /v1/apikeys}.
 * {@link dev.latchkey.cli.apikey.KeyArgument} is the {@code NAME|ID} argument (and {@code --service-id}) they share;
 * {@link dev.latchkey.cli.apikey.KeyResolver} turns it into a key ID.
 */
package dev.latchkey.cli.apikey;
