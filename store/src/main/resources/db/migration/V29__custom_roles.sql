-- Version 29: custom roles of IBM IAM Policy Management (decision 0046). A custom role belongs to one account and
-- one service, and grants the actions it lists there; policies name it by its CRN, which holds the account and the
-- role's name, hence one name per account. Actions are stored comma-separated (an action has no comma).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE custom_roles (
    id            VARCHAR(32)    PRIMARY KEY,       -- 32 hex characters
    account_id    VARCHAR(32)    NOT NULL REFERENCES accounts (id),
    name          VARCHAR(30)    NOT NULL,          -- in the CRN: alphanumeric, capitalized
    display_name  VARCHAR(50)    NOT NULL,
    description   VARCHAR(250),
    service_name  VARCHAR(64)    NOT NULL,
    actions       VARCHAR(8000)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(80)    NOT NULL,
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_by   VARCHAR(80)    NOT NULL,
    version       BIGINT         NOT NULL,
    CONSTRAINT custom_roles_name UNIQUE (account_id, name)
);
