-- Who owns a customer over time (CU4 allocation, CU5 transfer, the pool, CU12
-- territories): every change of owner is one row of ownership_history, written
-- in the same statement set as the change. Keep in step with the other dialect.
ALTER TABLE customers ADD COLUMN owned_since BIGINT;
ALTER TABLE customers ADD COLUMN last_followup_at BIGINT;

-- One allocation, transfer, claim or rule run: who, when, what and why.
CREATE TABLE allocation_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    action TEXT NOT NULL,
    criteria TEXT,
    to_user BIGINT REFERENCES users(id),
    reason TEXT,
    note TEXT,
    moved BIGINT NOT NULL DEFAULT 0,
    at BIGINT NOT NULL,
    by_user BIGINT REFERENCES users(id)
);
CREATE INDEX ix_allocation_runs__at ON allocation_runs (at);

CREATE TABLE ownership_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    from_user BIGINT REFERENCES users(id),
    to_user BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    reason TEXT,
    run_id BIGINT REFERENCES allocation_runs(id),
    at BIGINT NOT NULL,
    by_user BIGINT REFERENCES users(id)
);
CREATE INDEX ix_ownership_history__customer ON ownership_history (customer_id, at);
CREATE INDEX ix_ownership_history__to_user ON ownership_history (to_user, action, at);
CREATE INDEX ix_ownership_history__from_user ON ownership_history (from_user, at);
CREATE INDEX ix_ownership_history__run ON ownership_history (run_id);

-- The pool's rules (one row): claims per day, the former owner's wait,
-- the holding cap, and days without follow-up before a customer of each
-- grade returns to the pool (NULL: never), with a warning before.
CREATE TABLE pool_rules (
    id BIGINT PRIMARY KEY,
    daily_claim_limit BIGINT,
    cooldown_days BIGINT,
    holding_cap BIGINT,
    idle_days_a BIGINT,
    idle_days_b BIGINT,
    idle_days_c BIGINT,
    idle_days_d BIGINT,
    idle_days_ungraded BIGINT,
    warn_days BIGINT NOT NULL DEFAULT 7,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id)
);

-- Each rep's territory (责任区) target size.
CREATE TABLE territory_targets (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    target_size BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id)
);

-- Background jobs that one server runs at a time take a lease here.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
