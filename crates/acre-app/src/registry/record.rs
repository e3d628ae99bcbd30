//! A record as loaded from its table.

use acre_store::{Row, Value};

use super::field::{Field, Kind};
use super::record_type::RecordType;

/// One record with the values of the fields that were selected.
#[derive(Clone, Debug)]
pub struct Record {
    pub id: i64,
    pub version: i64,
    pub created_at: i64,
    pub created_by: Option<i64>,
    pub created_by_name: Option<String>,
    pub updated_at: i64,
    pub updated_by_name: Option<String>,
    pub deleted_at: Option<i64>,
    /// Whether the actor who loaded it may change it as far as its rows go
    /// (a read-only share says no); see `App::can_edit`.
    pub writable: bool,
    /// `(field, value, title of a linked record or user)`.
    pub values: Vec<(&'static Field, Value, Option<String>)>,
}

impl Record {
    pub(crate) fn from_row(fields: &[&'static Field], r: &Row) -> Record {
        Record {
            id: r.i64("id"),
            version: r.i64("version"),
            created_at: r.i64("created_at"),
            created_by: r.opt_i64("created_by"),
            created_by_name: r.opt_str("created_by__title"),
            updated_at: r.i64("updated_at"),
            updated_by_name: r.opt_str("updated_by__title"),
            deleted_at: r.opt_i64("deleted_at"),
            writable: true,
            values: fields
                .iter()
                .map(|f| {
                    let v = normalise(f, r.value(f.key));
                    let title = matches!(f.kind, Kind::Link | Kind::User | Kind::File)
                        .then(|| r.opt_str(&format!("{}__title", f.key)))
                        .flatten();
                    (*f, v, title)
                })
                .collect(),
        }
    }

    /// The stored value of a field (NULL when not selected).
    pub fn get(&self, key: &str) -> Value {
        self.values
            .iter()
            .find(|(f, _, _)| f.key == key)
            .map(|(_, v, _)| v.clone())
            .unwrap_or(Value::Text(None))
    }

    /// The title of a linked record or user.
    pub fn title_of(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(f, _, _)| f.key == key)
            .and_then(|(_, _, t)| t.as_deref())
    }

    /// Whether today (China Standard Time) lies within the date fields
    /// `from`..=`to`; an empty bound is open.
    pub fn in_force(&self, from: &str, to: &str) -> bool {
        let today = chrono::Utc::now()
            .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("offset"))
            .format("%Y-%m-%d")
            .to_string();
        let after_start = self.get(from).to_text().is_none_or(|d| d <= today);
        let before_end = self.get(to).to_text().is_none_or(|d| d >= today);
        after_start && before_end
    }

    /// The record's name (its title field as text).
    pub fn title(&self, rt: &RecordType) -> String {
        self.get(rt.title)
            .to_text()
            .unwrap_or_else(|| format!("#{}", self.id))
    }
}

/// Bring a decoded value to its kind's variant (SQLite returns integers for
/// booleans, PostgreSQL may return NULLs of another variant).
fn normalise(f: &Field, v: &Value) -> Value {
    if v.is_null() {
        return super::value::null_of(f.kind);
    }
    match (f.kind, v) {
        (Kind::Bool, Value::Int(Some(i))) => Value::Bool(Some(*i != 0)),
        (Kind::Decimal | Kind::Percent, Value::Int(Some(i))) => Value::Float(Some(*i as f64)),
        _ => v.clone(),
    }
}
