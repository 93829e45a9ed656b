-- Letters to the office's named mailboxes (市政府信箱, 主任信箱 …) and the 诉求类型 of every ticket.
--
-- tickets.ticket_type now also takes the types 12345 hotlines and letter boxes sort requests into,
-- each with its own answer days: consultation (咨询), suggestion (建议), complaint (投诉), help
-- (求助), tipoff (举报), besides disclosure (依申请公开). Existing rows keep their type.
ALTER TABLE tickets DROP CONSTRAINT ck_tickets_type;
ALTER TABLE tickets ADD CONSTRAINT ck_tickets_type
    CHECK (ticket_type IN ('consultation', 'suggestion', 'complaint', 'help', 'tipoff', 'disclosure'));

-- The mailbox a letter was written to (the id of config's mailboxes:), null for tickets of other
-- channels; and the title its writer gave it (null when none was asked for: a chat question).
ALTER TABLE tickets ADD COLUMN mailbox VARCHAR(32);
ALTER TABLE tickets ADD COLUMN title VARCHAR(200);
CREATE INDEX ix_tickets_mailbox ON tickets (mailbox);

-- What a letter has beyond its ticket (package letters): how it came in (form: the /letters page or
-- POST /api/v1/letters; email: a mail to the mailbox's public address), the writer's name (personal
-- data: optional unless the type needs it, masked where the department does not see contacts) and
-- whether the writer agreed that the answered letter be published (信件公开) with personal data removed.
CREATE TABLE letters (
    ticket_code      VARCHAR(32)  NOT NULL,
    via              VARCHAR(8)   NOT NULL,
    writer_name      VARCHAR(64),
    publish_consent  BOOLEAN      NOT NULL,
    CONSTRAINT pk_letters PRIMARY KEY (ticket_code),
    CONSTRAINT fk_letters_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_letters_via CHECK (via IN ('form', 'email'))
);
