-- How many live customers each owner (0: the pool) holds, in all (field '')
-- and per value ('' when empty) of each field customers are selected by:
-- a list's count adds up a few of these (see `registry::tally`). Every write
-- of a customer keeps them in its own transaction. Keep in step with the
-- other dialect.
CREATE TABLE customer_tallies (
    owner_id BIGINT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (owner_id, field, value)
);
INSERT INTO customer_tallies (owner_id, field, value, n)
SELECT COALESCE(owner_id, 0), '', '', COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1
UNION ALL SELECT COALESCE(owner_id, 0), 'grade', COALESCE(grade, ''), COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 3
UNION ALL SELECT COALESCE(owner_id, 0), 'category', COALESCE(category, ''), COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 3
UNION ALL SELECT COALESCE(owner_id, 0), 'source', COALESCE(source, ''), COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 3
UNION ALL SELECT COALESCE(owner_id, 0), 'industry', COALESCE(industry, ''), COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 3
UNION ALL SELECT COALESCE(owner_id, 0), 'company_nature', COALESCE(company_nature, ''), COUNT(*) FROM customers WHERE deleted_at IS NULL GROUP BY 1, 3;
