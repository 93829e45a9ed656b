-- Who on the ticket desk handles a ticket: see ../postgresql/V12__ticket_assignee.sql, which this
-- file mirrors under the same names in SQLite's types (V9__schema.sql says which).
ALTER TABLE tickets ADD COLUMN assignee TEXT CHECK (length(assignee) <= 64);
CREATE INDEX ix_tickets_assignee ON tickets (assignee);
