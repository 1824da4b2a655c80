/** CLI commands for the token-signing keys (Latchkey's signing-key API, platform administrators only). */
package dev.latchkey.cli.token;
