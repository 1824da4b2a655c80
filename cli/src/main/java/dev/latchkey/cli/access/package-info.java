/**
 * Access management commands: access policies ({@code /v2/policies}; an identity or an access group as subject,
 * time-based conditions), the roles {@code GET /v2/roles} offers and the account's custom roles, and access groups
 * with their members ({@code /v2/groups}). Role names given on the command line are turned into role CRNs by asking
 * the server, so the CLI holds no copy of the role table.
 */
package dev.latchkey.cli.access;
