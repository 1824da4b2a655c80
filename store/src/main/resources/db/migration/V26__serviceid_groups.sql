-- Version 26: IBM IAM Identity's service ID groups (decision 0043). A group belongs to one account, where its name
-- is unique. A service ID names at most one group (group_id; null is the account's default group), and a group that
-- a service ID names cannot be deleted (the foreign key), so no service ID is ever left naming a group that is gone.
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
CREATE TABLE serviceid_groups (
    id            VARCHAR(64)   PRIMARY KEY,            -- ServiceIdGroup-<uuid>
    account_id    VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    name          VARCHAR(256)  NOT NULL,
    description   VARCHAR(1024),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    modified_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT serviceid_groups_name UNIQUE (account_id, name)
);

ALTER TABLE service_ids ADD COLUMN group_id VARCHAR(64);
ALTER TABLE service_ids ADD CONSTRAINT service_ids_group FOREIGN KEY (group_id) REFERENCES serviceid_groups (id);
CREATE INDEX service_ids_by_group ON service_ids (group_id);
