-- The audit log (issue 16, decision 0031): one hash-chained trail per account. audit_chains holds each account's
-- head (the newest seq and hash, locked by every append so the chain has one tail) and where the chain starts after
-- retention deleted its oldest events. Events are only inserted, and deleted oldest first by retention.
CREATE TABLE audit_chains (
    account_id          VARCHAR(64)  NOT NULL PRIMARY KEY,
    first_seq           BIGINT       NOT NULL,
    first_previous_hash VARCHAR(64)  NOT NULL,
    last_seq            BIGINT       NOT NULL,
    last_hash           VARCHAR(64)  NOT NULL
);
CREATE TABLE audit_events (
    account_id     VARCHAR(64)   NOT NULL,
    seq            BIGINT        NOT NULL,
    id             VARCHAR(64)   NOT NULL,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    actor          VARCHAR(128)  NOT NULL,
    actor_address  VARCHAR(64),
    trace_id       VARCHAR(128),
    action         VARCHAR(128)  NOT NULL,
    target_type    VARCHAR(64)   NOT NULL,
    target_id      VARCHAR(256),
    target_name    VARCHAR(1024),
    outcome        VARCHAR(16)   NOT NULL,
    previous_hash  VARCHAR(64)   NOT NULL,
    hash           VARCHAR(64)   NOT NULL,
    PRIMARY KEY (account_id, seq)
);
CREATE INDEX audit_events_by_time ON audit_events (account_id, occurred_at);
CREATE INDEX audit_events_by_target ON audit_events (account_id, target_id);
-- an event's details (changed fields and their new values; never a secret), one row per field
CREATE TABLE audit_event_details (
    account_id  VARCHAR(64)   NOT NULL,
    seq         BIGINT        NOT NULL,
    field       VARCHAR(128)  NOT NULL,
    field_value VARCHAR(4000),
    PRIMARY KEY (account_id, seq, field)
);
