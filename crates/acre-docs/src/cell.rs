//! The typed values and layouts shared by every exporter.

/// One typed cell. Exporters write numbers, dates and money as such (not text).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    /// A decimal number.
    Number(f64),
    /// Money in fen (1/100 yuan).
    Money(i64),
    /// A percentage as shown, e.g. 12.5 for 12.5 %.
    Percent(f64),
    /// A calendar date `YYYY-MM-DD`.
    Date(String),
    /// Milliseconds since the epoch, UTC (shown in China Standard Time).
    DateTime(i64),
    /// Already translated "是/否" style text is the caller's choice; exporters
    /// write the text they are given for booleans.
    Bool(bool, String),
}

/// One column of a list export: a translated header and a width hint in characters.
#[derive(Clone, Debug)]
pub struct ColumnSpec {
    pub header: String,
    /// Suggested width in characters (CJK characters count as two).
    pub width: u16,
}

/// What a list export needs besides its rows.
#[derive(Clone, Debug)]
pub struct TableSpec {
    /// Document / sheet title, e.g. "产品资料".
    pub title: String,
    pub columns: Vec<ColumnSpec>,
}

/// One section of a single-record export: a heading and label/value pairs.
#[derive(Clone, Debug)]
pub struct RecordSection {
    pub heading: String,
    pub fields: Vec<(String, Cell)>,
}
