-- Several nodes deliver one outbox (docs/deployment.md): a relay claims a due row before it
-- delivers it, in a transaction that locks the row (SELECT … FOR UPDATE SKIP LOCKED, so two relays
-- never wait for each other nor take the same row) and records the claim here; the delivery then
-- happens outside any transaction. claimed_until is the claim's lease: a row whose claimer died
-- (the node killed between the claim and the delivery's record) is claimed again once it has
-- passed, never before. claimed_by is the node id (cluster.nodeId) of the last claimer, kept on a
-- sent or failed row so that an administrator sees which node delivered it; claimed_until is
-- cleared when the delivery is recorded. Both null: never claimed (every row before this version).
ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
