//! The one database handle. SQL is written once with `$1…$n` placeholders (both
//! SQLite and PostgreSQL accept them); only migrations and the few dialect
//! helpers below differ.

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{AssertSqlSafe, Column, Decode, Postgres, Row as _, Sqlite, TypeInfo, ValueRef};

use crate::{Result, Row, StoreError, Value};

/// Which database engine a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool on either database.
/// SQLite's page cache per pooled connection, in KiB (its default is 2 MiB).
pub const SQLITE_CACHE_KIB: i64 = 8192;

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A transaction on either database; dropped without `commit` it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

macro_rules! bind_values {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Value::Int(v) => q.bind(*v),
                Value::Float(v) => q.bind(*v),
                Value::Text(v) => q.bind(v.clone()),
                Value::Bool(v) => q.bind(*v),
                Value::Bytes(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// Runs one statement on any executor of either backend.
macro_rules! dispatch {
    ($exec:expr, $backend:ident, $sql:expr, $args:expr, fetch_all) => {{
        let q = bind_values!(sqlx::query(AssertSqlSafe($sql)), $args);
        let rows = q.fetch_all($exec).await.map_err(StoreError::classify)?;
        Ok(decode_rows!($backend, rows))
    }};
    ($exec:expr, $backend:ident, $sql:expr, $args:expr, execute) => {{
        let q = bind_values!(sqlx::query(AssertSqlSafe($sql)), $args);
        Ok(q.execute($exec)
            .await
            .map_err(StoreError::classify)?
            .rows_affected())
    }};
}

macro_rules! decode_rows {
    (sqlite, $rows:expr) => {
        decode_all(&$rows, decode_sqlite)
    };
    (postgres, $rows:expr) => {
        decode_all(&$rows, decode_pg)
    };
}

impl Db {
    /// Open `url`: `sqlite://path` (created when missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // Statements are prepared once per connection; PostgreSQL would
            // then settle on a generic plan made while a table was small (a
            // sequential scan) and keep it as the table grows. Custom plans
            // cost a fraction of a millisecond and always see the parameters.
            // Statements that write many rows keep PostgreSQL's own plans
            // for their foreign-key checks (`Tx::keeping_check_plans`).
            let opts = PgConnectOptions::from_str(url)?
                .options([("plan_cache_mode", "force_custom_plan")]);
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 8 MiB of page cache per connection (SQLite's default is 2 MiB):
                // large writes otherwise spill and slow down many times.
                .pragma("cache_size", format!("-{SQLITE_CACHE_KIB}"));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await?;
            Ok(Db::Sqlite(pool))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Bring the schema up to date (idempotent, safe with several processes).
    pub async fn migrate(&self) -> Result<()> {
        crate::migrate::run(self).await
    }

    /// All rows of a query.
    pub async fn fetch_all(&self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        match self {
            Db::Sqlite(p) => {
                let (sql, args) = positional(sql, args);
                dispatch!(p, sqlite, sql.as_ref(), args.iter(), fetch_all)
            }
            Db::Postgres(p) => dispatch!(p, postgres, sql, args, fetch_all),
        }
    }

    /// The first row, if any.
    pub async fn fetch_optional(&self, sql: &str, args: &[Value]) -> Result<Option<Row>> {
        Ok(self.fetch_all(sql, args).await?.into_iter().next())
    }

    /// Run a statement; returns the number of rows affected.
    pub async fn execute(&self, sql: &str, args: &[Value]) -> Result<u64> {
        match self {
            Db::Sqlite(p) => {
                let (sql, args) = positional(sql, args);
                dispatch!(p, sqlite, sql.as_ref(), args.iter(), execute)
            }
            Db::Postgres(p) => dispatch!(p, postgres, sql, args, execute),
        }
    }

    /// Start a transaction that will write. SQLite takes the write lock at once
    /// (`BEGIN IMMEDIATE`) so two writers queue on `busy_timeout` instead of
    /// failing when a read lock cannot be upgraded.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Run a script of several statements (migrations).
    pub(crate) async fn execute_script(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                sqlx::raw_sql(AssertSqlSafe(sql)).execute(p).await?;
            }
            Db::Postgres(p) => {
                sqlx::raw_sql(AssertSqlSafe(sql)).execute(p).await?;
            }
        }
        Ok(())
    }

    /// Refresh the planner's statistics (after bulk loads; SQLite plans
    /// filtered, sorted lists badly without them).
    pub async fn analyze(&self) -> Result<()> {
        match self {
            Db::Sqlite(_) => self.execute_script("ANALYZE").await,
            // VACUUM too: it sets the visibility map, without which counts
            // cannot be answered from indexes alone.
            Db::Postgres(_) => self.execute_script("VACUUM ANALYZE").await,
        }
    }

    /// Vacuum and analyse `tables` on PostgreSQL, after a change of many of
    /// their rows: until then every index-only read of a changed page goes
    /// to the table too (the visibility map is cleared), and autovacuum
    /// waits for a fifth of a table to change, or is off. SQLite has no
    /// such map: nothing to do there.
    pub async fn vacuum(&self, tables: &[&str]) -> Result<()> {
        match self {
            Db::Sqlite(_) => Ok(()),
            Db::Postgres(_) => {
                self.execute_script(&format!("VACUUM (ANALYZE) {}", tables.join(", ")))
                    .await
            }
        }
    }

    /// SQLite's own periodic upkeep (`PRAGMA optimize`); PostgreSQL's
    /// autovacuum does this by itself.
    pub async fn optimize(&self) -> Result<()> {
        if let Db::Sqlite(_) = self {
            self.execute_script("PRAGMA optimize").await?;
        }
        Ok(())
    }

    /// Whether the database answers (readiness probe).
    pub async fn ping(&self) -> bool {
        self.fetch_optional("SELECT 1 AS one", &[]).await.is_ok()
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn fetch_all(&mut self, sql: &str, args: &[Value]) -> Result<Vec<Row>> {
        match self {
            Tx::Sqlite(t) => {
                let (sql, args) = positional(sql, args);
                dispatch!(&mut **t, sqlite, sql.as_ref(), args.iter(), fetch_all)
            }
            Tx::Postgres(t) => dispatch!(&mut **t, postgres, sql, args, fetch_all),
        }
    }
    pub async fn fetch_optional(&mut self, sql: &str, args: &[Value]) -> Result<Option<Row>> {
        Ok(self.fetch_all(sql, args).await?.into_iter().next())
    }
    pub async fn execute(&mut self, sql: &str, args: &[Value]) -> Result<u64> {
        match self {
            Tx::Sqlite(t) => {
                let (sql, args) = positional(sql, args);
                dispatch!(&mut **t, sqlite, sql.as_ref(), args.iter(), execute)
            }
            Tx::Postgres(t) => dispatch!(&mut **t, postgres, sql, args, execute),
        }
    }
    /// Run `write`, statements that write many rows, with PostgreSQL
    /// reusing the plan of each foreign-key check from row to row, as it
    /// does by default, instead of planning it anew per row as the pool's
    /// `force_custom_plan` (see `Db::connect`) would have it. At a million
    /// customers a move's history of 100,035 rows took 11.5 s that way and
    /// 3.9 s with the plans kept. The setting is set back afterwards, so
    /// the transaction's reads still plan with their parameters (a generic
    /// plan made while a table is small would outlive its growth). An
    /// error inside leaves it set until the transaction ends, which callers
    /// do on any error. Nothing to do on SQLite.
    pub async fn keeping_check_plans<T, E: From<StoreError>>(
        &mut self,
        write: impl AsyncFnOnce(&mut Tx) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let pg = matches!(self, Tx::Postgres(_));
        if pg {
            self.execute("SET LOCAL plan_cache_mode = auto", &[])
                .await?;
        }
        let out = write(self).await?;
        if pg {
            self.execute("SET LOCAL plan_cache_mode = force_custom_plan", &[])
                .await?;
        }
        Ok(out)
    }
    /// Insert and return the new row's `id` (`RETURNING id` works on both).
    pub async fn insert(&mut self, sql: &str, args: &[Value]) -> Result<i64> {
        let row = self.fetch_optional(sql, args).await?;
        Ok(row.map(|r| r.i64("id")).unwrap_or_default())
    }
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Parameters above which SQLite statements are rewritten by `positional`.
const POSITIONAL_ABOVE: usize = 64;

/// SQLite statements with many parameters (multi-row INSERTs): `$n`
/// placeholders become anonymous `?` with the values repeated in the order
/// they appear. sqlx looks up every numbered parameter's name, and SQLite
/// finds a name by walking the statement's list of names, so binding `$n`
/// costs O(n²): a 15,000-parameter INSERT spent 60% of a bulk load there.
fn positional<'a>(
    sql: &'a str,
    args: &'a [Value],
) -> (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, [Value]>) {
    use std::borrow::Cow;
    if args.len() <= POSITIONAL_ABOVE {
        return (Cow::Borrowed(sql), Cow::Borrowed(args));
    }
    let mut out = String::with_capacity(sql.len());
    let mut values = Vec::with_capacity(args.len());
    let mut chars = sql.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '$') if chars.peek().is_some_and(|(_, d)| d.is_ascii_digit()) => {
                let mut end = i + 1;
                while let Some((j, d)) = chars.peek().copied() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    end = j + 1;
                    chars.next();
                }
                let n: usize = sql[i + 1..end].parse().unwrap_or(0);
                values.push(
                    n.checked_sub(1)
                        .and_then(|k| args.get(k))
                        .cloned()
                        .unwrap_or(Value::Text(None)),
                );
                out.push('?');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    (Cow::Owned(out), Cow::Owned(values))
}

fn decode_all<R: sqlx::Row>(rows: &[R], decode: fn(&R, usize) -> Value) -> Vec<Row> {
    let Some(first) = rows.first() else {
        return Vec::new();
    };
    let columns: Arc<[String]> = first
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    rows.iter()
        .map(|r| Row {
            columns: columns.clone(),
            values: (0..columns.len()).map(|i| decode(r, i)).collect(),
        })
        .collect()
}

fn decode_sqlite(row: &SqliteRow, i: usize) -> Value {
    let Ok(raw) = row.try_get_raw(i) else {
        return Value::Text(None);
    };
    if raw.is_null() {
        return Value::Text(None);
    }
    let kind = raw.type_info().name().to_string();
    match kind.as_str() {
        "INTEGER" | "BOOLEAN" => Value::Int(<i64 as Decode<Sqlite>>::decode(raw).ok()),
        "REAL" => Value::Float(<f64 as Decode<Sqlite>>::decode(raw).ok()),
        "BLOB" => Value::Bytes(<Vec<u8> as Decode<Sqlite>>::decode(raw).ok()),
        _ => Value::Text(<String as Decode<Sqlite>>::decode(raw).ok()),
    }
}

fn decode_pg(row: &PgRow, i: usize) -> Value {
    let Ok(raw) = row.try_get_raw(i) else {
        return Value::Text(None);
    };
    let kind = raw.type_info().name().to_string();
    let null = raw.is_null();
    match kind.as_str() {
        "BOOL" => Value::Bool(if null {
            None
        } else {
            <bool as Decode<Postgres>>::decode(raw).ok()
        }),
        "INT8" => Value::Int(if null {
            None
        } else {
            <i64 as Decode<Postgres>>::decode(raw).ok()
        }),
        "INT4" => Value::Int(if null {
            None
        } else {
            <i32 as Decode<Postgres>>::decode(raw).ok().map(i64::from)
        }),
        "INT2" => Value::Int(if null {
            None
        } else {
            <i16 as Decode<Postgres>>::decode(raw).ok().map(i64::from)
        }),
        "FLOAT8" => Value::Float(if null {
            None
        } else {
            <f64 as Decode<Postgres>>::decode(raw).ok()
        }),
        "FLOAT4" => Value::Float(if null {
            None
        } else {
            <f32 as Decode<Postgres>>::decode(raw).ok().map(f64::from)
        }),
        "BYTEA" => Value::Bytes(if null {
            None
        } else {
            <Vec<u8> as Decode<Postgres>>::decode(raw).ok()
        }),
        _ => Value::Text(if null {
            None
        } else {
            <String as Decode<Postgres>>::decode(raw).ok()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_parameters_become_positional() {
        let args: Vec<Value> = (1..=70).map(|i| Value::from(i as i64)).collect();
        let marks: Vec<String> = (1..=70).rev().map(|i| format!("${i}")).collect();
        let sql = format!("SELECT '$1', \"a$2\", {}, $3", marks.join(","));
        let (text, values) = positional(&sql, &args);
        assert!(text.starts_with("SELECT '$1', \"a$2\", ?,?,"));
        assert!(text.ends_with("?, ?"));
        assert_eq!(values.len(), 71);
        assert_eq!(values[0], Value::from(70i64));
        assert_eq!(values[70], Value::from(3i64));
        let few = &args[..3];
        assert_eq!(positional("SELECT $1", few).0, "SELECT $1");
    }
}
