-- IBM's inactive-identities reports (issue 16, decision 0029): each report is stored as of its time, its lines in
-- activity_report_lines; an account keeps its 10 newest (making one more deletes the oldest with its lines).
CREATE TABLE activity_reports (
    reference       VARCHAR(64)  NOT NULL PRIMARY KEY,
    account_id      VARCHAR(64)  NOT NULL,
    created_by      VARCHAR(128) NOT NULL,
    duration_hours  INTEGER      NOT NULL,
    start_time      TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX activity_reports_by_account ON activity_reports (account_id, end_time);
CREATE TABLE activity_report_lines (
    reference   VARCHAR(64)  NOT NULL REFERENCES activity_reports (reference) ON DELETE CASCADE,
    position    INTEGER      NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    id          VARCHAR(128) NOT NULL,
    name        VARCHAR(1024),
    owner_id    VARCHAR(128),
    owner_name  VARCHAR(1024),
    email       VARCHAR(1024),
    last_authn  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (reference, position)
);
