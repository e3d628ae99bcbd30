-- The forecast and the find / nurture / close split read these indexes alone:
-- they now carry every column the queries touch (status and deleted_at too,
-- which SQLite does not take as covered by a partial index's WHERE; without them
-- SQLite 3.51 counted the split through the status index and a sort, 130 ms at
-- 300,000 opportunities). A team's forecast filters the owner inside the index.
-- A kanban column filtered by grade reads its own range. Keep in step with the
-- other dialect.

DROP INDEX ix_opportunities__forecast;
DROP INDEX ix_opportunities__owner_forecast;
CREATE INDEX ix_opportunities__forecast ON opportunities (grade, close_date, amount, probability, customer_owner_id, status, deleted_at) WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX ix_opportunities__owner_forecast ON opportunities (customer_owner_id, grade, close_date, amount, probability, status, deleted_at) WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX ix_opportunities__open_stage_grade ON opportunities (stage, grade, updated_at) WHERE status = 'open' AND deleted_at IS NULL;
