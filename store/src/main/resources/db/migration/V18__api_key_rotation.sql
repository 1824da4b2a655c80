-- API key rotation with overlap (issue 16, decision 0032): the value a rotation replaced stays on the key's row as
-- its SHA-256, accepted until previous_hash_until (exclusive). Only the newest replaced value is kept; the token path
-- finds a key by either hash, so previous_hash is indexed as value_hash is.
ALTER TABLE api_keys ADD COLUMN previous_hash CHAR(64);
ALTER TABLE api_keys ADD COLUMN previous_hash_until TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_keys_by_previous_hash ON api_keys (previous_hash);
