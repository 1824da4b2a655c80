/** {@code latchkey audit}: the account's audit log, as a table, as JSON, or as JSON Lines for a SIEM. */
package dev.latchkey.cli.audit;
