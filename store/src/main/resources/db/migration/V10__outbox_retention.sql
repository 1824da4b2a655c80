-- Version 10: finished outbox messages are deleted after the retention period (--notification-retention); this
-- index lets the periodic DELETE find them without reading the pending ones. Pending rows have no finished_at.
CREATE INDEX notification_outbox_finished ON notification_outbox (finished_at);
