-- Answers after the event (会后答复): a question left unanswered at the end of an online interview
-- becomes a ticket; when an officer answers that ticket, the answer is published in the event's
-- transcript in the same transaction, under the answering department's name. Portable SQL, run
-- unchanged by H2 and PostgreSQL, as V1: constraints are replaced by name (DROP CONSTRAINT, then
-- ADD CONSTRAINT), which both accept.

-- answered_later: escalated, and its ticket's answer is now published.
ALTER TABLE interview_questions DROP CONSTRAINT ck_interview_questions_status;
ALTER TABLE interview_questions ADD CONSTRAINT ck_interview_questions_status CHECK (status IN ('queued',
    'assigned', 'answered', 'bot_answered', 'rejected', 'merged', 'to_escalate', 'escalated', 'answered_later'));

-- officer: the answer to the question's ticket, given after the event.
ALTER TABLE interview_answers DROP CONSTRAINT ck_interview_answers_source;
ALTER TABLE interview_answers ADD CONSTRAINT ck_interview_answers_source CHECK (source IN ('guest', 'bot',
    'officer'));

-- The department that answered, by the name shown when it answered (kept for the transcript, as
-- guest_name is): never the officer's address or username.
ALTER TABLE interview_answers ADD COLUMN department_name VARCHAR(64);
ALTER TABLE interview_answers ADD CONSTRAINT ck_interview_answers_department CHECK (source <> 'officer'
    OR department_name IS NOT NULL);

-- A ticket's answer has no length limit (a mail reply is as long as the officer wrote it), and
-- failing to publish it would refuse the answer itself: the published copy has none either.
ALTER TABLE interview_answers ALTER COLUMN body SET DATA TYPE VARCHAR;
