-- The 查询码 of a ticket: see ../postgresql/V11__ticket_pins.sql, which this file mirrors under the
-- same name in SQLite's types (V9__schema.sql says which).
ALTER TABLE tickets ADD COLUMN pin_hash TEXT CHECK (length(pin_hash) <= 64);
