/** CLI commands for an account's webhook endpoints and its notification outbox. */
package dev.latchkey.cli.notification;
