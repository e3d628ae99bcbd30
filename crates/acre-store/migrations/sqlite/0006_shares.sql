-- Sharing a customer with colleagues (CU2): read-only or read-write, with an
-- optional expiry. Keep in step with the other dialect's file.
CREATE TABLE customer_shares (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    can_write BOOLEAN NOT NULL DEFAULT 0,
    expires_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE UNIQUE INDEX uq_customer_shares__customer_user ON customer_shares (customer_id, user_id);
CREATE INDEX ix_customer_shares__user_id ON customer_shares (user_id, customer_id);
