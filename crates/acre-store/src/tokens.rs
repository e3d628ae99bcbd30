//! Personal API tokens, stored as hashes; the token itself is shown once.

use crate::sessions::has_shares;
use crate::users::{COLUMNS, User};
use crate::{Db, Result, Row, now_ms};

#[derive(Clone, Debug, serde::Serialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

impl ApiToken {
    fn from_row(r: &Row) -> ApiToken {
        ApiToken {
            id: r.i64("id"),
            name: r.str("name"),
            prefix: r.str("prefix"),
            created_at: r.i64("created_at"),
            last_used_at: r.opt_i64("last_used_at"),
        }
    }
}

pub async fn insert(db: &Db, user_id: i64, name: &str, hash: &str, prefix: &str) -> Result<i64> {
    let row = db
        .fetch_optional(
            "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
            &[user_id.into(), name.into(), hash.into(), prefix.into(), now_ms().into()],
        )
        .await?;
    Ok(row.map(|r| r.i64("id")).unwrap_or_default())
}

/// The live (unrevoked) tokens of a user.
pub async fn for_user(db: &Db, user_id: i64) -> Result<Vec<ApiToken>> {
    let rows = db
        .fetch_all(
            "SELECT id, name, prefix, created_at, last_used_at FROM api_tokens \
             WHERE user_id=$1 AND revoked_at IS NULL ORDER BY id DESC",
            &[user_id.into()],
        )
        .await?;
    Ok(rows.iter().map(ApiToken::from_row).collect())
}

/// Revoke one of the user's own tokens; false when it is not theirs or gone.
pub async fn revoke(db: &Db, user_id: i64, id: i64) -> Result<bool> {
    Ok(db
        .execute(
            "UPDATE api_tokens SET revoked_at=$1 WHERE id=$2 AND user_id=$3 AND revoked_at IS NULL",
            &[now_ms().into(), id.into(), user_id.into()],
        )
        .await?
        == 1)
}

/// The user behind a live token hash, with the token's id and last use and
/// whether shares with the user are live at `now`.
pub async fn authenticate(db: &Db, hash: &str, now: i64) -> Result<Option<TokenUser>> {
    let sql = format!(
        "SELECT t.id AS token_id, t.last_used_at, {COLUMNS}, {} AS has_shares \
         FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash=$1 AND t.revoked_at IS NULL",
        has_shares("$2")
    );
    Ok(db
        .fetch_optional(&sql, &[hash.into(), now.into()])
        .await?
        .map(|r| TokenUser {
            token_id: r.i64("token_id"),
            last_used_at: r.opt_i64("last_used_at"),
            user: User::from_row(&r),
            has_shares: r.i64("has_shares") != 0,
        }))
}

/// A live token's user (see `authenticate`).
pub struct TokenUser {
    pub token_id: i64,
    pub last_used_at: Option<i64>,
    pub user: User,
    pub has_shares: bool,
}

pub async fn touch(db: &Db, id: i64, now: i64) -> Result<()> {
    db.execute(
        "UPDATE api_tokens SET last_used_at=$1 WHERE id=$2",
        &[now.into(), id.into()],
    )
    .await?;
    Ok(())
}
