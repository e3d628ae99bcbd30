//! The generic record service: list, read, create, edit, delete to trash,
//! restore, purge, bulk actions and history for every registered type, with
//! the type's access rules, validation per field, optimistic locking and audit.

use std::collections::BTreeMap;

use acre_domain::Capability;
use acre_store::audit::{self, Change, Entry};
use acre_store::{Tx, Value, now_ms};

use super::field::{Field, Kind};
use super::query::ListQuery;
use super::record::Record;
use super::record_type::RecordType;
use super::sql::{self, Sql};
use super::tally::Tally;
use super::value::{parse, to_input};
use crate::error::{AppError, ErrorCode, FieldErrors, Result};
use crate::registry;
use crate::{Actor, App};

/// Field values as typed: `key → text` (forms, API after conversion, import).
pub type Input = BTreeMap<String, String>;

/// An input key asking to save a record despite a duplicate (CU17): honoured
/// for those who allocate customers, refused for everyone else.
pub const REGISTER_ANYWAY: &str = "_register_anyway";

/// Matches past which a list page is driven by the sort's index.
const PLAN_BY_SORT_ABOVE: i64 = 2000;

/// A search, or a contact list seen through customers, counts its matches
/// up to this many ("more than 2,000").
pub const EXACT_COUNT_UP_TO: i64 = 2000;

/// A search within one owner's customers (a rep's) counts up to this many:
/// each match counted costs a lookup of its customer, and past it the page
/// walks the rep's own rows in order (`owner_ordered`), where 500 matches
/// among a rep's ~150,000 customers still fill a page within ~15,000 rows.
pub const OWN_SEARCH_COUNT_UP_TO: i64 = 500;

/// Any other list counts up to this many: past it, counting reads more
/// than a page is worth (the general manager's whole customer base).
pub const EXACT_LIST_COUNT_UP_TO: i64 = 100_000;

/// How many records match a list query: exact, or a lower bound when more
/// matched than the list counts (`EXACT_COUNT_UP_TO`, `EXACT_LIST_COUNT_UP_TO`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Total {
    pub n: i64,
    pub exact: bool,
}

impl Total {
    /// A count that is the number itself (read from the tallies).
    pub fn exact(n: i64) -> Total {
        Total { n, exact: true }
    }
}

/// Most records a bulk action touches at once.
pub const MAX_BULK: usize = 1000;

/// The checks that need no database: each present field parsed for its kind,
/// required fields filled. With `partial`, absent keys are left out.
pub(crate) fn parse_input(
    rt: &RecordType,
    input: &Input,
    partial: bool,
) -> (Vec<(&'static Field, Value)>, FieldErrors) {
    let mut errs = FieldErrors::new();
    let mut out = Vec::new();
    for f in rt.fields {
        if !f.typed() {
            // Files are uploaded to their field, derived values computed,
            // never typed: a new record starts without.
            if !partial {
                out.push((f, super::value::null_of(f.kind)));
            }
            continue;
        }
        let raw = match input.get(f.key) {
            Some(r) => r.as_str(),
            None if partial => continue,
            None => "",
        };
        match parse(f, raw) {
            Ok(v) if v.is_null() && f.required => {
                errs.insert(f.key.to_string(), "err-required".into());
            }
            Ok(v) => out.push((f, v)),
            Err(key) => {
                errs.insert(f.key.to_string(), key.to_string());
            }
        }
    }
    if !partial {
        set_derived(rt, &mut out);
    }
    (out, errs)
}

/// Whether a value counts as filled in (not NULL, not empty text).
fn filled(v: &Value) -> bool {
    !v.is_null() && !matches!(v, Value::Text(Some(s)) if s.trim().is_empty())
}

/// Compute the derived fields of a record from its other values (all of
/// them, in declaration order): the completeness percentage and the fields
/// with a `compute` rule.
pub(crate) fn set_derived(rt: &RecordType, values: &mut [(&'static Field, Value)]) {
    if let Some(c) = rt.completeness {
        let get = |k: &str| values.iter().find(|(f, _)| f.key == k).map(|(_, v)| v);
        let variant = rt.variants.and_then(|v| match get(v.field) {
            Some(Value::Text(Some(s))) => Some(s.clone()),
            _ => None,
        });
        let pct = c.percent(variant.as_deref(), |k| get(k).is_some_and(filled));
        if let Some(slot) = values.iter_mut().find(|(f, _)| f.key == c.field) {
            slot.1 = Value::from(pct);
        }
    }
    let computed: Vec<(usize, Value)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, (f, _))| f.compute.map(|rule| (i, rule(values))))
        .collect();
    for (i, v) in computed {
        values[i].1 = v;
    }
}

/// Every field of a type with the given values, NULL elsewhere (unit tests
/// of derived values).
#[cfg(test)]
pub(crate) fn values_of(
    rt: &'static RecordType,
    pairs: &[(&str, Value)],
) -> Vec<(&'static Field, Value)> {
    rt.fields
        .iter()
        .map(|f| {
            let v = pairs
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| super::value::null_of(f.kind));
            (f, v)
        })
        .collect()
}

/// Carry a child's date up to its parent (see `Rollup`), only ever later.
pub(crate) async fn roll_up(
    tx: &mut Tx,
    rt: &RecordType,
    values: &[(&'static Field, Value)],
) -> Result<()> {
    let Some(r) = rt.rollup else { return Ok(()) };
    let get = |k: &str| values.iter().find(|(f, _)| f.key == k).map(|(_, v)| v);
    let (Some(Value::Text(Some(date))), Some(Value::Int(Some(parent)))) = (get(r.from), get(r.via))
    else {
        return Ok(());
    };
    let Some(at) = super::value::parse_datetime(&format!("{date} 00:00:00")) else {
        return Ok(());
    };
    // Not a change of the parent's content: its version stays, so nobody's
    // open edit of it turns stale.
    tx.execute(
        &format!(
            "UPDATE {t} SET {to} = $1 WHERE id = $2 AND ({to} IS NULL OR {to} < $1)",
            t = r.parent_table,
            to = r.to
        ),
        &[Value::from(at), Value::from(*parent)],
    )
    .await?;
    Ok(())
}

/// Whether a list query searches text (the box or a searchable field's
/// filter): its matches come from the search index, one lookup each.
fn searching(rt: &RecordType, q: &ListQuery) -> bool {
    q.q.as_deref().is_some_and(|t| !t.trim().is_empty())
        || q.filters.iter().any(|f| {
            matches!(f, super::query::Filter::Contains(k, _) if rt.field(k).is_some_and(|f| f.searchable))
        })
}

/// Whether the owner index `(owner_id, updated_at)` holds a customer list's
/// rows in its order: the actor's own customers (no shares to add) in the
/// default sort, whatever else narrows them.
fn owner_ordered(rt: &RecordType, q: &ListQuery, actor: &Actor) -> bool {
    rt.access == super::Access::Customer
        && rt.default_sort == "-updated_at"
        && q.sort.as_deref().is_none_or(|s| s == rt.default_sort)
        && !q.pool
        && !q.trash
        && !actor.has_shares
        && crate::org::owns_alone(actor)
}

/// Whether an index of `rt.owner_indexed` holds a list's rows in its order:
/// the actor's own customers (no shares to add), sorted by default, with at
/// most a one-value filter on an indexed field. Its page is then the first
/// rows of one index range, and SQLite finds that index itself.
fn served_in_order(
    rt: &RecordType,
    q: &ListQuery,
    actor: &Actor,
    backend: acre_store::Backend,
) -> bool {
    use super::query::Filter;
    owner_ordered(rt, q, actor)
        && q.q.is_none()
        && q.filters.iter().all(|f| match f {
            Filter::AnyOf(k, set) if rt.owner_indexed.contains(k) => {
                set.len() == 1 && super::ddl::carries_owner(rt, k, backend)
            }
            Filter::Is(k, _) | Filter::Min(k, _) | Filter::Max(k, _) | Filter::Empty(k, _) => {
                !rt.owner_indexed.contains(k)
            }
            _ => true,
        })
}

/// The next `k` numbers of a numbered type for today (see `Numbering`).
pub(crate) async fn next_numbers(tx: &mut Tx, rt: &RecordType, k: usize) -> Result<Vec<String>> {
    let Some(n) = rt.numbering else {
        return Ok(Vec::new());
    };
    let day = super::value::today().replace('-', "");
    let stem = format!("{}-{day}-", n.prefix);
    let used = tx
        .fetch_optional(
            &format!(
                "SELECT MAX({f}) AS m FROM {t} WHERE {f} LIKE $1",
                f = n.field,
                t = rt.table
            ),
            &[Value::from(format!("{stem}%"))],
        )
        .await?
        .and_then(|r| r.opt_str("m"))
        .and_then(|m| m[stem.len()..].parse::<usize>().ok())
        .unwrap_or(0);
    Ok((1..=k).map(|i| format!("{stem}{:04}", used + i)).collect())
}

/// Set a numbered type's number among a new record's values.
pub(crate) fn set_number(rt: &RecordType, values: &mut [(&'static Field, Value)], number: String) {
    if let Some(n) = rt.numbering
        && let Some(slot) = values.iter_mut().find(|(f, _)| f.key == n.field)
    {
        slot.1 = Value::from(number);
    }
}

/// Refuse to change a record its type holds (see `Editable`).
async fn check_editable(tx: &mut Tx, rt: &RecordType, rec: &Record) -> Result<()> {
    let Some(e) = rt.editable else { return Ok(()) };
    let value = match e.via {
        None => rec.get(e.field).to_text(),
        Some(via) => {
            let parent = rt.field(via).and_then(|f| f.link).and_then(registry::find);
            match (parent, rec.get(via).as_i64()) {
                (Some(p), Some(id)) => tx
                    .fetch_optional(
                        &format!("SELECT {} AS v FROM {} WHERE id = $1", e.field, p.table),
                        &[Value::from(id)],
                    )
                    .await?
                    .and_then(|r| r.value("v").to_text()),
                _ => None,
            }
        }
    };
    if value.is_some_and(|v| e.values.contains(&v.as_str())) {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::RuleRefused).with_message(e.error))
    }
}

/// Run the type's `AfterChange` for the record's `via` value.
pub(crate) async fn after_change(tx: &mut Tx, rt: &RecordType, via: Option<i64>) -> Result<()> {
    if let (Some(a), Some(v)) = (rt.after_change, via) {
        for statement in a.sql {
            tx.execute(statement, &[Value::from(v)]).await?;
        }
    }
    Ok(())
}

/// The integer value of field `key` among `values`.
pub(crate) fn int_of(values: &[(&'static Field, Value)], key: Option<&str>) -> Option<i64> {
    let key = key?;
    values.iter().find(|(f, _)| f.key == key)?.1.as_i64()
}

/// The value of `key` among `values` (empty when absent).
pub(crate) fn value_of(values: &[(&'static Field, Value)], key: &str) -> Value {
    values
        .iter()
        .find(|(f, _)| f.key == key)
        .map(|(_, v)| v.clone())
        .unwrap_or(Value::Text(None))
}

/// Fill the fields a type inherits through a link (see `Inherit`): on
/// creation the empty ones and the fixed ones; on an edit, the fixed ones
/// whose link changed. `values` holds every field on creation, the changed
/// ones on an edit.
pub(crate) async fn inherit(
    tx: &mut Tx,
    rt: &RecordType,
    values: &mut Vec<(&'static Field, Value)>,
    creating: bool,
) -> Result<()> {
    for inh in rt.inherit {
        let Some(via) = values
            .iter()
            .find(|(f, _)| f.key == inh.via)
            .and_then(|(_, v)| v.as_i64())
        else {
            continue;
        };
        let slot = values.iter().position(|(f, _)| f.key == inh.field);
        // A looked-up default also fills a field emptied on an edit.
        let wanted = match slot {
            Some(i) => inh.fixed || ((creating || inh.lookup.is_some()) && values[i].1.is_null()),
            None => inh.fixed,
        };
        if !wanted {
            continue;
        }
        if let Some(sql) = inh.lookup {
            let own = values
                .iter()
                .find(|(f, _)| f.key == inh.from)
                .map(|(_, v)| v.clone())
                .filter(|v| !v.is_null());
            let (Some(own), Some(target)) = (own, rt.field(inh.field)) else {
                continue;
            };
            let found = tx
                .fetch_optional(sql, &[Value::from(via), own])
                .await?
                .map(|r| r.value("v").clone())
                .filter(|v| !v.is_null());
            match (found, slot) {
                (Some(v), Some(i)) => values[i].1 = v,
                (Some(v), None) => values.push((target, v)),
                (None, _) => {}
            }
            continue;
        }
        let link = rt
            .field(inh.via)
            .and_then(|f| f.link)
            .and_then(registry::find);
        let (Some(parent), Some(target)) = (link, rt.field(inh.field)) else {
            continue;
        };
        let Some(from) = parent.field(inh.from) else {
            continue;
        };
        let row = tx
            .fetch_optional(
                &format!("{} WHERE t.id = $1", sql::select(parent, &[from])),
                &[Value::from(via)],
            )
            .await?;
        let v = row
            .map(|r| Record::from_row(&[from], &r).get(inh.from))
            .unwrap_or_else(|| super::value::null_of(target.kind));
        match slot {
            Some(i) => values[i].1 = v,
            None => values.push((target, v)),
        }
    }
    Ok(())
}

fn all_fields(rt: &RecordType) -> Vec<&'static Field> {
    rt.fields.iter().collect()
}

impl App {
    /// The record type behind a resource key, if the actor may read it (404 otherwise).
    /// (Administrators pass too: they may read every type's trash to purge it.)
    pub fn readable_type(&self, actor: &Actor, key: &str) -> Result<&'static RecordType> {
        let rt = registry::find(key).ok_or_else(AppError::not_found)?;
        if !rt.access.can_read(actor) && !actor.can(Capability::PurgeTrash) {
            return Err(AppError::forbidden());
        }
        Ok(rt)
    }

    /// Read access to live records, or to the trash for those who purge it.
    fn may_read(actor: &Actor, rt: &RecordType, trash: bool) -> bool {
        rt.access.can_read(actor) || (trash && actor.can(Capability::PurgeTrash))
    }

    /// Whether the actor may change this record.
    pub fn can_edit(&self, actor: &Actor, rt: &RecordType, rec: &Record) -> bool {
        (rt.access.edits_all(actor) && rec.writable)
            || (rt.access == super::Access::Personal && rec.created_by == Some(actor.id()))
            || (rt.access == super::Access::SalesMaterial
                && rt.access.can_create(actor)
                && rec.created_by == Some(actor.id()))
    }

    /// One page of records (at most `MAX_LIMIT`) and the total matching the query.
    pub async fn list_records(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
    ) -> Result<(Vec<Record>, Total)> {
        let q = &ListQuery {
            limit: q.limit.clamp(1, super::query::MAX_LIMIT),
            ..q.clone()
        };
        if !Self::may_read(actor, rt, q.trash) {
            return Err(AppError::forbidden());
        }
        let fields = self.list_fields(rt, q);
        let mut s = Sql::on(self.db.backend());
        let restricted = sql::list_where(rt, q, actor, &mut s);
        // A search term's matches, and contacts seen through their
        // customers, are counted by looking up each one: such counts stop
        // where an exact number stops helping anyone; other counts read an
        // index and stop much later.
        let own = owner_ordered(rt, q, actor);
        let cap = if searching(rt, q) && own {
            OWN_SEARCH_COUNT_UP_TO
        } else if searching(rt, q) || (rt.access == super::Access::Contact && restricted) {
            EXACT_COUNT_UP_TO
        } else {
            EXACT_LIST_COUNT_UP_TO
        };
        let count_of = |w: &Sql| {
            format!(
                "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM {} t{}{} LIMIT {}) c",
                rt.table,
                w.from,
                w.text,
                cap + 1
            )
        };
        let order = sql::order_by(rt, q.sort.as_deref(), self.db.backend());
        let total = |count: i64| Total {
            n: count.min(cap),
            exact: count <= cap,
        };
        // A list an index holds in order is planned the same whatever the
        // count: one statement brings the page and the count (as a column of
        // each row), a round trip fewer on the lists reps open most.
        if served_in_order(rt, q, actor, self.db.backend()) {
            let kept = super::tally::count_sql(rt, q, actor, &mut s);
            let counted = match &kept {
                Some(sum) => format!("{sum} AS list_total"),
                None => format!("({}) AS list_total", count_of(&s)),
            };
            let lim = s.arg(Value::from(q.limit));
            let off = s.arg(Value::from(q.offset));
            let text = format!(
                "{}{}{order} LIMIT {lim} OFFSET {off}",
                sql::select_with(rt, &fields, &[counted]),
                s.text
            );
            let rows = self.db.fetch_all(&text, &s.args).await?;
            let count = match rows.first() {
                Some(r) => r.i64("list_total"),
                // A page past the end has no row to carry the count.
                None => match &kept {
                    Some(sum) => {
                        self.count_rows(&format!("SELECT {sum} AS n"), &s.args)
                            .await?
                    }
                    None => self.count_rows(&count_of(&s), &s.args).await?,
                },
            };
            let total = match kept {
                Some(_) => Total::exact(count),
                None => total(count),
            };
            return Ok((
                rows.iter().map(|r| Record::from_row(&fields, r)).collect(),
                total,
            ));
        }
        let mut c = Sql::counting(self.db.backend());
        let (count, exact) = match super::tally::count_sql(rt, q, actor, &mut c) {
            Some(sum) => (
                self.count_rows(&format!("SELECT {sum} AS n"), &c.args)
                    .await?,
                true,
            ),
            None => {
                sql::list_where(rt, q, actor, &mut c);
                (self.count_rows(&count_of(&c), &c.args).await?, false)
            }
        };
        // SQLite's planner prefers a filter's index and then sorts every
        // match, even when thousands match and the sort column's index would
        // find the first page after a few hundred rows; both databases
        // gather every match of a search term first. The count tells how
        // many match: past a few thousand, keep the filters off their
        // indexes (SQLite) and probe search keys row by row (both).
        if count > PLAN_BY_SORT_ABOVE.min(cap) {
            let plus = match self.db.backend() {
                acre_store::Backend::Sqlite => "+",
                acre_store::Backend::Postgres => "",
            };
            s = Sql {
                plus,
                // A rep's own rows are walked in order through the owner index.
                owner_plus: if own { "" } else { plus },
                by_sort: true,
                ..Sql::on(self.db.backend())
            };
            sql::list_where(rt, q, actor, &mut s);
        }
        let lim = s.arg(Value::from(q.limit));
        let off = s.arg(Value::from(q.offset));
        let text = format!(
            "{}{}{order} LIMIT {lim} OFFSET {off}",
            sql::select(rt, &fields),
            s.text
        );
        let rows = self.db.fetch_all(&text, &s.args).await?;
        Ok((
            rows.iter().map(|r| Record::from_row(&fields, r)).collect(),
            if exact {
                Total::exact(count)
            } else {
                total(count)
            },
        ))
    }

    /// The `n` of a `SELECT COUNT(*) AS n …`.
    async fn count_rows(&self, sql: &str, args: &[Value]) -> Result<i64> {
        Ok(self
            .db
            .fetch_optional(sql, args)
            .await?
            .map(|r| r.i64("n"))
            .unwrap_or(0))
    }

    /// The fields a list page needs: its columns and the title.
    pub fn list_fields(&self, rt: &'static RecordType, q: &ListQuery) -> Vec<&'static Field> {
        let keys: Vec<&str> = if q.columns.is_empty() {
            rt.list.to_vec()
        } else {
            q.columns.iter().map(String::as_str).collect()
        };
        let mut out: Vec<&'static Field> = Vec::new();
        for k in std::iter::once(rt.title).chain(keys) {
            if let Some(f) = rt.field(k)
                && !out.iter().any(|x| x.key == f.key)
            {
                out.push(f);
            }
        }
        out
    }

    /// One record with every field; deleted ones only when `trash` is set.
    pub async fn get_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        trash: bool,
    ) -> Result<Record> {
        if !Self::may_read(actor, rt, trash) {
            return Err(AppError::forbidden());
        }
        let fields = all_fields(rt);
        let cond = if trash {
            ""
        } else {
            " AND t.deleted_at IS NULL"
        };
        let mut s = Sql::default();
        let idp = s.arg(Value::from(id));
        let mut text = format!("{} WHERE t.id = {idp}{cond}", sql::select(rt, &fields));
        // A record the actor may not see answers exactly like one that does not exist.
        if let Some(p) = rt.access.row_predicate(actor, &mut s) {
            text.push_str(&format!(" AND {p}"));
        }
        let row = self
            .db
            .fetch_optional(&text, &s.args)
            .await?
            .ok_or_else(AppError::not_found)?;
        let mut rec = Record::from_row(&fields, &row);
        let mut w = Sql::default();
        let idp = w.arg(Value::from(id));
        if let Some(p) = rt.access.write_predicate(actor, &mut w) {
            let q = format!("SELECT t.id FROM {} t WHERE t.id = {idp} AND {p}", rt.table);
            rec.writable = self.db.fetch_optional(&q, &w.args).await?.is_some();
        }
        Ok(rec)
    }

    /// Check and convert input. With `partial`, only the keys present change.
    async fn validate_input(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &RecordType,
        input: &Input,
        partial: bool,
        id: Option<i64>,
    ) -> Result<Vec<(&'static Field, Value)>> {
        let (parsed, mut errs) = parse_input(rt, input, partial);
        let mut out = Vec::with_capacity(parsed.len());
        for (f, v) in parsed {
            if v.is_null() {
                out.push((f, v));
                continue;
            }
            if let Some(key) = self.check_reference(tx, actor, f, &v).await? {
                errs.insert(f.key.to_string(), key.into());
                continue;
            }
            if f.unique {
                let q = format!(
                    "SELECT id FROM {} WHERE {} = $1 AND deleted_at IS NULL AND id <> $2",
                    rt.table, f.key
                );
                if tx
                    .fetch_optional(&q, &[v.clone(), Value::from(id.unwrap_or(0))])
                    .await?
                    .is_some()
                {
                    errs.insert(f.key.to_string(), "err-taken".into());
                    continue;
                }
            }
            out.push((f, v));
        }
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        Ok(out)
    }

    /// A link must point at a live record, a user field at an active user.
    async fn check_reference(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        f: &Field,
        v: &Value,
    ) -> Result<Option<&'static str>> {
        let mut s = Sql::default();
        let vp = s.arg(v.clone());
        let q = match f.kind {
            // Only a record the actor can see may be linked.
            Kind::Link => match f.link.and_then(registry::find) {
                Some(target) => {
                    let mut q = format!(
                        "SELECT t.id FROM {} t WHERE t.id = {vp} AND t.deleted_at IS NULL",
                        target.table
                    );
                    if let Some(p) = target.access.row_predicate(actor, &mut s) {
                        q.push_str(&format!(" AND {p}"));
                    }
                    q
                }
                None => return Ok(Some("err-no-such-record")),
            },
            Kind::User => format!("SELECT id FROM users WHERE id = {vp} AND active = TRUE"),
            _ => return Ok(None),
        };
        let found = tx.fetch_optional(&q, &s.args).await?.is_some();
        if !found {
            return Ok(Some(if f.kind == Kind::User {
                "err-no-such-user"
            } else {
                "err-no-such-record"
            }));
        }
        if let Some(rule) = f.link_rule {
            let q = format!("{q} AND ({})", rule.sql);
            if tx.fetch_optional(&q, &s.args).await?.is_none() {
                return Ok(Some(rule.error));
            }
        }
        Ok(None)
    }

    /// Create a record. Returns `(id, version)`.
    pub async fn create_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        input: &Input,
    ) -> Result<(i64, i64)> {
        if !rt.access.can_create(actor) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let id = self.insert_record(&mut tx, actor, rt, input).await?;
        tx.commit().await?;
        Ok((id, 1))
    }

    /// Who owns a customer is the registrar's when they only see their own
    /// (a rep). After that the owner changes only by allocation, transfer or
    /// claim (`allocation`), which keep the ownership history: never by an edit.
    fn owner_rule(actor: &Actor, rt: &RecordType, input: &mut Input, creating: bool) {
        if rt.access != super::Access::Customer {
            return;
        }
        if !creating {
            input.remove("owner_id");
        } else if actor.role.scope() == acre_domain::ScopeKind::Own {
            input.insert("owner_id".into(), actor.id().to_string());
        }
    }

    /// Insert inside a caller's transaction (import uses one per batch).
    pub(crate) async fn insert_record(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &'static RecordType,
        input: &Input,
    ) -> Result<i64> {
        let mut input = input.clone();
        let anyway = input
            .remove(REGISTER_ANYWAY)
            .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "on"));
        if anyway && !actor.can(Capability::AllocateCustomers) {
            return Err(AppError::forbidden().with_message("err-register-anyway"));
        }
        Self::owner_rule(actor, rt, &mut input, true);
        let mut values = self
            .validate_input(tx, actor, rt, &input, false, None)
            .await?;
        inherit(tx, rt, &mut values, true).await?;
        if !rt.inherit.is_empty() {
            // Values taken from linked records count for the derived ones.
            set_derived(rt, &mut values);
        }
        if let Some(number) = next_numbers(tx, rt, 1).await?.pop() {
            set_number(rt, &mut values, number);
        }
        let dup_keys = super::dedupe::keys(rt, &values);
        let duplicate = super::dedupe::check(tx, rt, &dup_keys, None).await;
        match duplicate {
            Err(e) if anyway && e.code == ErrorCode::DuplicateCustomer => {}
            other => other?,
        }
        let mut s = Sql::default();
        let cols: Vec<&str> = values.iter().map(|(f, _)| f.key).collect();
        let marks: Vec<String> = values.iter().map(|(_, v)| s.arg(v.clone())).collect();
        let now = s.arg(Value::from(now_ms()));
        let by = s.arg(Value::from(actor.id()));
        let text = format!(
            "INSERT INTO {} ({}, version, created_at, created_by, updated_at, updated_by) VALUES ({}, 1, {now}, {by}, {now}, {by}) RETURNING id",
            rt.table,
            cols.join(", "),
            marks.join(", ")
        );
        let id = tx.insert(&text, &s.args).await?;
        super::tally::add(tx, rt, &Tally::of_record(rt, |k| value_of(&values, k), 1)).await?;
        super::dedupe::store(tx, rt, id, &dup_keys).await?;
        let keys = super::search::record_grams(values.iter().map(|(f, v)| (*f, v)));
        let pairs: Vec<(i64, String)> = keys.into_iter().map(|k| (id, k)).collect();
        super::search::insert_grams(tx, rt, &pairs).await?;
        roll_up(tx, rt, &values).await?;
        after_change(tx, rt, int_of(&values, rt.after_change.map(|a| a.via))).await?;
        let changes: Vec<Change> = values
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(f, v)| Change {
                field: f.key.to_string(),
                old: None,
                new: Some(to_input(f, v)),
            })
            .collect();
        audit::record(tx, Some(actor.id()), rt.entity, id, "created", &changes).await?;
        if rt.access == super::Access::Customer {
            crate::allocation::registered(tx, actor, &[id]).await?;
        }
        if let Some(m) = rt.mirror {
            let target = registry::find(m.to).expect("declared mirror target");
            let input = self.mirror_input(tx, &m, &values).await?;
            let copy = Box::pin(self.insert_record(tx, actor, target, &input)).await?;
            tx.execute(
                &format!("UPDATE {} SET {} = $1 WHERE id = $2", target.table, m.via),
                &[Value::from(id), Value::from(copy)],
            )
            .await?;
        }
        Ok(id)
    }

    /// The mirrored copy's input from a record's values (see `Mirror`).
    async fn mirror_input(
        &self,
        tx: &mut Tx,
        m: &super::Mirror,
        values: &[(&'static Field, Value)],
    ) -> Result<Input> {
        let mut input = Input::new();
        for (to, from) in m.fields {
            let Some((f, v)) = values.iter().find(|(f, _)| f.key == *from) else {
                continue;
            };
            let text = match (f.link.and_then(registry::find), v.to_text()) {
                (Some(linked), Some(id)) => tx
                    .fetch_optional(
                        &format!(
                            "SELECT {} AS title FROM {} WHERE id = $1",
                            linked.title, linked.table
                        ),
                        &[Value::from(id.parse::<i64>().unwrap_or(0))],
                    )
                    .await?
                    .map(|r| r.str("title"))
                    .unwrap_or_default(),
                _ => to_input(f, v),
            };
            input.insert(to.to_string(), text);
        }
        Ok(input)
    }

    /// Carry an edit over to the record's mirrored copies.
    async fn mirror_update(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &RecordType,
        id: i64,
        after: &[(&'static Field, Value)],
    ) -> Result<()> {
        let Some(m) = rt.mirror else { return Ok(()) };
        let target = registry::find(m.to).expect("declared mirror target");
        let input = self.mirror_input(tx, &m, after).await?;
        let fields = all_fields(target);
        let rows = tx
            .fetch_all(
                &format!(
                    "{} WHERE t.{} = $1 AND t.deleted_at IS NULL",
                    sql::select(target, &fields),
                    m.via
                ),
                &[Value::from(id)],
            )
            .await?;
        for row in rows {
            let copy = Record::from_row(&fields, &row);
            let same = input.iter().all(|(k, v)| {
                target
                    .field(k)
                    .is_some_and(|f| to_input(f, &copy.get(k)) == *v)
            });
            if same {
                continue;
            }
            Box::pin(self.update_in(tx, actor, target, &copy, copy.version, &input)).await?;
        }
        Ok(())
    }

    /// Change the fields present in `input` when `version` is current. Returns the new version.
    pub async fn update_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        version: i64,
        input: &Input,
    ) -> Result<i64> {
        let current = self.get_record(actor, rt, id, false).await?;
        if !self.can_edit(actor, rt, &current) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let new = self
            .update_in(&mut tx, actor, rt, &current, version, input)
            .await?;
        tx.commit().await?;
        Ok(new)
    }

    pub(crate) async fn update_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &'static RecordType,
        current: &Record,
        version: i64,
        input: &Input,
    ) -> Result<i64> {
        let (new, retallied) = self
            .update_uncounted(tx, actor, rt, current, version, input)
            .await?;
        super::tally::add(tx, rt, &retallied).await?;
        Ok(new)
    }

    /// `update_in` without writing the tallies: returns their change, for a
    /// caller that edits many records in one transaction and adds the sum
    /// once. Two such transactions adding as they went could lock the same
    /// tally rows in opposite orders on PostgreSQL; one sorted upsert each
    /// cannot.
    pub(crate) async fn update_uncounted(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &'static RecordType,
        current: &Record,
        version: i64,
        input: &Input,
    ) -> Result<(i64, Tally)> {
        check_editable(tx, rt, current).await?;
        let mut input = input.clone();
        if rt.access == super::Access::Customer
            && let Some(owner) = input.get("owner_id")
            && *owner
                != to_input(
                    rt.field("owner_id").expect("customers have owners"),
                    &current.get("owner_id"),
                )
        {
            return Err(AppError::field("owner_id", "err-owner-by-allocation"));
        }
        Self::owner_rule(actor, rt, &mut input, false);
        let mut values = self
            .validate_input(tx, actor, rt, &input, true, Some(current.id))
            .await?;
        inherit(tx, rt, &mut values, false).await?;
        // The record's values after the change decide its duplicate keys.
        let after: Vec<(&'static Field, Value)> = rt
            .fields
            .iter()
            .map(|f| {
                (
                    f,
                    values
                        .iter()
                        .find(|(g, _)| g.key == f.key)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| current.get(f.key)),
                )
            })
            .collect();
        let mut after = after;
        set_derived(rt, &mut after);
        for (f, v) in after.iter().filter(|(f, _)| f.derived) {
            if current.get(f.key) != *v {
                values.push((f, v.clone()));
            }
        }
        let dup_keys = super::dedupe::keys(rt, &after);
        if values
            .iter()
            .any(|(f, _)| rt.duplicates.iter().any(|d| d.field == f.key))
        {
            super::dedupe::check(tx, rt, &dup_keys, Some(current.id)).await?;
            super::dedupe::store(tx, rt, current.id, &dup_keys).await?;
        }
        let changes: Vec<Change> = values
            .iter()
            .filter(|(f, v)| !f.derived && current.get(f.key) != *v)
            .map(|(f, v)| Change {
                field: f.key.to_string(),
                old: Some(to_input(f, &current.get(f.key))).filter(|s| !s.is_empty()),
                new: Some(to_input(f, v)).filter(|s| !s.is_empty()),
            })
            .collect();
        let mut s = Sql::default();
        let mut sets: Vec<String> = values
            .iter()
            .map(|(f, v)| format!("{} = {}", f.key, s.arg(v.clone())))
            .collect();
        sets.push(format!("updated_at = {}", s.arg(Value::from(now_ms()))));
        sets.push(format!("updated_by = {}", s.arg(Value::from(actor.id()))));
        let idp = s.arg(Value::from(current.id));
        let vp = s.arg(Value::from(version));
        let text = format!(
            "UPDATE {} SET {}, version = version + 1 WHERE id = {idp} AND version = {vp} AND deleted_at IS NULL",
            rt.table,
            sets.join(", ")
        );
        if tx.execute(&text, &s.args).await? != 1 {
            return Err(AppError::stale());
        }
        // The row was at `version`, so `current` is what it held.
        let retallied = Tally::of_record(rt, |k| current.get(k), -1).plus(Tally::of_record(
            rt,
            |k| value_of(&after, k),
            1,
        ));
        roll_up(tx, rt, &after).await?;
        after_change(tx, rt, int_of(&after, rt.after_change.map(|a| a.via))).await?;
        if let Some(a) = rt.after_change {
            // Moved to another parent: the former siblings change too.
            let before = current.get(a.via).as_i64();
            if before != int_of(&after, Some(a.via)) {
                after_change(tx, rt, before).await?;
            }
        }
        self.mirror_update(tx, actor, rt, current.id, &after)
            .await?;
        if values
            .iter()
            .any(|(f, v)| f.searchable && current.get(f.key) != *v)
        {
            // The searchable values after the change: the new ones, else the current.
            let merged: Vec<(&'static Field, Value)> = rt
                .fields
                .iter()
                .filter(|f| f.searchable)
                .map(|f| {
                    (
                        f,
                        values
                            .iter()
                            .find(|(g, _)| g.key == f.key)
                            .map(|(_, v)| v.clone())
                            .unwrap_or_else(|| current.get(f.key)),
                    )
                })
                .collect();
            let stored: Vec<(&'static Field, Value)> = merged
                .iter()
                .map(|(f, _)| (*f, current.get(f.key)))
                .collect();
            let before = super::search::record_grams(stored.iter().map(|(f, v)| (*f, v)));
            let keys = super::search::record_grams(merged.iter().map(|(f, v)| (*f, v)));
            super::search::reindex(tx, rt, current.id, &before, &keys).await?;
        }
        audit::record(
            tx,
            Some(actor.id()),
            rt.entity,
            current.id,
            "updated",
            &changes,
        )
        .await?;
        Ok((version + 1, retallied))
    }

    /// Move a record to the trash (restorable). `version`, when given, must be current.
    pub async fn delete_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        version: Option<i64>,
    ) -> Result<()> {
        let current = self.get_record(actor, rt, id, false).await?;
        if !self.can_edit(actor, rt, &current) {
            return Err(AppError::forbidden());
        }
        if version.is_some_and(|v| v != current.version) {
            return Err(AppError::stale());
        }
        let mut tx = self.db.begin().await?;
        check_editable(&mut tx, rt, &current).await?;
        let text = format!(
            "UPDATE {} SET deleted_at = $1, version = version + 1, updated_at = $1, updated_by = $2 WHERE id = $3 AND deleted_at IS NULL",
            rt.table
        );
        if tx
            .execute(
                &text,
                &[
                    Value::from(now_ms()),
                    Value::from(actor.id()),
                    Value::from(id),
                ],
            )
            .await?
            != 1
        {
            return Err(AppError::stale());
        }
        super::tally::add(&mut tx, rt, &Tally::of_record(rt, |k| current.get(k), -1)).await?;
        audit::record(&mut tx, Some(actor.id()), rt.entity, id, "deleted", &[]).await?;
        let via = rt.after_change.and_then(|a| current.get(a.via).as_i64());
        after_change(&mut tx, rt, via).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Bring a record back from the trash. A unique value taken meanwhile refuses it.
    pub async fn restore_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
    ) -> Result<()> {
        let rec = self.get_record(actor, rt, id, true).await?;
        if rec.deleted_at.is_none() {
            return Err(AppError::not_found());
        }
        if !self.can_edit(actor, rt, &rec) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let text = format!(
            "UPDATE {} SET deleted_at = NULL, version = version + 1, updated_at = $1, updated_by = $2 WHERE id = $3",
            rt.table
        );
        tx.execute(
            &text,
            &[
                Value::from(now_ms()),
                Value::from(actor.id()),
                Value::from(id),
            ],
        )
        .await?;
        super::tally::add(&mut tx, rt, &Tally::of_record(rt, |k| rec.get(k), 1)).await?;
        audit::record(&mut tx, Some(actor.id()), rt.entity, id, "restored", &[]).await?;
        let via = rt.after_change.and_then(|a| rec.get(a.via).as_i64());
        after_change(&mut tx, rt, via).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Delete a trashed record for good, with its attachments (administrators).
    pub async fn purge_record(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
    ) -> Result<()> {
        actor.require(Capability::PurgeTrash)?;
        let mut tx = self.db.begin().await?;
        // The searchable values make the keys to remove.
        let searchable: Vec<&'static Field> = rt.fields.iter().filter(|f| f.searchable).collect();
        let returning: Vec<&str> = std::iter::once("id")
            .chain(searchable.iter().map(|f| f.key))
            .collect();
        let Some(row) = tx
            .fetch_optional(
                &format!(
                    "DELETE FROM {} WHERE id = $1 AND deleted_at IS NOT NULL RETURNING {}",
                    rt.table,
                    returning.join(", ")
                ),
                &[Value::from(id)],
            )
            .await?
        else {
            return Err(AppError::not_found());
        };
        crate::attachments::purge_for(&mut tx, rt.key, id).await?;
        if rt.access == super::Access::Customer {
            crate::allocation::forget(&mut tx, id).await?;
        }
        let keys = super::search::record_grams(searchable.iter().map(|f| (*f, row.value(f.key))));
        super::search::forget(&mut tx, rt, id, &keys).await?;
        audit::record(&mut tx, Some(actor.id()), rt.entity, id, "purged", &[]).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ids among `ids` the actor may edit (live records only), in one query.
    async fn editable_ids(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        rt: &RecordType,
        ids: &[i64],
    ) -> Result<Vec<i64>> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        if ids.len() > MAX_BULK {
            return Err(AppError::new(ErrorCode::BadRequest).with_message("err-bulk-too-many"));
        }
        let mut s = Sql::default();
        let marks: Vec<String> = ids.iter().map(|i| s.arg(Value::from(*i))).collect();
        let mut text = format!(
            "SELECT t.id FROM {} t WHERE t.deleted_at IS NULL AND t.id IN ({})",
            rt.table,
            marks.join(",")
        );
        if let Some(p) = rt.access.write_predicate(actor, &mut s) {
            text.push_str(&format!(" AND {p}"));
        }
        if !rt.access.edits_all(actor) {
            let me = s.arg(Value::from(actor.id()));
            text.push_str(&format!(" AND t.created_by = {me}"));
        }
        Ok(tx
            .fetch_all(&text, &s.args)
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect())
    }

    /// Move the selected records the actor may edit to the trash. Returns how many.
    pub async fn bulk_delete(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        ids: &[i64],
    ) -> Result<usize> {
        if !rt.access.can_read(actor) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let ok = self.editable_ids(&mut tx, actor, rt, ids).await?;
        if !ok.is_empty() {
            let mut s = Sql::default();
            let marks: Vec<String> = ok.iter().map(|i| s.arg(Value::from(*i))).collect();
            let cond = format!("t.id IN ({})", marks.join(", "));
            let gone = super::tally::of(&mut tx, rt, &cond, &s.args).await?;
            super::tally::add(&mut tx, rt, &gone.negated()).await?;
        }
        let now = now_ms();
        for id in &ok {
            let text = format!(
                "UPDATE {} SET deleted_at = $1, version = version + 1, updated_at = $1, updated_by = $2 WHERE id = $3",
                rt.table
            );
            tx.execute(
                &text,
                &[Value::from(now), Value::from(actor.id()), Value::from(*id)],
            )
            .await?;
            audit::record(&mut tx, Some(actor.id()), rt.entity, *id, "deleted", &[]).await?;
        }
        tx.commit().await?;
        Ok(ok.len())
    }

    /// Set one field on the selected records the actor may edit; all or nothing
    /// when the value is invalid. Returns how many changed.
    pub async fn bulk_set(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        ids: &[i64],
        field: &str,
        raw: &str,
    ) -> Result<usize> {
        if !rt.access.can_read(actor) {
            return Err(AppError::forbidden());
        }
        let f = rt
            .field(field)
            .ok_or_else(|| AppError::field("field", "err-no-such-field"))?;
        if f.derived {
            return Err(AppError::field("field", "err-no-such-field"));
        }
        if f.unique {
            return Err(AppError::field("field", "err-bulk-unique"));
        }
        let mut tx = self.db.begin().await?;
        let ok = self.editable_ids(&mut tx, actor, rt, ids).await?;
        let fields = all_fields(rt);
        let mut input = Input::new();
        input.insert(field.to_string(), raw.to_string());
        let mut retallied = Tally::default();
        for id in &ok {
            let text = format!("{} WHERE t.id = $1", sql::select(rt, &fields));
            let Some(row) = tx.fetch_optional(&text, &[Value::from(*id)]).await? else {
                continue;
            };
            let rec = Record::from_row(&fields, &row);
            let (_, change) = self
                .update_uncounted(&mut tx, actor, rt, &rec, rec.version, &input)
                .await?;
            retallied = retallied.plus(change);
        }
        super::tally::add(&mut tx, rt, &retallied).await?;
        tx.commit().await?;
        Ok(ok.len())
    }

    /// The change history of one record.
    pub async fn record_history(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
    ) -> Result<Vec<Entry>> {
        self.get_record(actor, rt, id, true).await?;
        Ok(audit::history(&self.db, rt.entity, id, 200).await?)
    }

    /// Typeahead: live records whose title contains `q`, at most 20.
    pub async fn pick_records(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &str,
    ) -> Result<Vec<(i64, String)>> {
        let query = ListQuery {
            filters: if q.trim().is_empty() {
                vec![]
            } else {
                vec![super::query::Filter::Contains(
                    rt.title,
                    q.trim().to_string(),
                )]
            },
            limit: 20,
            sort: Some(rt.title.to_string()),
            ..Default::default()
        };
        let (rows, _) = self
            .list_records(
                actor,
                rt,
                &ListQuery {
                    columns: vec![rt.title.to_string()],
                    ..query
                },
            )
            .await?;
        Ok(rows.iter().map(|r| (r.id, r.title(rt))).collect())
    }

    /// One related list of record `id` (`rel` of its type's `related`): the
    /// first 20 children and their count, `None` when the actor may not read
    /// the child type. Each row's `writable` is answered as `get_record`
    /// answers it, so `can_edit` tells which rows the actor may change.
    pub async fn related_list(
        &self,
        actor: &Actor,
        rel: &super::Related,
        id: i64,
    ) -> Result<Option<(&'static RecordType, Vec<Record>, i64)>> {
        let Some(child) = registry::find(rel.resource) else {
            return Ok(None);
        };
        if !child.access.can_read(actor) {
            return Ok(None);
        }
        let q = ListQuery {
            filters: vec![super::query::Filter::Is(rel.via, Value::from(id))],
            limit: 20,
            ..Default::default()
        };
        let (mut rows, total) = self.list_records(actor, child, &q).await?;
        self.mark_writable(actor, child, &mut rows).await?;
        Ok(Some((child, rows, total.n)))
    }

    /// Set `writable` on listed rows in one query (a list says nothing of it).
    async fn mark_writable(
        &self,
        actor: &Actor,
        rt: &RecordType,
        rows: &mut [Record],
    ) -> Result<()> {
        let mut s = Sql::default();
        let Some(p) = rt.access.write_predicate(actor, &mut s) else {
            return Ok(());
        };
        if rows.is_empty() {
            return Ok(());
        }
        let marks: Vec<String> = rows.iter().map(|r| s.arg(Value::from(r.id))).collect();
        let text = format!(
            "SELECT t.id FROM {} t WHERE t.id IN ({}) AND {p}",
            rt.table,
            marks.join(",")
        );
        let ok: Vec<i64> = self
            .db
            .fetch_all(&text, &s.args)
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect();
        for r in rows {
            r.writable = ok.contains(&r.id);
        }
        Ok(())
    }

    /// Upload a document into a file field: it becomes one of the record's
    /// attachments and the field points at it. Returns the new version.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_file(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        field: &str,
        file_name: &str,
        content_type: &str,
        data: &[u8],
    ) -> Result<i64> {
        let f = rt
            .field(field)
            .filter(|f| f.kind == Kind::File)
            .ok_or_else(|| AppError::field("field", "err-no-such-field"))?;
        let current = self.get_record(actor, rt, id, false).await?;
        if !self.can_edit(actor, rt, &current) {
            return Err(AppError::forbidden());
        }
        let att = self
            .add_attachment(actor, rt.key, id, file_name, content_type, data)
            .await?;
        let mut tx = self.db.begin().await?;
        let text = format!(
            "UPDATE {} SET {} = $1, version = version + 1, updated_at = $2, updated_by = $3 WHERE id = $4 AND deleted_at IS NULL",
            rt.table, f.key
        );
        tx.execute(
            &text,
            &[att.into(), now_ms().into(), actor.id().into(), id.into()],
        )
        .await?;
        let change = Change {
            field: f.key.to_string(),
            old: current.title_of(f.key).map(str::to_string),
            new: Some(crate::attachments::clean_file_name(file_name)),
        };
        audit::record(
            &mut tx,
            Some(actor.id()),
            rt.entity,
            id,
            "updated",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(current.version + 1)
    }
}
