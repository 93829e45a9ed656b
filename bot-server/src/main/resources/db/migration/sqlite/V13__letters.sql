-- Letters to the office's named mailboxes (市政府信箱, 主任信箱 …) and the 诉求类型 of every ticket.
--
-- tickets.ticket_type now also takes the types 12345 hotlines and letter boxes sort requests into,
-- each with its own answer days: consultation (咨询), suggestion (建议), complaint (投诉), help
-- (求助), tipoff (举报), besides disclosure (依申请公开). Existing rows keep their type. SQLite cannot
-- change a table's CHECK, so the table is rebuilt, the documented way, inside this migration's
-- transaction: copy, drop, create, copy back. The foreign keys of the tables that reference tickets
-- are deferred to the commit, by which time every ticket is back (a row lost would fail the commit
-- and leave the database as it was). Also new: the mailbox a letter was written to (the id of
-- config's mailboxes:, null for other channels) and the title its writer gave it.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE tickets_before_v13 AS SELECT * FROM tickets;
DROP TABLE tickets;

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
    pin_hash         TEXT    CHECK (length(pin_hash) <= 64),
    assignee         TEXT    CHECK (length(assignee) <= 64),
    mailbox          TEXT    CHECK (length(mailbox) <= 32),
    title            TEXT    CHECK (length(title) <= 200),
    CONSTRAINT pk_tickets PRIMARY KEY (code),
    CONSTRAINT fk_tickets_duplicate_of FOREIGN KEY (duplicate_of) REFERENCES tickets (code),
    CONSTRAINT fk_tickets_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT ck_tickets_type CHECK (ticket_type IN ('consultation', 'suggestion', 'complaint', 'help', 'tipoff', 'disclosure')),
    CONSTRAINT ck_tickets_status CHECK (status IN ('open', 'correction', 'answered', 'closed')),
    CONSTRAINT ck_tickets_extension CHECK (extension_days >= 0)
) STRICT;

INSERT INTO tickets (code, key_hash, ticket_type, status, channel, conversation_id, question, question_key, duplicate_of, department, candidates, contact_email, contact_phone, contact_consent, created_at, clock_started_on, deadline, extension_days, reminded_at, overdue_at, answer, answered_at, answered_by, thread_id, version, pin_hash, assignee)
    SELECT code, key_hash, ticket_type, status, channel, conversation_id, question, question_key, duplicate_of, department, candidates, contact_email, contact_phone, contact_consent, created_at, clock_started_on, deadline, extension_days, reminded_at, overdue_at, answer, answered_at, answered_by, thread_id, version, pin_hash, assignee FROM tickets_before_v13;
DROP TABLE tickets_before_v13;

CREATE INDEX ix_tickets_status_deadline ON tickets (status, deadline);
CREATE INDEX ix_tickets_question_key ON tickets (question_key);
CREATE INDEX ix_tickets_thread_id ON tickets (thread_id);
CREATE INDEX ix_tickets_conversation ON tickets (conversation_id);
CREATE INDEX ix_tickets_created_at ON tickets (created_at);
CREATE INDEX ix_tickets_assignee ON tickets (assignee);
CREATE INDEX ix_tickets_mailbox ON tickets (mailbox);

-- What a letter has beyond its ticket (package letters): how it came in (form: the /letters page or
-- POST /api/v1/letters; email: a mail to the mailbox's public address), the writer's name (personal
-- data: optional unless the type needs it, masked where the department does not see contacts) and
-- whether the writer agreed that the answered letter be published (信件公开) with personal data removed.
CREATE TABLE letters (
    ticket_code      TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    via              TEXT    NOT NULL CHECK (via IN ('form', 'email')),
    writer_name      TEXT    CHECK (length(writer_name) <= 64),
    publish_consent  INTEGER NOT NULL CHECK (publish_consent IN (0, 1)),
    CONSTRAINT pk_letters PRIMARY KEY (ticket_code),
    CONSTRAINT fk_letters_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;
