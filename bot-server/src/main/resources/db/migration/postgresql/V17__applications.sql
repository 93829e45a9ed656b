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
    ticket_code        VARCHAR(32)   NOT NULL,
    via                VARCHAR(8)    NOT NULL,
    received_on        DATE          NOT NULL,
    applicant_type     VARCHAR(8)    NOT NULL,
    organisation_type  VARCHAR(16),
    applicant_name     VARCHAR(200)  NOT NULL,
    id_type            VARCHAR(16),
    id_number_sealed   VARCHAR(200),
    id_number_masked   VARCHAR(32),
    id_number_hash     VARCHAR(64),
    organisation       VARCHAR(200),
    credit_code        VARCHAR(18),
    address            VARCHAR(200),
    phone              VARCHAR(32)   NOT NULL,
    email              VARCHAR(254),
    request            VARCHAR(10000) NOT NULL,
    doc_reference      VARCHAR(200),
    form               VARCHAR(8)    NOT NULL,
    delivery           VARCHAR(8)    NOT NULL,
    CONSTRAINT pk_applications PRIMARY KEY (ticket_code),
    CONSTRAINT fk_applications_ticket FOREIGN KEY (ticket_code) REFERENCES tickets (code),
    CONSTRAINT ck_applications_via CHECK (via IN ('online', 'post', 'counter')),
    CONSTRAINT ck_applications_applicant CHECK (applicant_type IN ('natural', 'legal')),
    CONSTRAINT ck_applications_organisation CHECK (organisation_type IS NULL
        OR organisation_type IN ('business', 'research', 'public_interest', 'legal_service', 'other')),
    CONSTRAINT ck_applications_id_type CHECK (id_type IS NULL
        OR id_type IN ('resident_id', 'passport', 'hk_macao_permit', 'taiwan_permit', 'other')),
    CONSTRAINT ck_applications_form CHECK (form IN ('paper', 'email', 'disc', 'other')),
    CONSTRAINT ck_applications_delivery CHECK (delivery IN ('post', 'pickup', 'email', 'online'))
);
CREATE INDEX ix_applications_id_hash ON applications (id_number_hash);
CREATE INDEX ix_applications_received_on ON applications (received_on);
