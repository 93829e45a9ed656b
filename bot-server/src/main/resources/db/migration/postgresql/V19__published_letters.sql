-- 信件公开: answered letters an administrator published (package letters, PublicationStore), with
-- the text as reviewed: title, content and answer with personal data removed and edited by hand.
-- Only these columns are ever shown on /letters/public; the ticket's own text stays unpublished.
-- status: published (listed) or withdrawn (kept, for the record, and never listed). Who published
-- and who changed it last; every change is also a ticket event (letter_published …).
CREATE TABLE published_letters (
    ticket_code   VARCHAR(32)  NOT NULL,
    title         VARCHAR(200) NOT NULL,
    content       TEXT         NOT NULL,
    answer        TEXT         NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    published_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    published_by  VARCHAR(64)  NOT NULL,
    changed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_by    VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_published_letters PRIMARY KEY (ticket_code),
    CONSTRAINT fk_published_letters_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_published_letters_status CHECK (status IN ('published', 'withdrawn'))
);
CREATE INDEX ix_published_letters_status ON published_letters (status, published_at);
