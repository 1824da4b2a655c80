/**
 * Who holds keys: users (people and functional IDs) and their memberships of accounts. A user's API key
 * authenticates in every account the user is a member of.
 */
package dev.latchkey.core.identity;
