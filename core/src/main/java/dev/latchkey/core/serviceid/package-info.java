/**
 * Service IDs: account-scoped identities for applications ({@code ServiceId-<uuid>}, IAM id
 * {@code iam-ServiceId-<uuid>}). Their API keys authenticate as them in their own account only. The service
 * creates, lists, changes, locks and deletes them under {@link dev.latchkey.core.access.AccessDecider}'s rules;
 * deleting one removes its API keys and the policies granted to it in the same transaction.
 */
package dev.latchkey.core.serviceid;
