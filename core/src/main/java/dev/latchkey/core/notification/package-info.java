/**
 * Notifications about API keys and the audit trail: a {@link dev.latchkey.core.notification.KeyEvent} (leaked,
 * expiring, disabled, deleted or rotated) is rendered at once into mail and webhook messages for the key's owner, the
 * account's IAM Identity administrators and the account's webhook endpoints that subscribe to {@code key}, and
 * written to a transactional outbox in the caller's transaction; {@link dev.latchkey.core.notification.AuditDeliveries}
 * writes each audit event to the endpoints that subscribe to {@code audit} in the transaction that appends it (this
 * package depends on {@code audit}, never the reverse); {@link dev.latchkey.core.notification.OutboxDispatcher}
 * delivers the outbox at least once, with leases, exponential backoff and a final {@code failed} state.
 */
package dev.latchkey.core.notification;
