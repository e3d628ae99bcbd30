//! The audit trail: one row per changed field (or per action), written in the
//! same transaction as the change it records.

use crate::{Db, Result, Tx, Value, now_ms};

/// One field's change.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Change {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// An audit row as shown in a history tab.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entry {
    pub at: i64,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// Record `action` on `entity/id`; with changes, one row per field.
pub async fn record(
    tx: &mut Tx,
    by: Option<i64>,
    entity: &str,
    id: i64,
    action: &str,
    changes: &[Change],
) -> Result<()> {
    let now = now_ms();
    let sql = "INSERT INTO audit_log (at, user_id, entity, entity_id, action, field, old_value, new_value) \
               VALUES ($1,$2,$3,$4,$5,$6,$7,$8)";
    if changes.is_empty() {
        let args: [Value; 8] = [
            now.into(),
            by.into(),
            entity.into(),
            id.into(),
            action.into(),
            Value::Text(None),
            Value::Text(None),
            Value::Text(None),
        ];
        tx.execute(sql, &args).await?;
    }
    // One multi-row INSERT per call: imports write thousands of these.
    for chunk in changes.chunks(100) {
        let mut args: Vec<Value> = Vec::with_capacity(chunk.len() * 8);
        let mut rows = Vec::with_capacity(chunk.len());
        for c in chunk {
            let n = args.len();
            rows.push(format!(
                "(${},${},${},${},${},${},${},${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6,
                n + 7,
                n + 8
            ));
            args.extend([
                now.into(),
                by.into(),
                entity.into(),
                id.into(),
                action.into(),
                c.field.as_str().into(),
                c.old.clone().into(),
                c.new.clone().into(),
            ]);
        }
        let sql = format!(
            "INSERT INTO audit_log (at, user_id, entity, entity_id, action, field, old_value, new_value) VALUES {}",
            rows.join(",")
        );
        tx.execute(&sql, &args).await?;
    }
    Ok(())
}

/// Record the same action on many records (imports): `(id, changes)` each,
/// written as multi-row INSERTs.
pub async fn record_many(
    tx: &mut Tx,
    by: Option<i64>,
    entity: &str,
    action: &str,
    items: &[(i64, Vec<Change>)],
) -> Result<()> {
    let now = now_ms();
    let rows: Vec<(i64, Option<&Change>)> = items
        .iter()
        .flat_map(|(id, cs)| {
            if cs.is_empty() {
                vec![(*id, None)]
            } else {
                cs.iter().map(|c| (*id, Some(c))).collect()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        let mut args: Vec<Value> = Vec::with_capacity(chunk.len() * 8);
        let mut tuples = Vec::with_capacity(chunk.len());
        for (id, c) in chunk {
            let n = args.len();
            tuples.push(format!(
                "(${},${},${},${},${},${},${},${})",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6,
                n + 7,
                n + 8
            ));
            args.extend([
                now.into(),
                by.into(),
                entity.into(),
                (*id).into(),
                action.into(),
                Value::Text(c.map(|c| c.field.clone())),
                Value::Text(c.and_then(|c| c.old.clone())),
                Value::Text(c.and_then(|c| c.new.clone())),
            ]);
        }
        let sql = format!(
            "INSERT INTO audit_log (at, user_id, entity, entity_id, action, field, old_value, new_value) VALUES {}",
            tuples.join(",")
        );
        tx.execute(&sql, &args).await?;
    }
    Ok(())
}

/// The newest `limit` entries of one record.
pub async fn history(db: &Db, entity: &str, id: i64, limit: i64) -> Result<Vec<Entry>> {
    let rows = db
        .fetch_all(
            "SELECT a.at, a.user_id, u.display_name AS user_name, a.action, a.field, a.old_value, a.new_value \
             FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
             WHERE a.entity = $1 AND a.entity_id = $2 ORDER BY a.id DESC LIMIT $3",
            &[entity.into(), id.into(), limit.into()],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| Entry {
            at: r.i64("at"),
            user_id: r.opt_i64("user_id"),
            user_name: r.opt_str("user_name"),
            action: r.str("action"),
            field: r.opt_str("field"),
            old_value: r.opt_str("old_value"),
            new_value: r.opt_str("new_value"),
        })
        .collect())
}

/// Compare two field lists and return what differs.
pub fn diff(old: &[(&str, Option<String>)], new: &[(&str, Option<String>)]) -> Vec<Change> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((f, a), (_, b))| Change {
            field: (*f).to_string(),
            old: a.clone(),
            new: b.clone(),
        })
        .collect()
}
