//! The record registry (design.md §3): every record type declared once, and
//! the generic machinery that serves all of them.

pub mod ddl;
pub mod dedupe;
pub mod export;
pub mod field;
pub mod generate;
pub mod import;
pub mod query;
pub mod record;
pub mod record_type;
pub mod search;
pub mod service;
pub mod sql;
pub mod tally;
pub mod value;

pub use field::{Field, Kind, LinkRule};
pub use query::{Filter, ListQuery};
pub use record::Record;
pub use record_type::{
    Access, AfterChange, Completeness, Dedupe, Editable, Inherit, Mirror, Numbering, RecordType,
    Related, Rollup, Variants,
};
pub use service::{EXACT_COUNT_UP_TO, EXACT_LIST_COUNT_UP_TO, Input, Total};

/// Every registered type, in navigation order (a link's target before it).
pub fn all() -> &'static [&'static RecordType] {
    static ALL: std::sync::OnceLock<Vec<&'static RecordType>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        crate::kb::TYPES
            .iter()
            .chain(crate::customers::TYPES)
            .chain(crate::cards::TYPES)
            .chain(crate::opportunities::TYPES)
            .chain(crate::quotes::TYPES)
            .chain(crate::contracts::TYPES)
            .copied()
            .collect()
    })
}

/// The type with this resource key.
pub fn find(key: &str) -> Option<&'static RecordType> {
    all().iter().copied().find(|t| t.key == key)
}
