-- Keyset paging of an account's members (GET /v2/accounts/{id}/users, decision 0038): the listing orders by
-- created_at, then iam_id, which V1's primary key (account_id, iam_id) cannot serve, so every page read and sorted the
-- whole account. With this index a page at any depth is an index range read in order, on H2 and on PostgreSQL.
CREATE INDEX account_members_by_account_created_at ON account_members (account_id, created_at, iam_id);
