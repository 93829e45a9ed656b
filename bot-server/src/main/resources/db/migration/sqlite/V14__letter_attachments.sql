-- Files attached to a letter (package letters): JPEG, PNG or PDF, when the letter was written or with
-- a 补充 while it was open. The bytes live under the data folder (letters/attachments/), named by
-- stored_name, a random token that says nothing of the letter or the file; file_name is the name the
-- citizen gave, shown to staff and in the Content-Disposition of a download. content_type is what the
-- file's first bytes showed, never what the client said. Staff of the handling department download
-- them; nobody else is served them. position is the file's place among those sent together (files
-- sent at once share added_at), so that they are listed in the order the citizen chose them.
CREATE TABLE letter_attachments (
    id            TEXT    NOT NULL CHECK (length(id) <= 32),
    ticket_code   TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    file_name     TEXT    NOT NULL CHECK (length(file_name) <= 255),
    content_type  TEXT    NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes    INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256        TEXT    NOT NULL CHECK (length(sha256) = 64),
    stored_name   TEXT    NOT NULL CHECK (length(stored_name) <= 64),
    added_at      TEXT    NOT NULL,
    position      INTEGER NOT NULL CHECK (position >= 0),
    CONSTRAINT pk_letter_attachments PRIMARY KEY (id),
    CONSTRAINT uq_letter_attachments_stored UNIQUE (stored_name),
    CONSTRAINT fk_letter_attachments_letter FOREIGN KEY (ticket_code) REFERENCES letters (ticket_code)
) STRICT;

CREATE INDEX ix_letter_attachments_ticket ON letter_attachments (ticket_code, added_at, position);
