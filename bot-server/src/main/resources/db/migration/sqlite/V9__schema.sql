-- The whole schema on SQLite, the embedded database (issue 10: H2 lost committed writes when the
-- process was killed). SQLite became the embedded engine when PostgreSQL's schema was at version 9,
-- so this one file creates what ../postgresql/V1 to V9 create there, under the same table, column,
-- index and constraint names; what each column means is written in those files. Every later
-- migration is written twice, once in each folder, with the same version number.
--
-- SQLite's own types, in STRICT tables (a value of the wrong type is refused, as on PostgreSQL):
-- - TEXT for VARCHAR; a length limit of PostgreSQL is a CHECK on length() here (characters on both);
-- - times are TEXT in UTC with microseconds, always 27 characters (2026-11-26T09:30:15.123456Z,
--   SqlTimes.format), so that comparing and sorting the text is comparing and sorting the times;
-- - dates are TEXT (2026-11-26), booleans INTEGER 0/1, DOUBLE PRECISION is REAL, BYTEA is BLOB;
-- - an identity column is INTEGER PRIMARY KEY AUTOINCREMENT: like a PostgreSQL identity, a number
--   once given is never given again, also after its row is deleted.
-- Foreign keys are enforced because every connection sets PRAGMA foreign_keys = ON (Database).

CREATE TABLE conversations (
    id          TEXT    NOT NULL CHECK (length(id) <= 64),
    channel     TEXT    NOT NULL CHECK (length(channel) <= 16),
    created_at  TEXT    NOT NULL,
    last_seq    INTEGER NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id)
) STRICT;

CREATE INDEX ix_conversations_created_at ON conversations (created_at);

CREATE TABLE messages (
    conversation_id TEXT    NOT NULL CHECK (length(conversation_id) <= 64),
    seq             INTEGER NOT NULL,
    role            TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    answered        INTEGER CHECK (answered IN (0, 1)),
    confidence      REAL,
    citations       TEXT,
    reply_to        INTEGER,
    created_at      TEXT    NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (conversation_id, seq),
    CONSTRAINT fk_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT ck_messages_role CHECK (role IN ('citizen', 'bot', 'officer')),
    CONSTRAINT ck_messages_seq CHECK (seq >= 1),
    CONSTRAINT ck_messages_confidence CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
) STRICT;

CREATE INDEX ix_messages_created_at ON messages (created_at);

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL CHECK (length(username) <= 64),
    display_name  TEXT    NOT NULL CHECK (length(display_name) <= 64),
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL CHECK (length(password_hash) <= 255),
    disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL,
    department    TEXT    CHECK (length(department) <= 32),
    CONSTRAINT uq_accounts_username UNIQUE (username),
    CONSTRAINT ck_accounts_role CHECK (role IN ('operator', 'officer', 'moderator', 'admin'))
) STRICT;

CREATE TABLE sessions (
    token_hash  TEXT    NOT NULL CHECK (length(token_hash) <= 64),
    account_id  INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    csrf_token  TEXT    NOT NULL CHECK (length(csrf_token) <= 64),
    CONSTRAINT pk_sessions PRIMARY KEY (token_hash),
    CONSTRAINT fk_sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) STRICT;

CREATE INDEX ix_sessions_expires_at ON sessions (expires_at);
CREATE INDEX ix_sessions_account_id ON sessions (account_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT    NOT NULL,
    account_id INTEGER,
    username   TEXT    NOT NULL CHECK (length(username) <= 64),
    action     TEXT    NOT NULL CHECK (length(action) <= 32),
    client_ip  TEXT    CHECK (length(client_ip) <= 64),
    detail     TEXT    CHECK (length(detail) <= 1000),
    CONSTRAINT fk_audit_log_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) STRICT;

CREATE INDEX ix_audit_log_at ON audit_log (at);

CREATE TABLE ticket_counters (
    ticket_day   TEXT    NOT NULL,
    last_number  INTEGER NOT NULL,
    CONSTRAINT pk_ticket_counters PRIMARY KEY (ticket_day)
) STRICT;

CREATE TABLE tickets (
    code             TEXT    NOT NULL CHECK (length(code) <= 32),
    key_hash         TEXT    NOT NULL CHECK (length(key_hash) <= 64),
    ticket_type      TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    channel          TEXT    NOT NULL CHECK (length(channel) <= 16),
    conversation_id  TEXT    CHECK (length(conversation_id) <= 64),
    question         TEXT    NOT NULL,
    question_key     TEXT    NOT NULL CHECK (length(question_key) <= 1024),
    duplicate_of     TEXT    CHECK (length(duplicate_of) <= 32),
    department       TEXT    NOT NULL CHECK (length(department) <= 64),
    candidates       TEXT    NOT NULL,
    contact_email    TEXT    CHECK (length(contact_email) <= 254),
    contact_phone    TEXT    CHECK (length(contact_phone) <= 32),
    contact_consent  INTEGER NOT NULL CHECK (contact_consent IN (0, 1)),
    created_at       TEXT    NOT NULL,
    clock_started_on TEXT    NOT NULL,
    deadline         TEXT    NOT NULL,
    extension_days   INTEGER NOT NULL,
    reminded_at      TEXT,
    overdue_at       TEXT,
    answer           TEXT,
    answered_at      TEXT,
    answered_by      TEXT    CHECK (length(answered_by) <= 254),
    thread_id        TEXT    CHECK (length(thread_id) <= 255),
    version          INTEGER NOT NULL,
    CONSTRAINT pk_tickets PRIMARY KEY (code),
    CONSTRAINT fk_tickets_duplicate_of FOREIGN KEY (duplicate_of) REFERENCES tickets (code),
    CONSTRAINT fk_tickets_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT ck_tickets_type CHECK (ticket_type IN ('consultation', 'disclosure')),
    CONSTRAINT ck_tickets_status CHECK (status IN ('open', 'correction', 'answered', 'closed')),
    CONSTRAINT ck_tickets_extension CHECK (extension_days >= 0)
) STRICT;

CREATE INDEX ix_tickets_status_deadline ON tickets (status, deadline);
CREATE INDEX ix_tickets_question_key ON tickets (question_key);
CREATE INDEX ix_tickets_thread_id ON tickets (thread_id);
CREATE INDEX ix_tickets_conversation ON tickets (conversation_id);
CREATE INDEX ix_tickets_created_at ON tickets (created_at);

CREATE TABLE ticket_events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_code  TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    occurred_at  TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (length(kind) <= 32),
    actor        TEXT    NOT NULL CHECK (length(actor) <= 254),
    detail       TEXT,
    CONSTRAINT fk_ticket_events_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;

CREATE INDEX ix_ticket_events_ticket ON ticket_events (ticket_code, id);

CREATE TABLE outbox (
    id               TEXT    NOT NULL CHECK (length(id) <= 64),
    ticket_code      TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    connector        TEXT    NOT NULL CHECK (length(connector) <= 32),
    kind             TEXT    NOT NULL CHECK (length(kind) <= 16),
    payload          TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TEXT    NOT NULL,
    last_error       TEXT    CHECK (length(last_error) <= 2000),
    delivered_id     TEXT    CHECK (length(delivered_id) <= 255),
    created_at       TEXT    NOT NULL,
    sent_at          TEXT,
    CONSTRAINT pk_outbox PRIMARY KEY (id),
    CONSTRAINT fk_outbox_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_outbox_status CHECK (status IN ('pending', 'sent', 'failed'))
) STRICT;

CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE mailbox_checkpoints (
    mailbox       TEXT    NOT NULL CHECK (length(mailbox) <= 255),
    uid_validity  INTEGER NOT NULL,
    last_uid      INTEGER NOT NULL,
    CONSTRAINT pk_mailbox_checkpoints PRIMARY KEY (mailbox)
) STRICT;

CREATE TABLE inbound_seen (
    dedup_key     TEXT    NOT NULL CHECK (length(dedup_key) <= 255),
    source        TEXT    NOT NULL CHECK (length(source) <= 255),
    outcome       TEXT    NOT NULL CHECK (length(outcome) <= 32),
    ticket_code   TEXT    CHECK (length(ticket_code) <= 32),
    processed_at  TEXT    NOT NULL,
    CONSTRAINT pk_inbound_seen PRIMARY KEY (dedup_key)
) STRICT;

CREATE TABLE inbound_held (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    reason        TEXT    NOT NULL,
    detail        TEXT    NOT NULL CHECK (length(detail) <= 2000),
    source        TEXT    NOT NULL CHECK (length(source) <= 255),
    sender        TEXT    CHECK (length(sender) <= 254),
    subject       TEXT    CHECK (length(subject) <= 1000),
    ticket_code   TEXT    CHECK (length(ticket_code) <= 32),
    raw           BLOB    NOT NULL,
    received_at   TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    resolved_by   TEXT    CHECK (length(resolved_by) <= 64),
    resolved_at   TEXT,
    CONSTRAINT ck_inbound_held_reason CHECK (reason IN ('quarantine', 'dead_letter')),
    CONSTRAINT ck_inbound_held_status CHECK (status IN ('pending', 'released', 'discarded'))
) STRICT;

CREATE INDEX ix_inbound_held_status ON inbound_held (status, id);

CREATE TABLE faq_proposals (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_code   TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    question      TEXT    NOT NULL,
    answer        TEXT    NOT NULL,
    citations     TEXT    NOT NULL,
    department    TEXT    NOT NULL CHECK (length(department) <= 64),
    status        TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    reviewed_by   TEXT    CHECK (length(reviewed_by) <= 64),
    reviewed_at   TEXT,
    faq_id        TEXT    CHECK (length(faq_id) <= 64),
    alternatives  TEXT,
    reject_reason TEXT    CHECK (length(reject_reason) <= 1000),
    CONSTRAINT fk_faq_proposals_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_faq_proposals_status CHECK (status IN ('pending', 'approved', 'rejected'))
) STRICT;

CREATE INDEX ix_faq_proposals_status ON faq_proposals (status, id);

CREATE TABLE hotline_calls (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    integration     TEXT    NOT NULL CHECK (length(integration) <= 64),
    external_id     TEXT    NOT NULL CHECK (length(external_id) <= 128),
    caller_phone    TEXT    CHECK (length(caller_phone) <= 32),
    extension       TEXT    CHECK (length(extension) <= 32),
    operator        TEXT    CHECK (length(operator) <= 64),
    started_at      TEXT,
    ended_at        TEXT,
    question        TEXT,
    answer_given    TEXT,
    notes           TEXT,
    ticket_code     TEXT    CHECK (length(ticket_code) <= 32),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    CONSTRAINT uq_hotline_calls_external UNIQUE (integration, external_id),
    CONSTRAINT fk_hotline_calls_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;

CREATE INDEX ix_hotline_calls_operator ON hotline_calls (operator, created_at);
CREATE INDEX ix_hotline_calls_caller ON hotline_calls (caller_phone, created_at);

CREATE TABLE hotline_call_events (
    integration  TEXT    NOT NULL CHECK (length(integration) <= 64),
    external_id  TEXT    NOT NULL CHECK (length(external_id) <= 128),
    event        TEXT    NOT NULL,
    call_id      INTEGER NOT NULL,
    received_at  TEXT    NOT NULL,
    CONSTRAINT pk_hotline_call_events PRIMARY KEY (integration, external_id, event),
    CONSTRAINT fk_hotline_call_events_call FOREIGN KEY (call_id) REFERENCES hotline_calls (id),
    CONSTRAINT ck_hotline_call_events_event CHECK (event IN ('started', 'ended'))
) STRICT;

CREATE TABLE interviews (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    title         TEXT    NOT NULL CHECK (length(title) <= 200),
    description   TEXT    NOT NULL CHECK (length(description) <= 4000),
    starts_at     TEXT    NOT NULL,
    ends_at       TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    moderator_id  INTEGER,
    last_seq      INTEGER NOT NULL,
    asks          INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    started_at    TEXT,
    ended_at      TEXT,
    CONSTRAINT fk_interviews_moderator FOREIGN KEY (moderator_id) REFERENCES accounts (id),
    CONSTRAINT ck_interviews_status CHECK (status IN ('scheduled', 'live', 'ended')),
    CONSTRAINT ck_interviews_times CHECK (ends_at > starts_at)
) STRICT;

CREATE INDEX ix_interviews_starts_at ON interviews (starts_at);

CREATE TABLE interview_guests (
    interview_id  INTEGER NOT NULL,
    account_id    INTEGER NOT NULL,
    guest_title   TEXT    NOT NULL CHECK (length(guest_title) <= 100),
    list_order    INTEGER NOT NULL,
    CONSTRAINT pk_interview_guests PRIMARY KEY (interview_id, account_id),
    CONSTRAINT fk_interview_guests_interview FOREIGN KEY (interview_id) REFERENCES interviews (id),
    CONSTRAINT fk_interview_guests_account FOREIGN KEY (account_id) REFERENCES accounts (id)
) STRICT;

CREATE INDEX ix_interview_guests_account ON interview_guests (account_id);

CREATE TABLE interview_questions (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id   INTEGER NOT NULL,
    question       TEXT    NOT NULL CHECK (length(question) <= 2000),
    question_key   TEXT    NOT NULL CHECK (length(question_key) <= 2000),
    asker_name     TEXT    CHECK (length(asker_name) <= 64),
    status         TEXT    NOT NULL,
    merged_into    INTEGER,
    ask_count      INTEGER NOT NULL,
    assigned_to    INTEGER,
    feed_seq       INTEGER,
    ticket_code    TEXT    CHECK (length(ticket_code) <= 32),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    CONSTRAINT fk_interview_questions_interview FOREIGN KEY (interview_id) REFERENCES interviews (id),
    CONSTRAINT fk_interview_questions_merged FOREIGN KEY (merged_into) REFERENCES interview_questions (id),
    CONSTRAINT fk_interview_questions_assigned FOREIGN KEY (assigned_to) REFERENCES accounts (id),
    CONSTRAINT ck_interview_questions_status CHECK (status IN ('queued', 'assigned', 'answered', 'bot_answered',
        'rejected', 'merged', 'to_escalate', 'escalated', 'answered_later')),
    CONSTRAINT ck_interview_questions_count CHECK (ask_count >= 1),
    CONSTRAINT uq_interview_questions_feed UNIQUE (interview_id, feed_seq)
) STRICT;

CREATE INDEX ix_interview_questions_interview ON interview_questions (interview_id, status);
CREATE INDEX ix_interview_questions_created_at ON interview_questions (created_at);

CREATE TABLE interview_answers (
    question_id     INTEGER NOT NULL,
    source          TEXT    NOT NULL,
    account_id      INTEGER,
    guest_name      TEXT    CHECK (length(guest_name) <= 64),
    guest_title     TEXT    CHECK (length(guest_title) <= 100),
    body            TEXT    NOT NULL,
    citations       TEXT,
    confidence      REAL,
    created_at      TEXT    NOT NULL,
    department_name TEXT    CHECK (length(department_name) <= 64),
    CONSTRAINT pk_interview_answers PRIMARY KEY (question_id),
    CONSTRAINT fk_interview_answers_question FOREIGN KEY (question_id) REFERENCES interview_questions (id),
    CONSTRAINT fk_interview_answers_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT ck_interview_answers_source CHECK (source IN ('guest', 'bot', 'officer')),
    CONSTRAINT ck_interview_answers_department CHECK (source <> 'officer' OR department_name IS NOT NULL)
) STRICT;
