-- Customer lists at a million customers (issue 4): a filtered list counts
-- its matches among the owned customers the reader may see, so the filter
-- fields used to select customers (CU4) carry the owner too. A rep's count
-- then reads a narrow range (field = x, live, owner = rep) and the general
-- manager's count reads the index alone. Keep in step with the other dialect.
CREATE INDEX ix_customers__grade_owner ON customers (grade NULLS FIRST, deleted_at, owner_id NULLS FIRST);
CREATE INDEX ix_customers__category_owner ON customers (category NULLS FIRST, deleted_at, owner_id NULLS FIRST);
CREATE INDEX ix_customers__source_owner ON customers (source NULLS FIRST, deleted_at, owner_id NULLS FIRST);
CREATE INDEX ix_customers__industry_owner ON customers (industry NULLS FIRST, deleted_at, owner_id NULLS FIRST);
CREATE INDEX ix_customers__company_nature_owner ON customers (company_nature NULLS FIRST, deleted_at, owner_id NULLS FIRST);
ANALYZE customers;
