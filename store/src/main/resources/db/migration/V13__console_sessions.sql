-- Console sessions (issue 14). The id is the SHA-256 of the cookie value, never the value itself; the CSRF token
-- is only good together with that cookie. A session ends at expires_at (its token's expiry), on sign-out, or when
-- its identity is deleted; the account and the member are not foreign keys, as a removed member's session is
-- refused at once by the membership check and pruned when it expires.
CREATE TABLE console_sessions (
    id_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    iam_id      VARCHAR(128) NOT NULL,
    account_id  VARCHAR(32)  NOT NULL,
    csrf_token  VARCHAR(64)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX console_sessions_by_identity ON console_sessions (iam_id);
CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at);
