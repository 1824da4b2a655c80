-- Token-signing key rotation (issue 15, decision 0027). A key is published from created_at, signs from
-- activates_at and is retired at retired_at (NULL until then), when its sealed private key is erased; rows are
-- never deleted, so a kid is never used again. succeeds names the key made just before it ('' for the first); its
-- unique index lets only one key follow any key, so two nodes rotating at once make one key between them.
ALTER TABLE signing_keys ADD COLUMN activates_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE signing_keys ADD COLUMN retired_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE signing_keys ADD COLUMN succeeds VARCHAR(64);
UPDATE signing_keys SET activates_at = created_at;
UPDATE signing_keys SET succeeds = COALESCE((
    SELECT p.kid FROM signing_keys p
    WHERE p.created_at < signing_keys.created_at
       OR (p.created_at = signing_keys.created_at AND p.kid < signing_keys.kid)
    ORDER BY p.created_at DESC, p.kid DESC LIMIT 1), '');
ALTER TABLE signing_keys ALTER COLUMN activates_at SET NOT NULL;
ALTER TABLE signing_keys ALTER COLUMN succeeds SET NOT NULL;
ALTER TABLE signing_keys ALTER COLUMN sealed_private_key DROP NOT NULL;
CREATE UNIQUE INDEX signing_keys_one_successor ON signing_keys (succeeds);
