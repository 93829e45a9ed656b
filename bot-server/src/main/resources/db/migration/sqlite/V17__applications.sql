-- Applications for disclosure (依申请公开, package applications): what the application form of
-- Art. 29 of the regulation adds to its ticket (of type disclosure, whose deadline counts from
-- received_on). applicant_type natural (自然人) or legal (法人或其他组织, then organisation_type: the
-- annual report's columns business, research, public_interest, legal_service, other). The identity
-- document number is personal data: id_number_sealed is it encrypted (AES-256-GCM, key in
-- applications.keyFile, "v1:" and Base64), id_number_masked its last four characters for pages and
-- mail outside the handling department, id_number_hash a keyed hash (HMAC-SHA256) to find one
-- person's applications without decrypting any. form: paper, email, disc, other (信息的提供形式);
-- delivery: post, pickup, email, online (获取方式); via: online (this form; received the day it is
-- sent), post (received the day it is signed for), counter (typed in by staff).
CREATE TABLE applications (
    ticket_code        TEXT    NOT NULL CHECK (length(ticket_code) <= 32),
    via                TEXT    NOT NULL CHECK (via IN ('online', 'post', 'counter')),
    received_on        TEXT    NOT NULL CHECK (length(received_on) = 10),
    applicant_type     TEXT    NOT NULL CHECK (applicant_type IN ('natural', 'legal')),
    organisation_type  TEXT    CHECK (organisation_type IS NULL
        OR organisation_type IN ('business', 'research', 'public_interest', 'legal_service', 'other')),
    applicant_name     TEXT    NOT NULL CHECK (length(applicant_name) <= 200),
    id_type            TEXT    CHECK (id_type IS NULL
        OR id_type IN ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'other')),
    id_number_sealed   TEXT    CHECK (length(id_number_sealed) <= 200),
    id_number_masked   TEXT    CHECK (length(id_number_masked) <= 32),
    id_number_hash     TEXT    CHECK (length(id_number_hash) <= 64),
    organisation       TEXT    CHECK (length(organisation) <= 200),
    credit_code        TEXT    CHECK (length(credit_code) <= 18),
    address            TEXT    CHECK (length(address) <= 200),
    phone              TEXT    NOT NULL CHECK (length(phone) <= 32),
    email              TEXT    CHECK (length(email) <= 254),
    request            TEXT    NOT NULL CHECK (length(request) <= 10000),
    doc_reference      TEXT    CHECK (length(doc_reference) <= 200),
    form               TEXT    NOT NULL CHECK (form IN ('paper', 'email', 'disc', 'other')),
    delivery           TEXT    NOT NULL CHECK (delivery IN ('post', 'pickup', 'email', 'online')),
    CONSTRAINT pk_applications PRIMARY KEY (ticket_code),
    CONSTRAINT fk_applications_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code)
) STRICT;
CREATE INDEX ix_applications_id_hash ON applications (id_number_hash);
CREATE INDEX ix_applications_received_on ON applications (received_on);
