//! Portable parameter and row values, so one SQL text with `$1…$n` placeholders
//! runs on both databases. NULLs are typed because PostgreSQL needs to know
//! the type of every parameter.

use std::sync::Arc;

/// A bound parameter or a decoded column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
    /// File contents (BLOB / BYTEA).
    Bytes(Option<Vec<u8>>),
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(Some(v))
    }
}
impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Self {
        Value::Int(v)
    }
}
impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Float(Some(v))
    }
}
impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(Some(v))
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(Some(v.to_string()))
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(Some(v))
    }
}
impl From<&String> for Value {
    fn from(v: &String) -> Self {
        Value::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Value::Text(v)
    }
}
impl From<Option<&str>> for Value {
    fn from(v: Option<&str>) -> Self {
        Value::Text(v.map(str::to_string))
    }
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(
            self,
            Value::Int(None)
                | Value::Float(None)
                | Value::Text(None)
                | Value::Bool(None)
                | Value::Bytes(None)
        )
    }
    /// The integer held, if any.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(v) => *v,
            _ => None,
        }
    }
    /// A number of either kind (an amount, a quantity, a percentage);
    /// numeric text counts too, as some aggregates come back as text.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(v) => *v,
            Value::Int(v) => v.map(|v| v as f64),
            Value::Text(v) => v.as_deref().and_then(|t| t.parse().ok()),
            _ => None,
        }
    }
    /// Text for audit trails and exports; `None` for NULL.
    pub fn to_text(&self) -> Option<String> {
        match self {
            Value::Int(v) => v.map(|v| v.to_string()),
            Value::Float(v) => v.map(|v| v.to_string()),
            Value::Text(v) => v.clone(),
            Value::Bool(v) => v.map(|v| v.to_string()),
            Value::Bytes(v) => v.as_ref().map(|b| format!("<{} bytes>", b.len())),
        }
    }
}

/// One result row: column names shared by all rows of a result.
#[derive(Clone, Debug)]
pub struct Row {
    pub(crate) columns: Arc<[String]>,
    pub(crate) values: Vec<Value>,
}

impl Row {
    fn at(&self, col: &str) -> &Value {
        let i = self
            .columns
            .iter()
            .position(|c| c == col)
            .unwrap_or_else(|| panic!("query has no column {col}"));
        &self.values[i]
    }
    /// The raw value of a column.
    pub fn value(&self, col: &str) -> &Value {
        self.at(col)
    }
    pub fn columns(&self) -> &[String] {
        &self.columns
    }
    pub fn opt_i64(&self, col: &str) -> Option<i64> {
        match self.at(col) {
            Value::Int(v) => *v,
            Value::Bool(v) => v.map(i64::from),
            Value::Float(v) => v.map(|f| f as i64),
            Value::Text(v) => v.as_deref().and_then(|s| s.parse().ok()),
            Value::Bytes(_) => None,
        }
    }
    pub fn i64(&self, col: &str) -> i64 {
        self.opt_i64(col)
            .unwrap_or_else(|| panic!("column {col} is NULL"))
    }
    /// Raw bytes of a BLOB / BYTEA column.
    pub fn bytes(&self, col: &str) -> Vec<u8> {
        match self.at(col) {
            Value::Bytes(Some(b)) => b.clone(),
            Value::Text(Some(s)) => s.clone().into_bytes(),
            _ => Vec::new(),
        }
    }
    pub fn opt_str(&self, col: &str) -> Option<String> {
        self.at(col).to_text()
    }
    pub fn str(&self, col: &str) -> String {
        self.opt_str(col).unwrap_or_default()
    }
    /// Booleans are integers in SQLite and `bool` in PostgreSQL.
    pub fn bool(&self, col: &str) -> bool {
        match self.at(col) {
            Value::Bool(v) => v.unwrap_or(false),
            Value::Int(v) => v.unwrap_or(0) != 0,
            _ => false,
        }
    }
}
