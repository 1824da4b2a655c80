/**
 * What every feature shares: the error vocabulary ({@link dev.latchkey.core.common.ErrorCode},
 * {@link dev.latchkey.core.common.DomainException}), entity tags, paging, identifiers, redacted secrets and
 * IBM's wire date format.
 */
package dev.latchkey.core.common;
