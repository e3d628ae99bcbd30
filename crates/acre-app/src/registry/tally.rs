//! Tallies: how many live records of a type with an owner (customers) each
//! owner holds, in all and per value of each field records are selected by
//! (`RecordType::owner_indexed`), kept in `{entity}_tallies` by every write
//! in its own transaction. A list's count with at most one such filter then
//! adds up a few stored numbers instead of reading an index range of every
//! matching record (a rep's 16,393 B-grade customers at 1M: ~2 ms on
//! PostgreSQL, most of the list's time). See docs/performance.md.
//!
//! Rows of the table: `(owner_id, field, value, n)` with owner 0 for the
//! pool, field `''` for the owner's total and value `''` for an empty field.
//! Writes add changes with one upsert (`add`); `rebuild` recounts everything
//! (after bulk generation) and `stored_and_counted` lets tests compare.

use std::collections::BTreeMap;

use acre_store::{Tx, Value};

use super::query::{Filter, ListQuery};
use super::record_type::{Access, RecordType};
use super::sql::Sql;
use crate::Actor;
use crate::error::Result;

/// Field name of an owner's total.
const TOTAL: &str = "";

/// Rows written by one upsert: a move's tallies have a few hundred.
const ROWS_PER_UPSERT: usize = 200;

/// Whether the type keeps tallies.
pub fn kept(rt: &RecordType) -> bool {
    rt.access == Access::Customer
}

/// The tallied fields (the owner is the key of every row).
fn fields(rt: &RecordType) -> impl Iterator<Item = &'static str> + '_ {
    rt.owner_indexed
        .iter()
        .copied()
        .filter(|k| *k != "owner_id")
}

/// The type's tally table, e.g. `customer_tallies`.
pub fn table(rt: &RecordType) -> String {
    format!("{}_tallies", rt.entity)
}

/// A change to the tallies (or a count of records): `(owner, field, value) → n`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally(BTreeMap<(i64, &'static str, String), i64>);

impl Tally {
    /// One record with these values counted `sign` times (+1 added, −1 gone).
    pub fn of_record(rt: &RecordType, get: impl Fn(&str) -> Value, sign: i64) -> Tally {
        let mut t = Tally::default();
        if kept(rt) {
            t.count_record(rt, &get, sign);
        }
        t
    }

    fn count_record(&mut self, rt: &RecordType, get: &impl Fn(&str) -> Value, sign: i64) {
        let owner = get("owner_id").as_i64().unwrap_or(0);
        self.bump(owner, TOTAL, String::new(), sign);
        for f in fields(rt) {
            self.bump(owner, f, get(f).to_text().unwrap_or_default(), sign);
        }
    }

    fn bump(&mut self, owner: i64, field: &'static str, value: String, n: i64) {
        *self.0.entry((owner, field, value)).or_default() += n;
    }

    /// These counts taken from their owners and given to `to` (a move).
    pub fn moved_to(&self, to: Option<i64>) -> Tally {
        let to = to.unwrap_or(0);
        let mut out = Tally::default();
        for ((owner, field, value), n) in &self.0 {
            out.bump(*owner, field, value.clone(), -n);
            out.bump(to, field, value.clone(), *n);
        }
        out
    }

    /// The sum of both changes.
    pub fn plus(mut self, other: Tally) -> Tally {
        for ((owner, field, value), n) in other.0 {
            self.bump(owner, field, value, n);
        }
        self
    }

    /// The same counts with the opposite sign.
    pub fn negated(mut self) -> Tally {
        self.0.values_mut().for_each(|n| *n = -*n);
        self
    }

    /// The entries that change something, in key order (so that two
    /// writers lock shared rows in the same order).
    fn nonzero(&self) -> impl Iterator<Item = (&(i64, &'static str, String), &i64)> {
        self.0.iter().filter(|(_, n)| **n != 0)
    }
}

/// How many live records of `rt` the owner in column `owner` holds, as a
/// scalar subquery (a territory's size, a holding cap).
pub fn held_sql(rt: &RecordType, owner: &str) -> String {
    format!(
        "(SELECT COALESCE(MAX(k.n), 0) FROM {} k \
         WHERE k.owner_id = {owner} AND k.field = '' AND k.value = '')",
        table(rt)
    )
}

/// The tally of the live records that `cond` (a condition on `table t`,
/// with `args`) selects: one grouped read.
pub async fn of(tx: &mut Tx, rt: &RecordType, cond: &str, args: &[Value]) -> Result<Tally> {
    if !kept(rt) {
        return Ok(Tally::default());
    }
    let text = grouped(
        rt,
        &format!(
            "SELECT t.owner_id, {} FROM {} t WHERE t.deleted_at IS NULL AND ({cond})",
            columns(rt),
            rt.table
        ),
    );
    Ok(of_rows(rt, &tx.fetch_all(&text, args).await?))
}

/// `t.grade, t.category, …`: the tallied columns of `t`, for a statement
/// whose rows `grouped` counts (with an `owner_id` beside them).
pub fn columns(rt: &RecordType) -> String {
    fields(rt)
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Count the rows of `rows_sql` (columns `owner_id` and `columns(rt)`) by
/// owner and tallied values; read the result with `of_rows`.
pub fn grouped(rt: &RecordType, rows_sql: &str) -> String {
    let cols: Vec<&str> = std::iter::once("owner_id").chain(fields(rt)).collect();
    format!(
        "SELECT {c}, COUNT(*) AS tally_n FROM ({rows_sql}) g GROUP BY {c}",
        c = cols.join(", ")
    )
}

/// The tally of `grouped` rows.
pub fn of_rows(rt: &RecordType, rows: &[acre_store::Row]) -> Tally {
    let mut out = Tally::default();
    for row in rows {
        let n = row.i64("tally_n");
        out.count_record(rt, &|k| row.value(k).clone(), n);
    }
    out
}

/// Add `change` to the stored tallies.
pub async fn add(tx: &mut Tx, rt: &RecordType, change: &Tally) -> Result<()> {
    if !kept(rt) {
        return Ok(());
    }
    let rows: Vec<_> = change.nonzero().collect();
    let table = table(rt);
    for chunk in rows.chunks(ROWS_PER_UPSERT) {
        let mut s = Sql::default();
        let tuples: Vec<String> = chunk
            .iter()
            .map(|((owner, field, value), n)| {
                format!(
                    "({}, {}, {}, {})",
                    s.arg(Value::from(*owner)),
                    s.arg(Value::from(*field)),
                    s.arg(Value::from(value.as_str())),
                    s.arg(Value::from(**n))
                )
            })
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO {table} (owner_id, field, value, n) VALUES {} \
                 ON CONFLICT (owner_id, field, value) DO UPDATE SET n = {table}.n + excluded.n",
                tuples.join(", ")
            ),
            &s.args,
        )
        .await?;
    }
    Ok(())
}

/// The statement that counts every live record into the tallies.
fn recount_sql(rt: &RecordType) -> String {
    let mut parts = vec![format!(
        "SELECT COALESCE(owner_id, 0) AS owner_id, '' AS field, '' AS value, COUNT(*) AS n \
         FROM {t} WHERE deleted_at IS NULL GROUP BY 1",
        t = rt.table
    )];
    for f in fields(rt) {
        parts.push(format!(
            "SELECT COALESCE(owner_id, 0), '{f}', COALESCE({f}, ''), COUNT(*) \
             FROM {t} WHERE deleted_at IS NULL GROUP BY 1, 3",
            t = rt.table
        ));
    }
    parts.join(" UNION ALL ")
}

/// Count the tallies afresh from the records (after bulk generation, which
/// writes rows without the registry).
pub async fn rebuild(tx: &mut Tx, rt: &RecordType) -> Result<()> {
    if !kept(rt) {
        return Ok(());
    }
    let table = table(rt);
    tx.execute(&format!("DELETE FROM {table}"), &[]).await?;
    tx.execute(
        &format!(
            "INSERT INTO {table} (owner_id, field, value, n) {}",
            recount_sql(rt)
        ),
        &[],
    )
    .await?;
    Ok(())
}

/// The stored tallies and a recount, as sorted `(owner, field, value, n)`
/// rows without zeros: equal when every write kept them (a test's check).
pub async fn stored_and_counted(
    db: &acre_store::Db,
    rt: &RecordType,
) -> Result<(Vec<String>, Vec<String>)> {
    let rows = |text: String| async move {
        let mut out: Vec<String> = db
            .fetch_all(&text, &[])
            .await?
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {}",
                    r.i64("owner_id"),
                    r.str("field"),
                    r.str("value"),
                    r.i64("n")
                )
            })
            .collect();
        out.sort();
        Result::Ok(out)
    };
    let stored = rows(format!(
        "SELECT owner_id, field, value, n FROM {} WHERE n <> 0",
        table(rt)
    ))
    .await?;
    let counted = rows(recount_sql(rt)).await?;
    Ok((stored, counted))
}

/// What a query's filters ask of the tallies: one field's values (or the
/// total) and perhaps one owner.
#[derive(Clone, Debug)]
pub struct Ask {
    field: Option<(&'static str, Vec<String>)>,
    owner: Option<i64>,
}

/// The tallies' answer to `q`'s filters, when they hold it: live records,
/// no search, and filters only on the owner (one user) and on one tallied
/// field's values.
pub fn ask(rt: &RecordType, q: &ListQuery) -> Option<Ask> {
    if !kept(rt) || q.trash || q.q.as_deref().is_some_and(|t| !t.trim().is_empty()) {
        return None;
    }
    let mut field: Option<(&'static str, Vec<String>)> = None;
    let mut owner: Option<i64> = None;
    for f in &q.filters {
        match f {
            Filter::Is("owner_id", v) if owner.is_none() => owner = Some(v.as_i64()?),
            Filter::AnyOf(k, set) if field.is_none() && fields(rt).any(|t| t == *k) => {
                field = Some((k, set.clone()));
            }
            _ => return None,
        }
    }
    Some(Ask { field, owner })
}

impl Ask {
    /// The conditions on the tallies `k` (arguments pushed on `s`).
    pub fn conditions(&self, s: &mut Sql) -> Vec<String> {
        let (name, values) = self.field.clone().unwrap_or((TOTAL, vec![String::new()]));
        let mut w = vec![format!("k.field = {}", s.arg(Value::from(name)))];
        let marks: Vec<String> = values
            .iter()
            .map(|v| s.arg(Value::from(v.as_str())))
            .collect();
        w.push(format!("k.value IN ({})", marks.join(", ")));
        if let Some(o) = self.owner {
            w.push(format!("k.owner_id = {}", s.arg(Value::from(o))));
        }
        w
    }
}

/// A list's count read from the tallies, as a scalar subquery (arguments
/// pushed on `s`), when they hold it (`ask`). Customers shared with the
/// actor from outside their sight are counted apart (a few, through the
/// shares' index).
pub fn count_sql(rt: &RecordType, q: &ListQuery, actor: &Actor, s: &mut Sql) -> Option<String> {
    let asked = ask(rt, q)?;
    // An owner's customers in the pool: none, counted the usual way. (Decided
    // before any argument is pushed on `s`.)
    if q.pool && asked.owner.is_some() {
        return None;
    }
    let table = table(rt);
    let mut w = asked.conditions(s);
    let Ask { field, owner } = asked;
    if q.pool {
        // The pool is open to every reader of customers (`list_predicate`).
        w.push("k.owner_id = 0".into());
        return Some(format!(
            "(SELECT CAST(COALESCE(SUM(k.n), 0) AS BIGINT) FROM {table} k WHERE {})",
            w.join(" AND ")
        ));
    }
    if owner.is_none() {
        w.push("k.owner_id <> 0".into());
    }
    let (sight, args) = crate::org::owner_set_predicate(actor, "k.owner_id", s.args.len() + 1);
    if sight == "1=1" {
        return Some(format!(
            "(SELECT CAST(COALESCE(SUM(k.n), 0) AS BIGINT) FROM {table} k WHERE {})",
            w.join(" AND ")
        ));
    }
    s.args.extend(args);
    w.push(sight);
    let tallied = format!(
        "(SELECT CAST(COALESCE(SUM(k.n), 0) AS BIGINT) FROM {table} k WHERE {})",
        w.join(" AND ")
    );
    if !actor.has_shares {
        return Some(tallied);
    }
    // Shared with the actor and owned outside their sight.
    let (sight, args) = crate::org::owner_predicate(actor, "x.owner_id", s.args.len() + 1);
    s.args.extend(args);
    let shared = super::record_type::shared_with(actor, false, s);
    let mut x = vec![
        "x.deleted_at IS NULL".to_string(),
        "x.owner_id IS NOT NULL".into(),
        format!("NOT ({sight})"),
        format!("x.id IN ({shared})"),
    ];
    if let Some(o) = owner {
        x.push(format!("x.owner_id = {}", s.arg(Value::from(o))));
    }
    if let Some((k, values)) = field {
        let marks: Vec<String> = values
            .iter()
            .map(|v| s.arg(Value::from(v.as_str())))
            .collect();
        x.push(format!("x.{k} IN ({})", marks.join(", ")));
    }
    Some(format!(
        "({tallied} + (SELECT COUNT(*) FROM {} x WHERE {}))",
        rt.table,
        x.join(" AND ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(owner: Option<i64>, grade: Option<&str>) -> impl Fn(&str) -> Value {
        move |k| match k {
            "owner_id" => owner.into(),
            "grade" => grade.into(),
            _ => Value::Text(None),
        }
    }

    #[test]
    fn a_record_counts_in_its_owners_total_and_each_field() {
        let rt = &crate::customers::CUSTOMERS;
        let t = Tally::of_record(rt, customer(Some(7), Some("B")), 1);
        let rows: Vec<_> = t.nonzero().map(|(k, n)| (k.clone(), *n)).collect();
        assert!(rows.contains(&((7, "", String::new()), 1)));
        assert!(rows.contains(&((7, "grade", "B".into()), 1)));
        assert!(rows.contains(&((7, "source", String::new()), 1)));
        assert_eq!(rows.len(), 1 + fields(rt).count());
    }

    #[test]
    fn a_move_takes_from_the_old_owner_what_it_gives_the_new() {
        let rt = &crate::customers::CUSTOMERS;
        let before = Tally::of_record(rt, customer(Some(7), Some("B")), 2).plus(Tally::of_record(
            rt,
            customer(None, Some("A")),
            1,
        ));
        let change = before.moved_to(Some(9));
        assert_eq!(change.0[&(7, "grade", "B".into())], -2);
        assert_eq!(change.0[&(0, "grade", "A".into())], -1);
        assert_eq!(change.0[&(9, "grade", "B".into())], 2);
        assert_eq!(change.0[&(9, "", String::new())], 3);
        // Moving back to the same owner changes nothing.
        assert_eq!(
            Tally::of_record(rt, customer(Some(9), None), 1)
                .moved_to(Some(9))
                .nonzero()
                .count(),
            0
        );
    }
}
