//! Documents: XLSX and DOCX export of lists and records, and parsing of
//! XLSX/CSV files for import. Pure functions over bytes; the registry in
//! `acre-app` decides what goes in.

pub mod cell;
pub mod docx;
mod error;
pub mod import;
pub mod xlsx;

pub use cell::{Cell, ColumnSpec, RecordSection, TableSpec};
pub use error::DocError;
