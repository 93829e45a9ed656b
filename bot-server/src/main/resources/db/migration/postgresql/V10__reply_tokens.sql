-- The reply addresses of the notices officers answer (escalations, 催办 reminders, overdue
-- notices): hotline+<token>@…, one token per notice, made at its first delivery and the same on
-- every retry. An officer's reply counts only when it is addressed to a token of its ticket.
CREATE TABLE reply_tokens (
    -- 128 random bits in lower-case base32: 26 characters.
    token         VARCHAR(32)              NOT NULL,
    -- The outbox row's id (the notice id).
    notice_id     VARCHAR(64)              NOT NULL,
    ticket_code   VARCHAR(32)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_reply_tokens PRIMARY KEY (token),
    CONSTRAINT uq_reply_tokens_notice UNIQUE (notice_id),
    CONSTRAINT fk_reply_tokens_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
);

CREATE INDEX ix_reply_tokens_ticket ON reply_tokens (ticket_code);
