-- 信件公开: answered letters an administrator published (package letters, PublicationStore), with
-- the text as reviewed: title, content and answer with personal data removed and edited by hand.
-- Only these columns are ever shown on /letters/public; the ticket's own text stays unpublished.
-- status: published (listed) or withdrawn (kept, for the record, and never listed). Who published
-- and who changed it last; every change is also a ticket event (letter_published …).
CREATE TABLE published_letters (
    ticket_code   TEXT NOT NULL CHECK (length(ticket_code) <= 32),
    title         TEXT NOT NULL CHECK (length(title) <= 200),
    content       TEXT NOT NULL,
    answer        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('published', 'withdrawn')),
    published_at  TEXT NOT NULL,
    published_by  TEXT NOT NULL CHECK (length(published_by) <= 64),
    changed_at    TEXT NOT NULL,
    changed_by    TEXT NOT NULL CHECK (length(changed_by) <= 64),
    CONSTRAINT pk_published_letters PRIMARY KEY (ticket_code),
    CONSTRAINT fk_published_letters_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;
CREATE INDEX ix_published_letters_status ON published_letters (status, published_at);
