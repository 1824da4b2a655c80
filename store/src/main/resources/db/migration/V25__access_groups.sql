-- Version 25: IBM IAM Access Groups v2 (decision 0042). A group belongs to one account; its members are users and
-- service IDs of that account, each at most once; policies name a group as their subject by its id
-- (AccessGroupId-<uuid>) in policies.subject_iam_id, so decisions read "my policies and my groups' policies" with
-- one more index probe. Settings hold IBM's public_access_enabled per account (a row only once written).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

CREATE TABLE access_groups (
    id           VARCHAR(64)   PRIMARY KEY,       -- AccessGroupId-<uuid>
    account_id   VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    name         VARCHAR(100)  NOT NULL,
    description  VARCHAR(250),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(80)   NOT NULL,
    modified_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_by  VARCHAR(80)   NOT NULL,
    version      BIGINT        NOT NULL
);
CREATE INDEX access_groups_by_account ON access_groups (account_id, name, id);

CREATE TABLE access_group_members (
    group_id     VARCHAR(64)   NOT NULL REFERENCES access_groups (id) ON DELETE CASCADE,
    account_id   VARCHAR(32)   NOT NULL,          -- the group's, copied: "every group of this member" is one probe
    iam_id       VARCHAR(80)   NOT NULL,
    member_type  VARCHAR(16)   NOT NULL,          -- user | service
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(80)   NOT NULL,
    PRIMARY KEY (group_id, iam_id)
);
CREATE INDEX access_group_members_by_member ON access_group_members (account_id, iam_id, group_id);

CREATE TABLE access_group_settings (
    account_id            VARCHAR(32)  PRIMARY KEY REFERENCES accounts (id),
    public_access_enabled BOOLEAN      NOT NULL,
    modified_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    modified_by           VARCHAR(80)  NOT NULL
);
