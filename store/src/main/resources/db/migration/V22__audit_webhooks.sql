-- Audit events to webhooks (decision 0031's delivery). An endpoint subscribes to event families: 'key' (the
-- account's key events, what every endpoint received before) and 'audit' (every event of the account's audit trail),
-- stored as their names in order, comma-separated ('key', 'audit', 'key,audit'). The outbox carries either kind of
-- event: event_type is the type on the wire ('apikey.leaked', ..., 'audit.event') in place of the KeyEvent.Kind
-- name, and subject_id is what the event is about (the API key's id for key events, the audit target's id, possibly
-- none, for audit events). Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
ALTER TABLE notification_endpoints ADD COLUMN events VARCHAR(64) DEFAULT 'key' NOT NULL;

ALTER TABLE notification_outbox ADD COLUMN event_type VARCHAR(64);
UPDATE notification_outbox SET event_type = 'apikey.' || LOWER(kind);
ALTER TABLE notification_outbox ALTER COLUMN event_type SET NOT NULL;
ALTER TABLE notification_outbox DROP COLUMN kind;
ALTER TABLE notification_outbox RENAME COLUMN api_key_id TO subject_id;
ALTER TABLE notification_outbox ALTER COLUMN subject_id DROP NOT NULL;
ALTER TABLE notification_outbox ALTER COLUMN subject_id SET DATA TYPE VARCHAR(256);
