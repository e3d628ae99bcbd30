//! Duplicate checks (CU17): normalised keys of a type's `duplicates` fields
//! are kept in `record_keys`; a new or changed record whose key another live
//! record already has is refused, naming only who owns the other one.

use std::collections::HashSet;

use acre_store::{Tx, Value};

use super::field::Field;
use super::record_type::RecordType;
use super::sql::Sql;
use crate::error::{AppError, ErrorCode, Result};

/// Keys per `IN (…)` of `taken`: far below SQLite's 32,766 parameters.
const KEYS_PER_QUERY: usize = 5_000;

/// `(field, key)` pairs of the values about to be saved.
pub fn keys(rt: &RecordType, values: &[(&'static Field, Value)]) -> Vec<(&'static str, String)> {
    rt.duplicates
        .iter()
        .filter_map(|d| {
            let v = values.iter().find(|(f, _)| f.key == d.field)?.1.to_text()?;
            Some((d.field, (d.key)(&v)?))
        })
        .collect()
}

/// Refuse when another live record has one of the keys. The message says
/// the record exists and who owns it (and their department), nothing more.
pub async fn check(
    tx: &mut Tx,
    rt: &RecordType,
    keys: &[(&'static str, String)],
    own_id: Option<i64>,
) -> Result<()> {
    let owner = rt.field("owner_id").is_some();
    for (field, key) in keys {
        let who = if owner {
            "u.display_name AS owner, d.name AS department FROM record_keys k JOIN {t} t ON t.id = k.record_id \
             LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN departments d ON d.id = u.department_id"
        } else {
            "NULL AS owner, NULL AS department FROM record_keys k JOIN {t} t ON t.id = k.record_id"
        };
        let q = format!(
            "SELECT t.id, {} WHERE k.resource = $1 AND k.field = $2 AND k.key = $3 AND t.deleted_at IS NULL AND t.id <> $4 LIMIT 1",
            who.replace("{t}", rt.table)
        );
        let args = [
            rt.key.into(),
            (*field).into(),
            key.as_str().into(),
            own_id.unwrap_or(0).into(),
        ];
        if let Some(r) = tx.fetch_optional(&q, &args).await? {
            let mut e = AppError::new(ErrorCode::DuplicateCustomer);
            e.fields
                .insert((*field).to_string(), "err-duplicate".into());
            e.args = vec![
                ("owner", r.opt_str("owner").unwrap_or_else(|| "—".into())),
                (
                    "department",
                    r.opt_str("department").unwrap_or_else(|| "—".into()),
                ),
            ];
            return Err(e);
        }
    }
    Ok(())
}

/// Which of many `(field, key)` pairs a live record already has: `check`
/// for a whole batch of imported rows, one query per field and chunk, where
/// only whether a key is taken matters (not who owns it).
pub async fn taken(
    tx: &mut Tx,
    rt: &RecordType,
    keys: &[(&'static str, String)],
) -> Result<HashSet<(&'static str, String)>> {
    let mut out = HashSet::new();
    for d in rt.duplicates {
        let wanted: Vec<&str> = keys
            .iter()
            .filter(|(f, _)| *f == d.field)
            .map(|(_, k)| k.as_str())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        for chunk in wanted.chunks(KEYS_PER_QUERY) {
            let mut s = Sql::default();
            let res = s.arg(rt.key.into());
            let field = s.arg(d.field.into());
            let marks: Vec<String> = chunk.iter().map(|k| s.arg((*k).into())).collect();
            let q = format!(
                "SELECT DISTINCT k.key FROM record_keys k JOIN {} t ON t.id = k.record_id \
                 WHERE k.resource = {res} AND k.field = {field} AND k.key IN ({}) AND t.deleted_at IS NULL",
                rt.table,
                marks.join(",")
            );
            for r in tx.fetch_all(&q, &s.args).await? {
                out.insert((d.field, r.str("key")));
            }
        }
    }
    Ok(out)
}

/// Replace a record's keys.
pub async fn store(
    tx: &mut Tx,
    rt: &RecordType,
    id: i64,
    keys: &[(&'static str, String)],
) -> Result<()> {
    if rt.duplicates.is_empty() {
        return Ok(());
    }
    tx.execute(
        "DELETE FROM record_keys WHERE resource = $1 AND record_id = $2",
        &[rt.key.into(), id.into()],
    )
    .await?;
    for (field, key) in keys {
        tx.execute(
            "INSERT INTO record_keys (resource, field, key, record_id) VALUES ($1, $2, $3, $4)",
            &[
                rt.key.into(),
                (*field).into(),
                key.as_str().into(),
                id.into(),
            ],
        )
        .await?;
    }
    Ok(())
}

/// Insert the keys of many new records at once (bulk loads), as
/// `(record id, (field, key))`.
pub async fn insert_keys(
    tx: &mut Tx,
    rt: &RecordType,
    keys: &[(i64, (&'static str, String))],
) -> Result<()> {
    let rows = keys
        .iter()
        .map(|(id, (field, key))| {
            vec![
                Value::from(rt.key),
                Value::from(*field),
                Value::from(key.as_str()),
                Value::from(*id),
            ]
        })
        .collect();
    super::generate::insert_rows(
        tx,
        "record_keys",
        &["resource", "field", "key", "record_id"],
        rows,
        false,
    )
    .await?;
    Ok(())
}
