-- The reply addresses of the notices officers answer: see ../postgresql/V10__reply_tokens.sql,
-- which this file mirrors under the same names in SQLite's types (V9__schema.sql says which).
CREATE TABLE reply_tokens (
    token         TEXT NOT NULL CHECK (length(token) <= 32),
    notice_id     TEXT NOT NULL CHECK (length(notice_id) <= 64),
    ticket_code   TEXT NOT NULL CHECK (length(ticket_code) <= 32),
    created_at    TEXT NOT NULL,
    CONSTRAINT pk_reply_tokens PRIMARY KEY (token),
    CONSTRAINT uq_reply_tokens_notice UNIQUE (notice_id),
    CONSTRAINT fk_reply_tokens_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;

CREATE INDEX ix_reply_tokens_ticket ON reply_tokens (ticket_code);
