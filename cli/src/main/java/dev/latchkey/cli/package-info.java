/**
 * The Latchkey command line: picocli commands that call the HTTP API with a token obtained from the
 * saved profile's API key; it never opens a database. {@link dev.latchkey.cli.CliCommands} is the entry
 * point for the app's top-level command, {@link dev.latchkey.cli.ApiClient} the one way to the server.
 */
package dev.latchkey.cli;
