-- A user field's filter index `(field, deleted_at)` begins with the field, so
-- the plain index on the field alone answered nothing it could not; it only
-- cost every write, and on PostgreSQL every update that moves an owner (see
-- `registry::ddl::create_table`). Keep in step with the other dialect.
DROP INDEX ix_opportunities__owner_id;
DROP INDEX ix_contracts__owner_id;
