-- Version 8: classic infrastructure keys, one per user and account; the value is hashed for authentication and
-- sealed (AES-256-GCM under the master key) so its owner can see it again.

CREATE TABLE classic_keys (
    id               VARCHAR(64)  PRIMARY KEY,
    account_id       VARCHAR(32)  NOT NULL REFERENCES accounts (id),
    iam_id           VARCHAR(64)  NOT NULL,
    value_hash       CHAR(64)     NOT NULL UNIQUE,
    sealed_value     BYTEA        NOT NULL,
    display_prefix   VARCHAR(32)  NOT NULL,
    created_by       VARCHAR(64)  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT classic_keys_one_per_user UNIQUE (account_id, iam_id)
);
