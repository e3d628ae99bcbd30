//! List queries: search, filters per kind, sort, paging — parsed from a query
//! string (`q`, `sort`, `page`, `f.{key}`, `f.{key}.min|max|empty`, `trash`).

use acre_store::Value;

use super::field::Kind;
use super::record_type::RecordType;
use super::value::parse;
use crate::error::{AppError, FieldErrors, Result};

/// The largest page a list or API call returns.
pub const MAX_LIMIT: i64 = 200;

/// One filter on one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// Text contains (case-insensitive).
    Contains(&'static str, String),
    /// Enum in a set; multi-enum contains any of the set.
    AnyOf(&'static str, Vec<String>),
    /// Equals (links, users, booleans).
    Is(&'static str, Value),
    Min(&'static str, Value),
    Max(&'static str, Value),
    /// Empty (`true`) or not empty (`false`).
    Empty(&'static str, bool),
}

/// A parsed list request.
#[derive(Clone, Debug, Default)]
pub struct ListQuery {
    pub q: Option<String>,
    pub filters: Vec<Filter>,
    /// Field key, or `-key` for descending; also `updated_at`, `created_at`.
    pub sort: Option<String>,
    pub limit: i64,
    pub offset: i64,
    /// The trash instead of live records.
    pub trash: bool,
    /// Customers: the unassigned pool instead of owned customers.
    pub pool: bool,
    /// Columns to show (UI and exports); empty means the type's default.
    pub columns: Vec<String>,
}

impl ListQuery {
    /// Parse `key=value` pairs; an unparsable filter value is a field error
    /// named `f.{key}`.
    pub fn parse(rt: &RecordType, pairs: &[(String, String)]) -> Result<ListQuery> {
        let mut q = ListQuery {
            limit: 50,
            ..Default::default()
        };
        let mut errs = FieldErrors::new();
        let mut page: Option<i64> = None;
        for (k, v) in pairs {
            let v = v.trim();
            match k.as_str() {
                "q" if !v.is_empty() => q.q = Some(v.to_string()),
                "sort" if !v.is_empty() => q.sort = Some(v.to_string()),
                "limit" => q.limit = v.parse().unwrap_or(50),
                "offset" => q.offset = v.parse().unwrap_or(0),
                "page" => page = v.parse().ok(),
                "trash" => q.trash = matches!(v, "1" | "true" | "on"),
                "pool" => q.pool = matches!(v, "1" | "true" | "on"),
                "cols" => {
                    q.columns = v
                        .split(',')
                        .map(str::trim)
                        .filter(|c| rt.field(c).is_some())
                        .map(str::to_string)
                        .collect()
                }
                _ => {
                    let Some(rest) = k.strip_prefix("f.") else {
                        continue;
                    };
                    if v.is_empty() {
                        continue;
                    }
                    let (key, op) = rest.split_once('.').unwrap_or((rest, ""));
                    let Some(field) = rt.field(key) else { continue };
                    let parsed = |raw: &str| parse(field, raw).map_err(|e| e.to_string());
                    let filter = match (op, field.kind) {
                        ("empty", _) => {
                            Ok(Filter::Empty(field.key, matches!(v, "1" | "true" | "yes")))
                        }
                        ("min", k) if k.ranged() => parsed(v).map(|x| Filter::Min(field.key, x)),
                        ("max", k) if k.ranged() => parsed(v).map(|x| Filter::Max(field.key, x)),
                        ("", Kind::Enum | Kind::MultiEnum) => {
                            let set: Vec<String> = v
                                .split(',')
                                .map(str::trim)
                                .filter(|s| field.options.contains(s))
                                .map(str::to_string)
                                .collect();
                            if set.is_empty() {
                                Err("err-option".to_string())
                            } else {
                                Ok(Filter::AnyOf(field.key, set))
                            }
                        }
                        ("", Kind::Link | Kind::User | Kind::Bool) => {
                            parsed(v).map(|x| Filter::Is(field.key, x))
                        }
                        ("", k) if k.ranged() => parsed(v).map(|x| Filter::Is(field.key, x)),
                        ("", _) => Ok(Filter::Contains(field.key, v.to_string())),
                        _ => continue,
                    };
                    match filter {
                        Ok(f) => q.filters.push(f),
                        Err(e) => {
                            errs.insert(format!("f.{key}"), e);
                        }
                    }
                }
            }
        }
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        q.limit = q.limit.clamp(1, MAX_LIMIT);
        if let Some(p) = page {
            q.offset = (p.max(1) - 1) * q.limit;
        }
        q.offset = q.offset.clamp(0, 1_000_000_000);
        Ok(q)
    }

    /// The page number (1-based) of this query.
    pub fn page(&self) -> i64 {
        self.offset / self.limit.max(1) + 1
    }
}
