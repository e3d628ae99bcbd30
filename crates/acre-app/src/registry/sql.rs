//! Building the statements of a record type: select with its joins, the WHERE
//! of a list query, insert and update. Only declared column names and bound
//! parameters go into the SQL text.

use acre_store::{Backend, Value};

use super::field::{Field, Kind};
use super::query::{Filter, ListQuery};
use super::record_type::RecordType;
use crate::registry;

/// SQL text with its parameters, numbered as they are pushed.
#[derive(Default)]
pub struct Sql {
    pub text: String,
    pub args: Vec<Value>,
    /// `"+"` to keep SQLite from driving a query by a filter's index (see
    /// `service::list_records`); empty otherwise. Never set for PostgreSQL.
    pub plus: &'static str,
    /// The same for the owner in the visibility predicate, which may drive
    /// a list whose sort an owner index holds while other filters may not.
    pub owner_plus: &'static str,
    /// The list walks its sort's index: search terms are checked row by row
    /// with one index probe per key instead of gathering every match first.
    pub by_sort: bool,
    /// The statement runs on PostgreSQL (where it matters to the text).
    pub postgres: bool,
    /// Search terms' matches are joined in `from` instead of tested by
    /// `t.id IN (…)` in the WHERE (see `Sql::counting`).
    pub drive: bool,
    /// Joins that go after `FROM table t` (with `drive`).
    pub from: String,
}

impl Sql {
    /// An empty statement for `backend`.
    pub fn on(backend: Backend) -> Sql {
        Sql {
            postgres: backend == Backend::Postgres,
            ..Sql::default()
        }
    }
    /// A statement that counts up to a cap. A search term's matches are
    /// joined, so the count stops at the cap: with `t.id IN (…)` PostgreSQL
    /// de-duplicates every match in a hash first, since nothing tells it
    /// that ids read from several blocks of `search_grams` come unique and
    /// in order, and SQLite copies them all into an index of its own (for a
    /// common word's 32,551 matches at 1M customers, 36 ms and 9 ms, for a
    /// count that needs 2,001). Each set joined has every id once: a key's
    /// ids, an INTERSECT or a UNION.
    pub fn counting(backend: Backend) -> Sql {
        Sql {
            drive: true,
            ..Sql::on(backend)
        }
    }
    /// `AND t.id IN (ids)`, or with `drive` a join of `ids` (one column,
    /// `id`; each id once) and nothing in the WHERE.
    pub fn matching(&mut self, ids: &str) -> String {
        if self.drive {
            let n = self.from.matches(" JOIN ").count();
            self.from
                .push_str(&format!(" JOIN ({ids}) AS m{n} ON m{n}.id = t.id"));
            return String::new();
        }
        format!(" AND {}t.id IN ({ids})", self.plus)
    }
    /// Bind a value and return its placeholder.
    pub fn arg(&mut self, v: Value) -> String {
        self.args.push(v);
        format!("${}", self.args.len())
    }
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
    }
}

/// Users' `%` and `_` match themselves: we drop them rather than escape,
/// since LIKE escapes differ between the databases.
fn like(s: &str) -> Value {
    Value::from(format!("%{}%", s.to_lowercase().replace(['%', '_'], "")))
}

/// `SELECT … FROM table t LEFT JOIN …` for the given fields, with titles of
/// links (`{key}__title`) and users, and the author's and editor's names.
pub fn select(rt: &RecordType, fields: &[&'static Field]) -> String {
    select_with(rt, fields, &[])
}

/// `select` with more columns after the fields (e.g. a count for the page).
pub fn select_with(rt: &RecordType, fields: &[&'static Field], more: &[String]) -> String {
    let mut cols = vec![
        "t.id".to_string(),
        "t.version".into(),
        "t.created_at".into(),
        "t.created_by".into(),
        "t.updated_at".into(),
        "t.updated_by".into(),
        "t.deleted_at".into(),
        "cu.display_name AS created_by__title".into(),
        "uu.display_name AS updated_by__title".into(),
    ];
    let mut joins = String::from(
        " LEFT JOIN users cu ON cu.id = t.created_by LEFT JOIN users uu ON uu.id = t.updated_by",
    );
    for (i, f) in fields.iter().enumerate() {
        cols.push(format!("t.{}", f.key));
        match f.kind {
            Kind::Link => {
                if let Some(target) = f.link.and_then(registry::find) {
                    joins.push_str(&format!(
                        " LEFT JOIN {} j{i} ON j{i}.id = t.{}",
                        target.table, f.key
                    ));
                    cols.push(format!("j{i}.{} AS {}__title", target.title, f.key));
                }
            }
            Kind::User => {
                joins.push_str(&format!(" LEFT JOIN users j{i} ON j{i}.id = t.{}", f.key));
                cols.push(format!("j{i}.display_name AS {}__title", f.key));
            }
            Kind::File => {
                joins.push_str(&format!(
                    " LEFT JOIN attachments j{i} ON j{i}.id = t.{}",
                    f.key
                ));
                cols.push(format!("j{i}.file_name AS {}__title", f.key));
            }
            _ => {}
        }
    }
    cols.extend(more.iter().cloned());
    format!("SELECT {} FROM {} t{joins}", cols.join(", "), rt.table)
}

/// `WHERE …` of a list query (live or trash, search, filters, extra predicate).
pub fn where_clause(rt: &RecordType, q: &ListQuery, sql: &mut Sql) {
    sql.push(if q.trash {
        " WHERE t.deleted_at IS NOT NULL"
    } else {
        " WHERE t.deleted_at IS NULL"
    });
    if let Some(term) = q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let searchable: Vec<&Field> = rt.fields.iter().filter(|f| f.searchable).collect();
        if !searchable.is_empty() {
            let p = super::search::term_predicate(rt, &searchable, term, sql);
            sql.push(&p);
        }
    }
    let p_ = sql.plus;
    for f in &q.filters {
        match f {
            Filter::Contains(k, s) if rt.field(k).is_some_and(|f| f.searchable) => {
                let f = rt.field(k).expect("checked above");
                let p = super::search::term_predicate(rt, &[f], s, sql);
                sql.push(&p);
            }
            Filter::Contains(k, s) => {
                let p = sql.arg(like(s));
                sql.push(&format!(" AND LOWER(t.{k}) LIKE {p}"));
            }
            Filter::AnyOf(k, set) => {
                let multi = rt.field(k).is_some_and(|f| f.kind == Kind::MultiEnum);
                let parts: Vec<String> = set
                    .iter()
                    .map(|o| {
                        if multi {
                            let p = sql.arg(Value::from(format!("%,{o},%")));
                            format!("t.{k} LIKE {p}")
                        } else {
                            let p = sql.arg(Value::from(o.as_str()));
                            format!("{p_}t.{k} = {p}")
                        }
                    })
                    .collect();
                sql.push(&format!(" AND ({})", parts.join(" OR ")));
            }
            Filter::Is(k, v) => {
                let p = sql.arg(v.clone());
                sql.push(&format!(" AND {p_}t.{k} = {p}"));
            }
            Filter::Min(k, v) => {
                let p = sql.arg(v.clone());
                sql.push(&format!(" AND {p_}t.{k} >= {p}"));
            }
            Filter::Max(k, v) => {
                let p = sql.arg(v.clone());
                sql.push(&format!(" AND {p_}t.{k} <= {p}"));
            }
            Filter::Empty(k, empty) => {
                let textual = rt
                    .field(k)
                    .is_some_and(|f| matches!(super::value::null_of(f.kind), Value::Text(_)));
                sql.push(&match (empty, textual) {
                    (true, true) => format!(" AND (t.{k} IS NULL OR t.{k} = '')"),
                    (true, false) => format!(" AND t.{k} IS NULL"),
                    (false, true) => format!(" AND t.{k} IS NOT NULL AND t.{k} <> ''"),
                    (false, false) => format!(" AND t.{k} IS NOT NULL"),
                });
            }
        }
    }
}

/// The WHERE of a list as `actor` sees it: the query's search and filters,
/// then the type's visibility predicate. Returns whether one was added.
pub fn list_where(rt: &RecordType, q: &ListQuery, actor: &crate::Actor, sql: &mut Sql) -> bool {
    where_clause(rt, q, sql);
    match rt.access.list_predicate(actor, sql, q.pool) {
        Some(p) => {
            sql.push(&format!(" AND {p}"));
            true
        }
        None => false,
    }
}

/// `ORDER BY …`: a sortable field or a timestamp, then id for a stable order.
/// NULLs sort as the smallest value on both databases (SQLite's own rule;
/// PostgreSQL is told, and its indexes are declared `NULLS FIRST` to match).
pub fn order_by(rt: &RecordType, sort: Option<&str>, backend: Backend) -> String {
    let s = sort.unwrap_or(rt.default_sort);
    let (desc, key) = match s.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, s),
    };
    let col = match key {
        "updated_at" | "created_at" | "id" => key.to_string(),
        k => match rt.field(k) {
            Some(f) if f.kind.sortable() => f.key.to_string(),
            _ => "updated_at".to_string(),
        },
    };
    let dir = if desc { "DESC" } else { "ASC" };
    let nulls = match (backend, desc) {
        (Backend::Sqlite, _) => "",
        (Backend::Postgres, false) => " NULLS FIRST",
        (Backend::Postgres, true) => " NULLS LAST",
    };
    format!(" ORDER BY t.{col} {dir}{nulls}, t.id {dir}")
}
