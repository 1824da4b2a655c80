/** The audit log's route: an account's events, filtered and paged, for those {@code core.audit} lets read them. */
package dev.latchkey.http.audit;
