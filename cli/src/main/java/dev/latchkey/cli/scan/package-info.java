/**
 * {@code latchkey scan}: finds Latchkey API keys and invitation tokens in files by their prefix and checksum,
 * offline, and with {@code --report} hands the API keys to the server's leak intake ({@code POST /v1/leaks}).
 * Only the display prefix of a found key is ever printed.
 */
package dev.latchkey.cli.scan;
