-- A rep's customer list at a million customers (issue 4): the filter
-- indexes of the fields customers are selected by (CU4) and of the owner now
-- end with the owner and the default sort, so a rep's list filtered by one of
-- them reads its 50 rows in order from one range instead of walking the
-- whole `updated_at` index. They hold live rows only: PostgreSQL does not
-- take `deleted_at IS NULL` as fixing a column for the order. They replace 0011's indexes and the plain owner
-- index, which were prefixes of these. Keep in step with the other dialect
-- and with `registry::ddl::filter_indexes`.
DROP INDEX ix_customers__category_owner;
DROP INDEX ix_customers__source_owner;
DROP INDEX ix_customers__industry_owner;
DROP INDEX ix_customers__company_nature_owner;
DROP INDEX ix_customers__grade_owner;
DROP INDEX ix_customers__owner_id_live;
DROP INDEX ix_customers__category_live;
DROP INDEX ix_customers__source_live;
DROP INDEX ix_customers__industry_live;
DROP INDEX ix_customers__company_nature_live;
DROP INDEX ix_customers__grade_live;
DROP INDEX ix_customers__owner_id;
CREATE INDEX ix_customers__owner_id_live ON customers (owner_id NULLS FIRST, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__category_live ON customers (category NULLS FIRST, owner_id, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__source_live ON customers (source NULLS FIRST, owner_id, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__industry_live ON customers (industry NULLS FIRST, owner_id, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__company_nature_live ON customers (company_nature NULLS FIRST, owner_id, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__grade_live ON customers (grade NULLS FIRST, owner_id, updated_at NULLS FIRST, id) WHERE deleted_at IS NULL;
ANALYZE customers;
