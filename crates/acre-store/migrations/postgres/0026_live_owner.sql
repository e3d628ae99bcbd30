-- The live customers' id index carries the owner: a rep's or a manager's
-- search checks each match's owner in the index instead of the table (see
-- `registry::ddl::filter_indexes`). SQLite finds a row by its id in the table
-- itself and keeps its index. Keep in step with the other dialect.
DROP INDEX ix_customers__live;
CREATE INDEX ix_customers__live ON customers (id) INCLUDE (owner_id) WHERE deleted_at IS NULL;
