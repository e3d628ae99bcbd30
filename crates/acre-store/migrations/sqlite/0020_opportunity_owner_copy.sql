-- Opportunities carry their customer's owner (acre_app Access::CustomerCopy),
-- kept by every ownership move, so the kanban and the forecast narrow a rep's
-- or a team's opportunities by an index instead of probing each one's customer.
-- Keep in step with the other dialect.

ALTER TABLE opportunities ADD COLUMN customer_owner_id BIGINT REFERENCES users(id);
UPDATE opportunities SET customer_owner_id = (SELECT c.owner_id FROM customers c WHERE c.id = opportunities.customer_id);
CREATE INDEX ix_opportunities__customer_owner_id_live ON opportunities (customer_owner_id, deleted_at);

-- A kanban column's page and capped count for one owner (ix_opportunities__open_stage
-- serves those who see every owner).
CREATE INDEX ix_opportunities__open_owner_stage ON opportunities (customer_owner_id, stage, updated_at) WHERE status = 'open' AND deleted_at IS NULL;

-- The forecast is grouped from these alone, in grade and close-date order.
DROP INDEX ix_opportunities__open_close;
CREATE INDEX ix_opportunities__forecast ON opportunities (grade, close_date, amount, probability) WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX ix_opportunities__owner_forecast ON opportunities (customer_owner_id, grade, close_date, amount, probability) WHERE status = 'open' AND deleted_at IS NULL;
