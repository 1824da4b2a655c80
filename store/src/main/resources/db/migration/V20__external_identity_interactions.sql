-- Version 20: IAM Access Management's external identity interactions (decision 0034), one state and allowlist per
-- identity type, in the account's settings row (same version, cache and change feed as the IAM Identity settings).
-- Allowlists are account IDs joined by commas ('' for none); IDs hold no comma. Rows written before read 'enabled'.
ALTER TABLE account_settings ADD COLUMN external_user_state VARCHAR(16) DEFAULT 'enabled' NOT NULL;
ALTER TABLE account_settings ADD COLUMN external_user_accounts VARCHAR(8192) DEFAULT '' NOT NULL;
ALTER TABLE account_settings ADD COLUMN external_service_id_state VARCHAR(16) DEFAULT 'enabled' NOT NULL;
ALTER TABLE account_settings ADD COLUMN external_service_id_accounts VARCHAR(8192) DEFAULT '' NOT NULL;
ALTER TABLE account_settings ADD COLUMN external_service_state VARCHAR(16) DEFAULT 'enabled' NOT NULL;
ALTER TABLE account_settings ADD COLUMN external_service_accounts VARCHAR(8192) DEFAULT '' NOT NULL;

-- The account of the API key a console session was opened with (kept through account switches); null when it was
-- opened with a password.
ALTER TABLE console_sessions ADD COLUMN authn_account_id VARCHAR(32);
