/**
 * Commands that list, create and delete access policies through {@code /v1/policies} and list the roles
 * {@code GET /v2/roles} offers; role names given on the command line are turned into role CRNs by asking the
 * server, so the CLI holds no copy of the role table.
 */
package dev.latchkey.cli.access;
