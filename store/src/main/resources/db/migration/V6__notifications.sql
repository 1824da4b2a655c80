-- Version 6: notifications. Webhook endpoints per account (their signing secrets sealed, not hashed: signing needs
-- the secret itself), the transactional outbox (one row per recipient, rendered when the event happened, leased
-- by a dispatcher while it delivers), and the record of expiry warnings sent (unique, so each is sent once).
-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode; no column is named value, key or position.

CREATE TABLE notification_endpoints (
    id              VARCHAR(64)   PRIMARY KEY,
    account_id      VARCHAR(32)   NOT NULL REFERENCES accounts (id),
    url             VARCHAR(2048) NOT NULL,
    description     VARCHAR(1024),
    sealed_secret   BYTEA         NOT NULL, -- lkwh_… sealed with AES-256-GCM under the master key, bound to the id
    created_by      VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX notification_endpoints_by_account ON notification_endpoints (account_id, created_at);

CREATE TABLE notification_outbox (
    id              VARCHAR(64)   PRIMARY KEY,   -- delivery id (Latchkey-Delivery-Id)
    event_id        VARCHAR(64)   NOT NULL,      -- the same for every delivery of one event (Latchkey-Event-Id)
    account_id      VARCHAR(32)   NOT NULL,
    kind            VARCHAR(32)   NOT NULL,      -- KeyEvent.Kind
    api_key_id      VARCHAR(64)   NOT NULL,      -- no reference: the key may be deleted, the message must stay
    channel         VARCHAR(16)   NOT NULL,      -- email | webhook
    recipient       VARCHAR(2048) NOT NULL,      -- e-mail address, or the endpoint URL
    endpoint_id     VARCHAR(64),                 -- webhook only; looked up at delivery for its secret
    subject         VARCHAR(512),                -- e-mail only
    body            VARCHAR(65536) NOT NULL,     -- plain-text mail or JSON payload, rendered at enqueue time
    state           VARCHAR(16)   NOT NULL,      -- pending | delivered | failed
    attempts        INT           NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until   TIMESTAMP WITH TIME ZONE,    -- lease: no other dispatcher takes the row before this
    claim_token     VARCHAR(64),                 -- who holds the lease; only they may record the outcome
    last_error      VARCHAR(1024),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE     -- delivered or given up
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, next_attempt_at);
CREATE INDEX notification_outbox_by_account ON notification_outbox (account_id, created_at);

CREATE TABLE notification_expiry_notices (
    api_key_id      VARCHAR(64)   NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    kind            VARCHAR(32)   NOT NULL,      -- EXPIRES_IN_7_DAYS | EXPIRES_IN_1_DAY
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (api_key_id, kind, expires_at)
);
CREATE INDEX api_keys_by_expiry ON api_keys (expires_at);
