-- A member's classic infrastructure key goes with their membership (issue 19): removing someone from an account
-- deletes their classic key there in the same transaction, so a key made with a token that was still valid at the
-- time cannot lie dormant and work again if the same person is invited back. Keys whose membership is already
-- gone are deleted first; they could not be used (authentication checks the membership) and never will again.
DELETE FROM classic_keys
 WHERE NOT EXISTS (SELECT 1 FROM account_members m
                    WHERE m.account_id = classic_keys.account_id AND m.iam_id = classic_keys.iam_id);
ALTER TABLE classic_keys ADD CONSTRAINT classic_keys_of_members
    FOREIGN KEY (account_id, iam_id) REFERENCES account_members (account_id, iam_id) ON DELETE CASCADE;
