//! Storage errors. Constraint violations are named so the service layer can turn
//! them into per-field messages instead of a 500.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// A unique index refused the row: `(table, column)` from the index name
    /// `uq_{table}__{column}` (PostgreSQL) or the message (SQLite).
    #[error("unique violation on {table}.{column}")]
    Unique { table: String, column: String },
    /// A foreign key refused the row (a link to something that does not exist or is in use).
    #[error("foreign key violation")]
    ForeignKey,
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(String),
}

impl StoreError {
    pub(crate) fn classify(err: sqlx::Error) -> StoreError {
        if let Some(db) = err.as_database_error() {
            use sqlx::error::ErrorKind;
            match db.kind() {
                ErrorKind::UniqueViolation => {
                    let (table, column) = unique_target(db.constraint(), db.message());
                    return StoreError::Unique { table, column };
                }
                ErrorKind::ForeignKeyViolation => return StoreError::ForeignKey,
                _ => {}
            }
        }
        StoreError::Db(err)
    }

    /// Whether the error means the database could not be reached or was too busy.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StoreError::Db(
                sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed
            )
        )
    }
}

fn unique_target(constraint: Option<&str>, message: &str) -> (String, String) {
    if let Some((table, column)) = constraint
        .and_then(|c| c.strip_prefix("uq_"))
        .and_then(|c| c.split_once("__"))
    {
        return (table.to_string(), column.to_string());
    }
    // SQLite: "UNIQUE constraint failed: users.username[, users.other]"
    if let Some(rest) = message.split("failed: ").nth(1) {
        let first = rest.split(',').next().unwrap_or(rest).trim();
        if let Some((t, c)) = first.split_once('.') {
            return (t.to_string(), c.to_string());
        }
    }
    (String::new(), String::new())
}

#[cfg(test)]
mod tests {
    use super::unique_target;

    #[test]
    fn names_the_column_on_both_databases() {
        let pg = unique_target(Some("uq_users__username"), "duplicate key value");
        let lite = unique_target(None, "UNIQUE constraint failed: users.username");
        assert_eq!(pg, ("users".into(), "username".into()));
        assert_eq!(lite, pg);
    }
}
