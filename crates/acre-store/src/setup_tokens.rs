//! One-time setup links for creating the first administrator.

use crate::{Db, Result};

pub async fn insert(db: &Db, hash: &str, expires_at: i64) -> Result<()> {
    db.execute(
        "INSERT INTO setup_tokens (token_hash, expires_at) VALUES ($1,$2)",
        &[hash.into(), expires_at.into()],
    )
    .await?;
    Ok(())
}

/// Use a token up: true when it existed and had not expired.
pub async fn consume(tx: &mut crate::Tx, hash: &str, now: i64) -> Result<bool> {
    Ok(tx
        .execute(
            "DELETE FROM setup_tokens WHERE token_hash=$1 AND expires_at > $2",
            &[hash.into(), now.into()],
        )
        .await?
        == 1)
}

pub async fn exists(db: &Db, hash: &str, now: i64) -> Result<bool> {
    Ok(db
        .fetch_optional(
            "SELECT 1 AS one FROM setup_tokens WHERE token_hash=$1 AND expires_at > $2",
            &[hash.into(), now.into()],
        )
        .await?
        .is_some())
}
