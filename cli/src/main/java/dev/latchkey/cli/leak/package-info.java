/** CLI command for reviewing leaked keys. */
package dev.latchkey.cli.leak;
