//! The `users` table.

use crate::{Db, Result, Row, Tx, Value, now_ms};

/// An account as the rest of the system sees it (never with its hash).
#[derive(Clone, Debug, serde::Serialize)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department_id: Option<i64>,
    pub superior_id: Option<i64>,
    pub active: bool,
    pub locale: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub version: i64,
    pub password_changed_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

pub(crate) const COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.department_id, \
    u.superior_id, u.active, u.locale, u.email, u.phone, u.version, u.password_changed_at, \
    u.created_at, u.updated_at";

impl User {
    pub(crate) fn from_row(r: &Row) -> User {
        User {
            id: r.i64("id"),
            username: r.str("username"),
            display_name: r.str("display_name"),
            role: r.str("role"),
            department_id: r.opt_i64("department_id"),
            superior_id: r.opt_i64("superior_id"),
            active: r.bool("active"),
            locale: r.str("locale"),
            email: r.opt_str("email"),
            phone: r.opt_str("phone"),
            version: r.i64("version"),
            password_changed_at: r.i64("password_changed_at"),
            created_at: r.i64("created_at"),
            updated_at: r.i64("updated_at"),
        }
    }
}

/// Fields of a new or edited account.
#[derive(Clone, Debug)]
pub struct UserFields {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department_id: Option<i64>,
    pub superior_id: Option<i64>,
    pub active: bool,
    pub locale: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.id = $1");
    Ok(db
        .fetch_optional(&sql, &[id.into()])
        .await?
        .as_ref()
        .map(User::from_row))
}

pub async fn by_id_tx(tx: &mut Tx, id: i64) -> Result<Option<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users u WHERE u.id = $1");
    Ok(tx
        .fetch_optional(&sql, &[id.into()])
        .await?
        .as_ref()
        .map(User::from_row))
}

/// The account and its password hash, for logging in.
pub async fn credentials(db: &Db, username: &str) -> Result<Option<(User, String)>> {
    let sql = format!("SELECT {COLUMNS}, u.password_hash FROM users u WHERE u.username = $1");
    Ok(db
        .fetch_optional(&sql, &[username.into()])
        .await?
        .map(|r| (User::from_row(&r), r.str("password_hash"))))
}

pub async fn password_hash(db: &Db, id: i64) -> Result<Option<String>> {
    Ok(db
        .fetch_optional(
            "SELECT password_hash FROM users WHERE id = $1",
            &[id.into()],
        )
        .await?
        .map(|r| r.str("password_hash")))
}

/// A filtered, bounded page of users. `visible` is a scope predicate on `u`
/// (with its parameters starting at `$1`), composed by the permission layer.
pub async fn list(
    db: &Db,
    visible: (&str, Vec<Value>),
    q: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<User>, i64)> {
    let (pred, mut args) = visible;
    let mut wher = format!("WHERE ({pred})");
    if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
        let n = args.len();
        wher.push_str(&format!(
            " AND (u.username LIKE ${} OR LOWER(u.display_name) LIKE ${})",
            n + 1,
            n + 1
        ));
        args.push(format!("%{}%", escape_like(q.trim().to_lowercase().as_str())).into());
    }
    let count = db
        .fetch_optional(&format!("SELECT COUNT(*) AS n FROM users u {wher}"), &args)
        .await?
        .map(|r| r.i64("n"))
        .unwrap_or(0);
    let n = args.len();
    let sql = format!(
        "SELECT {COLUMNS} FROM users u {wher} ORDER BY u.active DESC, u.department_id, u.id LIMIT ${} OFFSET ${}",
        n + 1,
        n + 2
    );
    args.push(limit.into());
    args.push(offset.into());
    let rows = db.fetch_all(&sql, &args).await?;
    Ok((rows.iter().map(User::from_row).collect(), count))
}

/// `%` and `_` typed by a user match themselves. Both databases accept `\`
/// as the escape only when told, so callers keep the pattern free of them.
pub fn escape_like(s: &str) -> String {
    s.replace(['%', '_'], "")
}

pub async fn insert(
    tx: &mut Tx,
    f: &UserFields,
    password_hash: &str,
    by: Option<i64>,
) -> Result<i64> {
    let now = now_ms();
    tx.insert(
        "INSERT INTO users (username, display_name, password_hash, role, department_id, superior_id, \
         active, locale, email, phone, password_changed_at, version, created_at, created_by, updated_at, updated_by) \
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,1,$11,$12,$11,$12) RETURNING id",
        &[
            f.username.as_str().into(),
            f.display_name.as_str().into(),
            password_hash.into(),
            f.role.as_str().into(),
            f.department_id.into(),
            f.superior_id.into(),
            f.active.into(),
            f.locale.as_str().into(),
            f.email.clone().into(),
            f.phone.clone().into(),
            now.into(),
            by.into(),
        ],
    )
    .await
}

/// Update when `version` still matches; returns false when someone saved first.
pub async fn update(tx: &mut Tx, id: i64, version: i64, f: &UserFields, by: i64) -> Result<bool> {
    let n = tx
        .execute(
            "UPDATE users SET username=$1, display_name=$2, role=$3, department_id=$4, superior_id=$5, \
             active=$6, locale=$7, email=$8, phone=$9, version=version+1, updated_at=$10, updated_by=$11 \
             WHERE id=$12 AND version=$13",
            &[
                f.username.as_str().into(),
                f.display_name.as_str().into(),
                f.role.as_str().into(),
                f.department_id.into(),
                f.superior_id.into(),
                f.active.into(),
                f.locale.as_str().into(),
                f.email.clone().into(),
                f.phone.clone().into(),
                now_ms().into(),
                by.into(),
                id.into(),
                version.into(),
            ],
        )
        .await?;
    Ok(n == 1)
}

pub async fn set_password(tx: &mut Tx, id: i64, hash: &str, by: i64) -> Result<()> {
    let now = now_ms();
    tx.execute(
        "UPDATE users SET password_hash=$1, password_changed_at=$2, version=version+1, updated_at=$2, updated_by=$3 WHERE id=$4",
        &[hash.into(), now.into(), by.into(), id.into()],
    )
    .await?;
    Ok(())
}

/// The user's own language choice (no version bump: not an edit of the account).
pub async fn set_locale(db: &Db, id: i64, locale: &str) -> Result<()> {
    db.execute(
        "UPDATE users SET locale=$1 WHERE id=$2",
        &[locale.into(), id.into()],
    )
    .await?;
    Ok(())
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(db
        .fetch_optional("SELECT COUNT(*) AS n FROM users", &[])
        .await?
        .map(|r| r.i64("n"))
        .unwrap_or(0))
}

/// Small lookup for pickers: active users matching `q`, at most `limit`.
pub async fn pick(db: &Db, q: &str, limit: i64) -> Result<Vec<User>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM users u WHERE u.active = TRUE AND (u.username LIKE $1 OR LOWER(u.display_name) LIKE $1) \
         ORDER BY u.username LIMIT $2"
    );
    let rows = db
        .fetch_all(
            &sql,
            &[format!("%{}%", escape_like(q)).into(), limit.into()],
        )
        .await?;
    Ok(rows.iter().map(User::from_row).collect())
}

pub async fn count_tx(tx: &mut Tx) -> Result<i64> {
    Ok(tx
        .fetch_optional("SELECT COUNT(*) AS n FROM users", &[])
        .await?
        .map(|r| r.i64("n"))
        .unwrap_or(0))
}

/// `id → display name` for a handful of users (one query, for list pages).
pub async fn names(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, String>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT id, display_name FROM users WHERE id IN ({})",
        marks.join(",")
    );
    let args: Vec<Value> = ids.iter().map(|i| Value::from(*i)).collect();
    Ok(db
        .fetch_all(&sql, &args)
        .await?
        .iter()
        .map(|r| (r.i64("id"), r.str("display_name")))
        .collect())
}
