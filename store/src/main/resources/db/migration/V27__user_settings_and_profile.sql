-- Version 27: IBM User Management's user profile and user settings (decision 0044), per user per account, on the
-- membership row: the token path reads (and caches) that row anyway, so the user's allowed_ip_addresses cost no
-- read of their own, and a change evicts it through the change feed like activating or removing a membership.
-- Profile fields are null until the account sets them (a null name reads as the user's own); settings default to
-- IBM's (empty languages, any address, not self-managed). profile_version counts changes of both, for If-Match.
ALTER TABLE account_members ADD COLUMN firstname VARCHAR(128);
ALTER TABLE account_members ADD COLUMN lastname VARCHAR(128);
ALTER TABLE account_members ADD COLUMN phonenumber VARCHAR(32);
ALTER TABLE account_members ADD COLUMN altphonenumber VARCHAR(32);
ALTER TABLE account_members ADD COLUMN photo VARCHAR(1024);
ALTER TABLE account_members ADD COLUMN language VARCHAR(35) DEFAULT '' NOT NULL;
ALTER TABLE account_members ADD COLUMN notification_language VARCHAR(35) DEFAULT '' NOT NULL;
ALTER TABLE account_members ADD COLUMN allowed_ip_addresses VARCHAR(8192) DEFAULT '' NOT NULL;
ALTER TABLE account_members ADD COLUMN self_manage BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE account_members ADD COLUMN profile_version BIGINT DEFAULT 0 NOT NULL;
