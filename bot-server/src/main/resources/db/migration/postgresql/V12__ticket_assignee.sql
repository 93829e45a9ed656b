-- Who on the ticket desk handles a ticket: the username of a staff account (an officer, or an
-- administrator), set by "领取" (take: assign to myself) or "指派" (assign to a named account),
-- each recorded in ticket_events. Null: nobody has taken it yet. Cleared by a transfer, since the
-- receiving department's staff take it up afresh. A username, not an account id, as answered_by
-- and ticket_events.actor are: an account removed later still reads as who it was.
ALTER TABLE tickets ADD COLUMN assignee VARCHAR(64);
CREATE INDEX ix_tickets_assignee ON tickets (assignee);
