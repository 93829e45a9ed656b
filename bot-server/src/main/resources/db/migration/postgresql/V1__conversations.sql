-- Conversations of citizens with Wenzheng and their messages (issue 3), the first data kept.
--
-- Portable SQL: this same file runs on H2 and on PostgreSQL, so it uses only types and constraints
-- both have (VARCHAR without a length is unbounded on PostgreSQL and up to 1,000,000 characters
-- on H2; TIMESTAMP WITH TIME ZONE holds microseconds on both). Times are stored in UTC.

CREATE TABLE conversations (
    -- Unguessable random token (192 bits, base64url): knowing it is what allows reading the
    -- conversation, so it is never derived from anything else.
    id          VARCHAR(64)              NOT NULL,
    -- Where it started: web, hotline, interview or api.
    channel     VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The seq of the newest message. Appending a message increments it first, which locks the row
    -- until commit: concurrent appends to one conversation get distinct numbers in commit order,
    -- the same way on both databases.
    last_seq    INTEGER                  NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id)
);

-- Reports by period and the deletion of conversations past their retention time (PIPL Art. 19).
CREATE INDEX ix_conversations_created_at ON conversations (created_at);

CREATE TABLE messages (
    conversation_id VARCHAR(64)              NOT NULL,
    -- 1, 2, 3 … within the conversation, in the order the messages were stored.
    seq             INTEGER                  NOT NULL,
    role            VARCHAR(16)              NOT NULL,
    -- As written or answered: a citizen's question is kept unmasked (a ticket needs it); logs
    -- and mails mask it.
    body            VARCHAR                  NOT NULL,
    -- Bot messages: whether the engine was confident enough to answer, and how confident it was.
    answered        BOOLEAN,
    confidence      DOUBLE PRECISION,
    -- JSON array of the sources shown with the message: the citations of an answer, or the
    -- candidates offered when it did not answer.
    citations       VARCHAR,
    -- The seq of the message this one replies to (a bot's answer to a question); with several
    -- questions in flight at once, the order of seq alone does not pair them.
    reply_to        INTEGER,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (conversation_id, seq),
    CONSTRAINT fk_messages_conversation FOREIGN KEY (conversation_id) REFERENCES conversations (id),
    CONSTRAINT ck_messages_role CHECK (role IN ('citizen', 'bot', 'officer')),
    CONSTRAINT ck_messages_seq CHECK (seq >= 1),
    CONSTRAINT ck_messages_confidence CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
);

-- Reports by period (questions asked, answered and not) across conversations.
CREATE INDEX ix_messages_created_at ON messages (created_at);
