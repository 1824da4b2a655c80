-- Listings by description, and keyset paging of GET /v1/serviceids (decision 0038).
--
-- 1. A description may hold 1,024 characters, up to 4 bytes each, and PostgreSQL refuses a B-tree entry over 2,704
--    bytes: V23's index on api_keys (account_id, description, id) made such a key impossible to create or update
--    there (a 500). Listings by description now order by the first 256 characters of it, a column the database
--    computes (description_order), then by id as before: at most 1,024 bytes in an index entry. Two descriptions
--    that differ only after 256 characters sort by id. The placeholder makes the column STORED on PostgreSQL
--    (which computes no other kind) and leaves H2's plain. Export and import leave computed columns to the database.
ALTER TABLE api_keys ADD COLUMN description_order VARCHAR(256)
    GENERATED ALWAYS AS (LEFT(description, 256)) ${generated_stored};
DROP INDEX api_keys_by_account_description;
CREATE INDEX api_keys_by_account_description ON api_keys (account_id, description_order, id);

-- 2. Service IDs get what V23 gave API keys: one index per order the listing offers, each starting with the account
--    and ending with the id that breaks ties, so that a page at any depth is an index range read in order, on H2
--    and on PostgreSQL alike. The listing's SQL orders by these columns exactly (account_id first). The one by name
--    replaces V3's (account_id, name), which it still serves for a lookup by exact name.
ALTER TABLE service_ids ADD COLUMN description_order VARCHAR(256)
    GENERATED ALWAYS AS (LEFT(description, 256)) ${generated_stored};
DROP INDEX service_ids_by_name;
CREATE INDEX service_ids_by_account_name ON service_ids (account_id, name, id);
CREATE INDEX service_ids_by_account_description ON service_ids (account_id, description_order, id);
CREATE INDEX service_ids_by_account_created_at ON service_ids (account_id, created_at, id);
CREATE INDEX service_ids_by_account_modified_at ON service_ids (account_id, modified_at, id);
