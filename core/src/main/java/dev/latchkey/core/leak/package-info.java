/**
 * Leaked keys: reports from scanners (GitHub's secret-scanning partner format) and from people, the response each
 * key asks for ({@code action_when_leaked}: record, disable, or delete with a tombstone), done in one transaction
 * with the record and the notifications, and the review of what was reported.
 */
package dev.latchkey.core.leak;
