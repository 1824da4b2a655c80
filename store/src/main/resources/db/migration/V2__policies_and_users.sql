-- Version 2: IBM-shaped access policies (roles by CRN, resource attributes and tags kept as sent) and the
-- user lifecycle: platform administrators, invitations, passwords, membership state.

DROP TABLE policies;

CREATE TABLE policies (
    id              VARCHAR(64)   PRIMARY KEY,
    type            VARCHAR(32)   NOT NULL,
    account_id      VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    subject_iam_id  VARCHAR(64)   NOT NULL,
    roles           VARCHAR(2048) NOT NULL, -- role CRNs, comma-separated, in the order sent
    description     VARCHAR(1024),
    state           VARCHAR(16)   NOT NULL,
    has_tags        BOOLEAN       NOT NULL, -- tags were sent (possibly empty): echo "tags" back
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(64)   NOT NULL,
    modified_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_by     VARCHAR(64)   NOT NULL,
    version         BIGINT        NOT NULL
);
CREATE INDEX policies_by_subject ON policies (account_id, subject_iam_id);

CREATE TABLE policy_attributes (
    policy_id   VARCHAR(64)   NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
    kind        VARCHAR(8)    NOT NULL, -- 'resource' or 'tag'
    position    INT           NOT NULL,
    attr_name   VARCHAR(128)  NOT NULL,
    attr_value  VARCHAR(1000) NOT NULL, -- "value" is reserved in H2
    operator    VARCHAR(32),            -- null when the client sent none
    PRIMARY KEY (policy_id, kind, position)
);

ALTER TABLE users ADD COLUMN platform_admin BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN password_hash VARCHAR(512);  -- Argon2id in PHC string form; null: no password login

ALTER TABLE account_members ADD COLUMN state VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE account_members ADD COLUMN invitation_hash CHAR(64);          -- SHA-256 of the invitation secret
ALTER TABLE account_members ADD COLUMN invitation_expires_at TIMESTAMP WITH TIME ZONE;
CREATE UNIQUE INDEX account_members_by_invitation ON account_members (invitation_hash);
CREATE INDEX users_by_email ON users (email);

UPDATE users SET platform_admin = TRUE
 WHERE iam_id IN (SELECT owner_iam_id FROM accounts WHERE created_at = (SELECT MIN(created_at) FROM accounts));
