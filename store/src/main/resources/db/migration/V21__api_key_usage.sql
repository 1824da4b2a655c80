-- Daily usage per API key (issue 16, decision 0035): token exchanges per key and UTC day, added to by the batched
-- activity writes of every node (never on the token path), kept for 90 days by a scheduled delete. A deleted key's
-- days go with it.
CREATE TABLE api_key_usage (
    api_key_id       VARCHAR(64) NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    usage_date       DATE        NOT NULL,
    token_exchanges  BIGINT      NOT NULL,
    PRIMARY KEY (api_key_id, usage_date)
);
CREATE INDEX api_key_usage_by_date ON api_key_usage (usage_date);
