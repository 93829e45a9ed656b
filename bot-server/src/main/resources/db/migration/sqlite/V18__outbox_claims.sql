-- Outbox claims: see ../postgresql/V18__outbox_claims.sql, which this file mirrors under the same
-- names in SQLite's types (V9__schema.sql says which). On SQLite one process holds the database
-- (its lock file), so its relay is the only claimer; it still writes the claims, the same way.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT CHECK (length(claimed_by) <= 64);
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
