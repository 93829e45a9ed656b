-- The 查询码 of a ticket: a short run of digits the citizen can repeat to a hotline operator or
-- type on /track, in addition to the long access key (kept for links). Only its hash is kept:
-- SHA-256 (hex) of "<code>:<digits>", so that equal digits of two tickets differ here. Tickets
-- made before this migration have none and are found with their key or their contact only.
ALTER TABLE tickets ADD COLUMN pin_hash VARCHAR(64);
