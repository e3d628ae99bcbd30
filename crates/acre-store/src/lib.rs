//! Acre storage: one [`Db`] over SQLite and PostgreSQL, the migrations of both,
//! and the repositories the services call. Nothing above this crate knows which
//! database it runs on.

mod db;
mod error;
mod migrate;
mod prewarm;
mod value;

pub mod audit;
pub mod departments;
pub mod login_attempts;
pub mod sessions;
pub mod setup_tokens;
pub mod tokens;
pub mod users;

pub use db::{Backend, Db, SQLITE_CACHE_KIB, Tx};
pub use error::StoreError;
pub use prewarm::prewarm;
pub use value::{Row, Value};

/// Result of a storage call.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Milliseconds since the Unix epoch, UTC: every `*_at` column stores this.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}
