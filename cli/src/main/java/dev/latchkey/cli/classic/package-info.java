/** CLI commands for classic infrastructure keys. */
package dev.latchkey.cli.classic;
