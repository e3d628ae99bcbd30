//! Server-side sessions. Only a hash of the session id is stored, so a leaked
//! database does not hand out live sessions.

use crate::users::{COLUMNS, User};
use crate::{Db, Result, Value};

/// A live session with its user, as loaded on every request.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub user: User,
    /// Whether customers are shared with the user (live shares), read here
    /// since every request's visibility predicate needs it.
    pub has_shares: bool,
}

pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub user_id: i64,
    pub csrf_token: &'a str,
    pub now: i64,
    pub expires_at: i64,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

pub async fn insert(db: &Db, s: &NewSession<'_>) -> Result<()> {
    db.execute(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent) \
         VALUES ($1,$2,$3,$4,$4,$5,$6,$7)",
        &[
            s.id_hash.into(),
            s.user_id.into(),
            s.csrf_token.into(),
            s.now.into(),
            s.expires_at.into(),
            s.ip.into(),
            s.user_agent.map(|u| u.chars().take(200).collect::<String>()).into(),
        ],
    )
    .await?;
    Ok(())
}

/// The session, its user and whether shares at `now` exist, in one query
/// (the hot path of every request).
pub async fn load(db: &Db, id_hash: &str, now: i64) -> Result<Option<SessionRow>> {
    let sql = format!(
        "SELECT s.csrf_token, s.created_at AS s_created_at, s.last_seen_at, s.expires_at, {COLUMNS}, \
         {} AS has_shares FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
        has_shares("$2")
    );
    Ok(db
        .fetch_optional(&sql, &[id_hash.into(), now.into()])
        .await?
        .map(|r| SessionRow {
            csrf_token: r.str("csrf_token"),
            created_at: r.i64("s_created_at"),
            last_seen_at: r.i64("last_seen_at"),
            expires_at: r.i64("expires_at"),
            user: User::from_row(&r),
            has_shares: r.i64("has_shares") != 0,
        }))
}

/// 1 when a share with the user (`u`) is live at `now` (a parameter), else 0:
/// read with the user on every request, so a share given or removed takes
/// effect on the next one, and lists skip the share test when there are none.
pub(crate) fn has_shares(now: &str) -> String {
    format!(
        "CASE WHEN EXISTS (SELECT 1 FROM customer_shares sh WHERE sh.user_id = u.id \
         AND (sh.expires_at IS NULL OR sh.expires_at > {now})) THEN 1 ELSE 0 END"
    )
}

pub async fn touch(db: &Db, id_hash: &str, now: i64) -> Result<()> {
    db.execute(
        "UPDATE sessions SET last_seen_at=$1 WHERE id_hash=$2",
        &[now.into(), id_hash.into()],
    )
    .await?;
    Ok(())
}

pub async fn delete(db: &Db, id_hash: &str) -> Result<()> {
    db.execute("DELETE FROM sessions WHERE id_hash=$1", &[id_hash.into()])
        .await?;
    Ok(())
}

/// End every session of a user (password changed, account disabled).
pub async fn delete_for_user(
    tx: &mut crate::Tx,
    user_id: i64,
    except: Option<&str>,
) -> Result<u64> {
    tx.execute(
        "DELETE FROM sessions WHERE user_id=$1 AND id_hash <> $2",
        &[
            user_id.into(),
            Value::Text(Some(except.unwrap_or("").to_string())),
        ],
    )
    .await
}

/// Remove sessions past their absolute or idle limit.
pub async fn purge_expired(db: &Db, now: i64, idle_cutoff: i64) -> Result<u64> {
    db.execute(
        "DELETE FROM sessions WHERE expires_at < $1 OR last_seen_at < $2",
        &[now.into(), idle_cutoff.into()],
    )
    .await
}
