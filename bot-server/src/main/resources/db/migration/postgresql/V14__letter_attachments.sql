-- Files attached to a letter (package letters): JPEG, PNG or PDF, when the letter was written or with
-- a 补充 while it was open. The bytes live under the data folder (letters/attachments/), named by
-- stored_name, a random token that says nothing of the letter or the file; file_name is the name the
-- citizen gave, shown to staff and in the Content-Disposition of a download. content_type is what the
-- file's first bytes showed, never what the client said. Staff of the handling department download
-- them; nobody else is served them. position is the file's place among those sent together (files
-- sent at once share added_at), so that they are listed in the order the citizen chose them.
CREATE TABLE letter_attachments (
    id            VARCHAR(32)              NOT NULL,
    ticket_code   VARCHAR(32)              NOT NULL,
    file_name     VARCHAR(255)             NOT NULL,
    content_type  VARCHAR(32)              NOT NULL,
    size_bytes    BIGINT                   NOT NULL,
    sha256        CHAR(64)                 NOT NULL,
    stored_name   VARCHAR(64)              NOT NULL,
    added_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    position      INTEGER                  NOT NULL,
    CONSTRAINT pk_letter_attachments PRIMARY KEY (id),
    CONSTRAINT uq_letter_attachments_stored UNIQUE (stored_name),
    CONSTRAINT fk_letter_attachments_letter FOREIGN KEY (ticket_code) REFERENCES letters (ticket_code),
    CONSTRAINT ck_letter_attachments_type CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    CONSTRAINT ck_letter_attachments_size CHECK (size_bytes > 0),
    CONSTRAINT ck_letter_attachments_position CHECK (position >= 0)
);

CREATE INDEX ix_letter_attachments_ticket ON letter_attachments (ticket_code, added_at, position);
