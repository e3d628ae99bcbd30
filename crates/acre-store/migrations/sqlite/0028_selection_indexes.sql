-- On SQLite the fields customers are selected by are indexed alone, without
-- the owner and the change time: a move then rewrites none of their entries,
-- and the counts those indexes answered come from customer_tallies (see
-- `registry::ddl::carries_owner`). PostgreSQL keeps its indexes. Keep in
-- step with the other dialect.
DROP INDEX ix_customers__grade_live;
DROP INDEX ix_customers__category_live;
DROP INDEX ix_customers__source_live;
DROP INDEX ix_customers__industry_live;
DROP INDEX ix_customers__company_nature_live;
CREATE INDEX ix_customers__category_live ON customers (category, deleted_at);
CREATE INDEX ix_customers__source_live ON customers (source, deleted_at);
CREATE INDEX ix_customers__industry_live ON customers (industry, deleted_at);
CREATE INDEX ix_customers__company_nature_live ON customers (company_nature, deleted_at);
CREATE INDEX ix_customers__grade_live ON customers (grade, deleted_at);
