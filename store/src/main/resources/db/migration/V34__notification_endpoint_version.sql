-- A webhook endpoint's description and events can be changed (decision record 0054); the version counter backs
-- If-Match, as on the other entities that change. Existing endpoints start at version 1.
ALTER TABLE notification_endpoints ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
