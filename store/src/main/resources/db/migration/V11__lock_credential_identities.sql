-- A service credential's API key, and the service ID made for it, are created locked from this version on, so
-- that the IAM Identity API does not delete them from under the credential by mistake (decision 0009). This
-- locks those of the credentials that exist already; the version moves on, so their entity tags change.
UPDATE api_keys SET locked = TRUE, version = version + 1
WHERE locked = FALSE AND id IN (SELECT api_key_id FROM resource_keys WHERE state = 'active');

UPDATE service_ids SET locked = TRUE, version = version + 1
WHERE locked = FALSE AND id IN (SELECT service_id FROM resource_keys WHERE state = 'active' AND service_id_owned);
