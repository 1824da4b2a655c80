-- Keyset paging of GET /v1/apikeys (decision 0038): one index per order the listing offers, each starting with the
-- account and ending with the id that breaks ties, so that a page at any depth is an index range read in order, on
-- H2 and on PostgreSQL alike. The listing's SQL orders by these columns exactly (account_id first).
CREATE INDEX api_keys_by_account_created_at ON api_keys (account_id, created_at, id);
CREATE INDEX api_keys_by_account_name ON api_keys (account_id, name, id);
CREATE INDEX api_keys_by_account_description ON api_keys (account_id, description, id);
CREATE INDEX api_keys_by_account_created_by ON api_keys (account_id, created_by, id);

-- One identity's keys (the default listing, scope=entity, newest or oldest first): the identity index of V1
-- grows the creation time and the id, and still serves every lookup by (account_id, iam_id).
DROP INDEX api_keys_by_identity;
CREATE INDEX api_keys_by_identity ON api_keys (account_id, iam_id, created_at, id);
