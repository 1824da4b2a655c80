-- Password resets by mail (issue 14, decision 0021). The key is the SHA-256 of the link's secret, never the secret;
-- a reset works once (its row is deleted when used) and until expires_at (an hour). Changing or resetting a password
-- deletes the user's other pending resets; ended ones are pruned in the background.
CREATE TABLE password_resets (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    iam_id      VARCHAR(128) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX password_resets_by_identity ON password_resets (iam_id);
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at);
