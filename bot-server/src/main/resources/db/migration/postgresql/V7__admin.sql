-- The admin pages (issue 3 /admin, issue 4 FAQ review): what an administrator's change was about,
-- and the parts of an FAQ proposal the reviewer edits or decides. Portable SQL, run unchanged by
-- H2 and PostgreSQL, as V1.

-- What an action was about: the account changed (its username), the file uploaded, the proposal
-- decided. Null for the logins and logouts of V2, which are about the actor alone.
ALTER TABLE audit_log ADD COLUMN detail VARCHAR(1000);

-- Other phrasings of the proposed question, as a JSON array of strings; null before review.
ALTER TABLE faq_proposals ADD COLUMN alternatives VARCHAR;
-- Why a reviewer rejected the proposal (shown in the review list; the officer may learn from it).
ALTER TABLE faq_proposals ADD COLUMN reject_reason VARCHAR(1000);
