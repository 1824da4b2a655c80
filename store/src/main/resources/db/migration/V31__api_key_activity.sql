-- The activity flush writes nothing to api_keys any more (decision record 0048).
--
-- 1. Each key's latest authentication and count move to a narrow table of their own. The flush writes one row per
--    key used since the last flush, every two seconds. On api_keys each such write made a new version of a wide row
--    on one of the table's many pages, and the first change to a page after a checkpoint puts the whole 8 KB page
--    into the write-ahead log: with keys used uniformly from a million, about 7 KB of log per token, and the pages
--    every lookup reads kept changing under it. Here a row is a few dozen bytes and a page holds about a hundred.
--    A key without a row has never authenticated.
-- 2. Neither api_key_activity nor api_key_usage refers to api_keys with a foreign key: checking one locks the key's
--    row, which changes its page just as an update does, for every key's first use of each day. Deleting a key
--    deletes its rows in both (JdbcApiKeyStore); the flush writes only rows of keys that exist. Rows left by a
--    flush that raced a deletion go with the hourly prune: activity by key, usage days with their retention.
CREATE TABLE api_key_activity (
    api_key_id   VARCHAR(64)              NOT NULL PRIMARY KEY,
    last_authn   TIMESTAMP WITH TIME ZONE,
    authn_count  BIGINT                   NOT NULL
);
INSERT INTO api_key_activity (api_key_id, last_authn, authn_count)
SELECT id, last_authn, authn_count FROM api_keys WHERE last_authn IS NOT NULL OR authn_count > 0;
ALTER TABLE api_keys DROP COLUMN last_authn;
ALTER TABLE api_keys DROP COLUMN authn_count;
-- Room on each page for the updates, so that PostgreSQL makes them HOT (no new primary-key entry); a no-op on H2.
${api_key_activity_storage};

CREATE TABLE api_key_usage_days (
    api_key_id       VARCHAR(64) NOT NULL,
    usage_date       DATE        NOT NULL,
    token_exchanges  BIGINT      NOT NULL,
    PRIMARY KEY (api_key_id, usage_date)
);
INSERT INTO api_key_usage_days (api_key_id, usage_date, token_exchanges)
SELECT api_key_id, usage_date, token_exchanges FROM api_key_usage;
DROP TABLE api_key_usage;
ALTER TABLE api_key_usage_days RENAME TO api_key_usage;
CREATE INDEX api_key_usage_by_date ON api_key_usage (usage_date);
