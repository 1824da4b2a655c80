/**
 * The audit log: one append-only, hash-chained trail of events per account. Every change is recorded by
 * {@link dev.latchkey.core.audit.AuditTrail} in the transaction that makes it, so a change and its event commit
 * together; {@link dev.latchkey.core.audit.AuditLog} reads the trail for those allowed to, verifies its chain and
 * trims it to the retention period. Token refusals are collected by {@link dev.latchkey.core.audit.RefusalBuffer}
 * and written in batches, off the hot path. This package depends on {@code common} only: every feature records
 * into it.
 */
package dev.latchkey.core.audit;
