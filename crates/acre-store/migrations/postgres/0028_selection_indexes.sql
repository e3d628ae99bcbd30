-- Nothing changes on PostgreSQL: a move writes every index of a row whose
-- owner changes anyway, so the selection fields keep the owner and the sort
-- in their indexes (see `registry::ddl::carries_owner`). On SQLite they are
-- indexed alone. Keep in step with the other dialect.
SELECT 1;
