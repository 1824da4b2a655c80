-- Version 9: service instances and resource keys (service credentials), IBM Resource Controller v2's subset.
-- Deletes are soft: a removed row keeps its data with state 'removed' and deleted_at/deleted_by set. A resource
-- key names the IAM identity made for it (service ID, API key, policy); those rows are deleted when the key is, so
-- there are no foreign keys to them. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode ("key", "value"
-- and "user" are reserved in H2, hence role_crn, api_key_id, created_by).

CREATE TABLE resource_instances (
    guid              VARCHAR(36)   PRIMARY KEY,
    account_id        VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    name              VARCHAR(180)  NOT NULL,
    service_name      VARCHAR(64)   NOT NULL,    -- IBM's resource_id
    plan_id           VARCHAR(256)  NOT NULL,    -- IBM's resource_plan_id, stored and echoed
    resource_group_id VARCHAR(64)   NOT NULL,
    target            VARCHAR(256)  NOT NULL,    -- IBM's target, echoed as region_id
    state             VARCHAR(16)   NOT NULL,    -- active | removed
    locked            BOOLEAN       NOT NULL,
    last_operation    VARCHAR(16)   NOT NULL,    -- create | update | lock | unlock | delete
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(80)   NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by        VARCHAR(80)   NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    deleted_by        VARCHAR(80),
    version           BIGINT        NOT NULL
);
CREATE INDEX resource_instances_by_account ON resource_instances (account_id, created_at, guid);

CREATE TABLE resource_keys (
    guid              VARCHAR(36)   PRIMARY KEY,
    account_id        VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    instance_guid     VARCHAR(36)   NOT NULL REFERENCES resource_instances (guid),
    service_name      VARCHAR(64)   NOT NULL,    -- the instance's, copied: part of the key's CRN
    resource_group_id VARCHAR(64)   NOT NULL,    -- the instance's, copied: part of every decision on the key
    name              VARCHAR(180)  NOT NULL,
    role_crn          VARCHAR(256)  NOT NULL,
    service_id        VARCHAR(64)   NOT NULL,    -- ServiceId-<uuid>
    service_id_owned  BOOLEAN       NOT NULL,    -- made for this key, and deleted with it
    api_key_id        VARCHAR(64)   NOT NULL,
    policy_id         VARCHAR(36)   NOT NULL,
    state             VARCHAR(16)   NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by        VARCHAR(80)   NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by        VARCHAR(80)   NOT NULL,
    deleted_at        TIMESTAMP WITH TIME ZONE,
    deleted_by        VARCHAR(80),
    version           BIGINT        NOT NULL
);
CREATE INDEX resource_keys_by_account ON resource_keys (account_id, created_at, guid);
CREATE INDEX resource_keys_by_instance ON resource_keys (instance_guid, state);
CREATE INDEX resource_keys_by_api_key ON resource_keys (api_key_id);
