-- Keyset paging of an account's notifications (GET /v1/accounts/{id}/notifications, decision 0038): the listing orders
-- newest first by created_at, then id. V6's (account_id, created_at) could not serve the id, so a page after a
-- position sorted the messages of its time; this index ends with the id, so a page at any depth is an index range
-- read in order on H2 and on PostgreSQL, and it replaces V6's, which nothing else reads.
CREATE INDEX notification_outbox_by_account_created_at ON notification_outbox (account_id, created_at, id);
DROP INDEX notification_outbox_by_account;
