-- 满意度评价 and 回访: see ../postgresql/V16__satisfaction.sql, which this file mirrors under the
-- same names in SQLite's types (V9__schema.sql says which).
CREATE TABLE ticket_ratings (
    ticket_code  TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    round        INTEGER NOT NULL,
    answered_at  TEXT    NOT NULL,
    rating       TEXT    NOT NULL,
    comment      TEXT    CHECK (length(comment) <= 1000),
    rated_at     TEXT    NOT NULL,
    CONSTRAINT pk_ticket_ratings PRIMARY KEY (ticket_code, round),
    CONSTRAINT uq_ticket_ratings_answer UNIQUE (ticket_code, answered_at),
    CONSTRAINT fk_ticket_ratings_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_ticket_ratings_rating CHECK (rating IN ('satisfied', 'basic', 'unsatisfied')),
    CONSTRAINT ck_ticket_ratings_round CHECK (round IN (1, 2))
) STRICT;

CREATE TABLE follow_up_calls (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_code  TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    reached      INTEGER NOT NULL CHECK (reached IN (0, 1)),
    satisfied    INTEGER CHECK (satisfied IN (0, 1)),
    note         TEXT    CHECK (length(note) <= 500),
    recorded_by  TEXT    NOT NULL CHECK (length(recorded_by) <= 64),
    recorded_at  TEXT    NOT NULL,
    CONSTRAINT fk_follow_up_calls_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;

CREATE INDEX ix_follow_up_calls_ticket ON follow_up_calls (ticket_code, id);
