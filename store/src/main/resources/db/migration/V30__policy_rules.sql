-- Version 30: IBM's v2 policies (decision 0047). A policy keeps its pattern, and its rule as rows of
-- policy_attributes: kind 'cond' for a condition (attr_name the key, attr_value the value, operator), kind 'group'
-- for an and/or group (operator and/or, empty name and value); parent_position names the group a row belongs to
-- (null for the rule's root). List values (stringEqualsAnyOf, dayOfWeekAnyOf) are JSON arrays in attr_value,
-- which grows to hold them. Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.

ALTER TABLE policies ADD COLUMN pattern VARCHAR(64);
ALTER TABLE policy_attributes ADD COLUMN parent_position INT;
ALTER TABLE policy_attributes ALTER COLUMN attr_value SET DATA TYPE VARCHAR(8000);
