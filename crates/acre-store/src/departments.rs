//! The `departments` table: a small tree (tens of rows), read whole.

use crate::{Db, Result, Row, Tx, now_ms};

#[derive(Clone, Debug, serde::Serialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub parent_id: Option<i64>,
    pub head_user_id: Option<i64>,
    pub sort_order: i64,
    pub version: i64,
}

impl Department {
    fn from_row(r: &Row) -> Department {
        Department {
            id: r.i64("id"),
            name: r.str("name"),
            parent_id: r.opt_i64("parent_id"),
            head_user_id: r.opt_i64("head_user_id"),
            sort_order: r.i64("sort_order"),
            version: r.i64("version"),
        }
    }
}

/// Fields of a new or edited department.
#[derive(Clone, Debug)]
pub struct DepartmentFields {
    pub name: String,
    pub parent_id: Option<i64>,
    pub head_user_id: Option<i64>,
    pub sort_order: i64,
}

const COLUMNS: &str = "id, name, parent_id, head_user_id, sort_order, version";

/// Every department, parents before children where ids allow, by sort order.
pub async fn all(db: &Db) -> Result<Vec<Department>> {
    let sql = format!("SELECT {COLUMNS} FROM departments ORDER BY sort_order, id");
    Ok(db
        .fetch_all(&sql, &[])
        .await?
        .iter()
        .map(Department::from_row)
        .collect())
}

pub async fn all_tx(tx: &mut Tx) -> Result<Vec<Department>> {
    let sql = format!("SELECT {COLUMNS} FROM departments ORDER BY sort_order, id");
    Ok(tx
        .fetch_all(&sql, &[])
        .await?
        .iter()
        .map(Department::from_row)
        .collect())
}

pub async fn by_id_tx(tx: &mut Tx, id: i64) -> Result<Option<Department>> {
    let sql = format!("SELECT {COLUMNS} FROM departments WHERE id = $1");
    Ok(tx
        .fetch_optional(&sql, &[id.into()])
        .await?
        .as_ref()
        .map(Department::from_row))
}

pub async fn insert(tx: &mut Tx, f: &DepartmentFields, by: Option<i64>) -> Result<i64> {
    let now = now_ms();
    tx.insert(
        "INSERT INTO departments (name, parent_id, head_user_id, sort_order, version, created_at, created_by, updated_at, updated_by) \
         VALUES ($1,$2,$3,$4,1,$5,$6,$5,$6) RETURNING id",
        &[
            f.name.as_str().into(),
            f.parent_id.into(),
            f.head_user_id.into(),
            f.sort_order.into(),
            now.into(),
            by.into(),
        ],
    )
    .await
}

/// Update when `version` still matches; false when someone saved first.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    version: i64,
    f: &DepartmentFields,
    by: i64,
) -> Result<bool> {
    let n = tx
        .execute(
            "UPDATE departments SET name=$1, parent_id=$2, head_user_id=$3, sort_order=$4, version=version+1, \
             updated_at=$5, updated_by=$6 WHERE id=$7 AND version=$8",
            &[
                f.name.as_str().into(),
                f.parent_id.into(),
                f.head_user_id.into(),
                f.sort_order.into(),
                now_ms().into(),
                by.into(),
                id.into(),
                version.into(),
            ],
        )
        .await?;
    Ok(n == 1)
}

/// Set the head without an edit of its own (used while seeding).
pub async fn set_head(tx: &mut Tx, id: i64, head: i64) -> Result<()> {
    tx.execute(
        "UPDATE departments SET head_user_id=$1 WHERE id=$2",
        &[head.into(), id.into()],
    )
    .await?;
    Ok(())
}

/// How many users and sub-departments hang on a department.
pub async fn usage(tx: &mut Tx, id: i64) -> Result<(i64, i64)> {
    let r = tx
        .fetch_optional(
            "SELECT (SELECT COUNT(*) FROM users WHERE department_id = $1) AS users, \
             (SELECT COUNT(*) FROM departments WHERE parent_id = $1) AS children",
            &[id.into()],
        )
        .await?;
    Ok(r.map(|r| (r.i64("users"), r.i64("children")))
        .unwrap_or((0, 0)))
}

pub async fn delete(tx: &mut Tx, id: i64, version: i64) -> Result<bool> {
    Ok(tx
        .execute(
            "DELETE FROM departments WHERE id=$1 AND version=$2",
            &[id.into(), version.into()],
        )
        .await?
        == 1)
}
