-- ownership_history is an append-only log, written only by the statements
-- that move customers, from the rows they move in the same transaction; no
-- customer or user is ever deleted (customers go to the trash, users are
-- deactivated). Its foreign keys checked nothing those statements could get
-- wrong, one lookup per key and row: five for each customer a move takes
-- (see docs/performance.md, ninth pass). The log now stands alone, as an
-- audit log should. SQLite cannot drop a constraint: the table is rebuilt
-- with the same rows and ids. Keep in step with the other dialect.
CREATE TABLE ownership_history_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL,
    from_user BIGINT,
    to_user BIGINT,
    action TEXT NOT NULL,
    reason TEXT,
    run_id BIGINT,
    at BIGINT NOT NULL,
    by_user BIGINT
);
INSERT INTO ownership_history_log (id, customer_id, from_user, to_user, action, reason, run_id, at, by_user)
    SELECT id, customer_id, from_user, to_user, action, reason, run_id, at, by_user
    FROM ownership_history ORDER BY id;
DROP TABLE ownership_history;
ALTER TABLE ownership_history_log RENAME TO ownership_history;
CREATE INDEX ix_ownership_history__customer ON ownership_history (customer_id, at);
CREATE INDEX ix_ownership_history__to_user ON ownership_history (to_user, action, at);
CREATE INDEX ix_ownership_history__from_user ON ownership_history (from_user, at);
CREATE INDEX ix_ownership_history__run ON ownership_history (run_id);
