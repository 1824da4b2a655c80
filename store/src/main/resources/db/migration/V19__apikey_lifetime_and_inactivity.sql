-- Version 19: Latchkey's API key rules beside IBM's account settings (issue 16, decision 0033). Two settings, kept as
-- sent like IBM's numeric ones ('90' or 'NOT_SET'), and the record of inactivity warnings sent: one per key and last
-- use (unique, so a warning is sent once however many nodes run the sweep), with its time (a key is disabled no
-- sooner than 7 days after it).
ALTER TABLE account_settings ADD COLUMN apikey_max_lifetime_days VARCHAR(16) DEFAULT 'NOT_SET' NOT NULL;
ALTER TABLE account_settings ADD COLUMN apikey_disable_after_inactive_days VARCHAR(16) DEFAULT 'NOT_SET' NOT NULL;

CREATE TABLE apikey_inactivity_notices (
    api_key_id      VARCHAR(64)   NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    last_used_at    TIMESTAMP WITH TIME ZONE NOT NULL, -- the idleness the warning was about
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (api_key_id, last_used_at)
);
