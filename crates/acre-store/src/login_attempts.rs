//! Failed logins, counted per account name and per client address within a
//! window, in the database so every server instance sees the same counts.

use crate::{Db, Result};

pub async fn record_failure(db: &Db, username: &str, ip: &str, now: i64) -> Result<()> {
    db.execute(
        "INSERT INTO login_failures (username, ip, at) VALUES ($1,$2,$3)",
        &[username.into(), ip.into(), now.into()],
    )
    .await?;
    Ok(())
}

/// `(failures for this account name, failures from this address)` since `since`.
pub async fn recent(db: &Db, username: &str, ip: &str, since: i64) -> Result<(i64, i64)> {
    let r = db
        .fetch_optional(
            "SELECT (SELECT COUNT(*) FROM login_failures WHERE username=$1 AND at >= $3) AS by_user, \
             (SELECT COUNT(*) FROM login_failures WHERE ip=$2 AND at >= $3) AS by_ip",
            &[username.into(), ip.into(), since.into()],
        )
        .await?;
    Ok(r.map(|r| (r.i64("by_user"), r.i64("by_ip")))
        .unwrap_or((0, 0)))
}

/// A successful login clears the account's failures.
pub async fn clear(db: &Db, username: &str) -> Result<()> {
    db.execute(
        "DELETE FROM login_failures WHERE username=$1",
        &[username.into()],
    )
    .await?;
    Ok(())
}

pub async fn purge_before(db: &Db, before: i64) -> Result<u64> {
    db.execute("DELETE FROM login_failures WHERE at < $1", &[before.into()])
        .await
}
