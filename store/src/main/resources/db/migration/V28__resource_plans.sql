-- The plan catalogue (issue 18, decision 0045): plans registered in an account, each naming the service its
-- instances belong to, so that an instance created with resource_plan_id alone (as IBM's SDKs create them) gets
-- that service. The built-in plans are in the code, not here. A plan id is unique within its account; another
-- account may use the same id for a plan of its own.
CREATE TABLE resource_plans (
    account_id    VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    id            VARCHAR(128)  NOT NULL,
    service_name  VARCHAR(64)   NOT NULL,    -- IBM's resource_id
    name          VARCHAR(180)  NOT NULL,    -- the display name
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by    VARCHAR(80)   NOT NULL,
    PRIMARY KEY (account_id, id)
);
CREATE INDEX resource_plans_by_account ON resource_plans (account_id, created_at, id);

-- An instance may now change its plan within its service: since when it has its plan, and who gave it, are what
-- IBM's plan_history shows. Instances made before have had their plan since they were made.
ALTER TABLE resource_instances ADD COLUMN plan_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE resource_instances ADD COLUMN plan_set_by VARCHAR(80);
UPDATE resource_instances SET plan_since = created_at, plan_set_by = created_by;
ALTER TABLE resource_instances ALTER COLUMN plan_since SET NOT NULL;
ALTER TABLE resource_instances ALTER COLUMN plan_set_by SET NOT NULL;
-- a plan is deleted only while no active instance carries it: found by account and plan
CREATE INDEX resource_instances_by_plan ON resource_instances (account_id, plan_id);
