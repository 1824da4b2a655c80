-- Version 7: leak sightings. One row per reported token (by SHA-256, never the token); for a token that matched
-- a key it names the key and what was done. A row with action 'deleted' is the deleted key's tombstone.

CREATE TABLE leak_sightings (
    id                      VARCHAR(64)   PRIMARY KEY,
    token_hash              CHAR(64)      NOT NULL UNIQUE,
    token_type              VARCHAR(128),
    key_id                  VARCHAR(64),
    key_name                VARCHAR(256),
    display_prefix          VARCHAR(32)   NOT NULL,
    account_id              VARCHAR(32),
    iam_id                  VARCHAR(64),
    url                     VARCHAR(2048),
    source                  VARCHAR(256),
    reported_by             VARCHAR(128)  NOT NULL,
    reported_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    action                  VARCHAR(32)   NOT NULL,
    authn_count_at_report   BIGINT        NOT NULL
);
CREATE INDEX leak_sightings_by_account ON leak_sightings (account_id, reported_at);
