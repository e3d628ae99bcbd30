-- ownership_history is an append-only log, written only by the statements
-- that move customers, from the rows they move in the same transaction; no
-- customer or user is ever deleted (customers go to the trash, users are
-- deactivated). Its foreign keys checked nothing those statements could get
-- wrong, one lookup per key and row: five for each customer a move takes
-- (see docs/performance.md, ninth pass). The log now stands alone, as an
-- audit log should. Keep in step with the other dialect.
ALTER TABLE ownership_history
    DROP CONSTRAINT ownership_history_customer_id_fkey,
    DROP CONSTRAINT ownership_history_from_user_fkey,
    DROP CONSTRAINT ownership_history_to_user_fkey,
    DROP CONSTRAINT ownership_history_run_id_fkey,
    DROP CONSTRAINT ownership_history_by_user_fkey;
