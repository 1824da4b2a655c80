/**
 * Notifications about API keys: a {@link dev.latchkey.core.notification.KeyEvent} (leaked, expiring, disabled or
 * deleted by someone else) is rendered at once into mail and webhook messages for the key's owner, the account's
 * IAM Identity administrators and the account's webhook endpoints, and written to a transactional outbox in the
 * caller's transaction; {@link dev.latchkey.core.notification.OutboxDispatcher} delivers the outbox at least once,
 * with leases, exponential backoff and a final {@code failed} state.
 */
package dev.latchkey.core.notification;
