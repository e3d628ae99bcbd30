//! Excel and Word exports of a filtered list and of one record (OPS8, OPS9),
//! from the same column definitions as the list.

use acre_docs::{Cell, ColumnSpec, RecordSection, TableSpec};
use acre_i18n::Locale;
use acre_store::Value;

use super::field::{Field, Kind};
use super::query::ListQuery;
use super::record::Record;
use super::record_type::RecordType;
use super::sql;
use super::value::{bool_of, display, multi_parts};
use crate::error::{AppError, ErrorCode, Result};
use crate::{Actor, App};

/// Rows fetched per round trip while exporting (bounded memory per batch).
const BATCH: i64 = 500;
/// The most rows a Word export holds: a longer table is unusable in Word,
/// and the document is built in memory (about 20 KB per row).
pub const MAX_DOCX_ROWS: usize = 5_000;

/// The most rows one export writes.
pub const MAX_EXPORT_ROWS: i64 = 200_000;

/// Whether a section shows for this record (the kind-dependent files of CU9).
pub fn shown(rt: &RecordType, rec: &Record, section: &str) -> bool {
    rt.variants
        .is_none_or(|v| v.shows(rec.get(v.field).to_text().as_deref(), section))
}

/// Translated label of a field.
pub fn label(rt: &RecordType, f: &Field, locale: Locale) -> String {
    locale.t(&rt.label_key(f.key))
}

/// Human text of a record's field (lists, print, Word).
pub fn text_of(rt: &RecordType, rec: &Record, f: &Field, locale: Locale) -> String {
    let v = rec.get(f.key);
    display(f, &v, rec.title_of(f.key), locale, &|o| {
        locale.t(&rt.option_key(f.key, o))
    })
}

/// Typed cell of a record's field (Excel).
pub fn cell_of(rt: &RecordType, rec: &Record, f: &Field, locale: Locale) -> Cell {
    let v = rec.get(f.key);
    if v.is_null() {
        return Cell::Empty;
    }
    match (f.kind, &v) {
        (Kind::Integer, Value::Int(Some(n))) => Cell::Integer(*n),
        (Kind::Decimal, Value::Float(Some(n))) => Cell::Number(*n),
        (Kind::Money, Value::Int(Some(n))) => Cell::Money(*n),
        (Kind::Percent, Value::Float(Some(n))) => Cell::Percent(*n),
        (Kind::Date, Value::Text(Some(s))) => Cell::Date(s.clone()),
        (Kind::DateTime, Value::Int(Some(ms))) => Cell::DateTime(*ms),
        (Kind::Bool, v) => Cell::Bool(
            bool_of(v),
            locale.t(if bool_of(v) { "value-yes" } else { "value-no" }),
        ),
        (Kind::MultiEnum, v) => Cell::Text(
            multi_parts(v)
                .iter()
                .map(|o| locale.t(&rt.option_key(f.key, o)))
                .collect::<Vec<_>>()
                .join("、"),
        ),
        _ => Cell::Text(text_of(rt, rec, f, locale)),
    }
}

/// Width hint in characters for a column.
fn width(f: &Field) -> u16 {
    match f.kind {
        Kind::LongText => 40,
        Kind::Money | Kind::DateTime => 16,
        Kind::Date | Kind::Integer | Kind::Decimal | Kind::Percent | Kind::Bool => 12,
        _ => 22,
    }
}

/// The columns of an export: the query's columns (or the type's list) without
/// the title duplicated.
pub fn export_fields(app: &App, rt: &'static RecordType, q: &ListQuery) -> Vec<&'static Field> {
    app.list_fields(rt, q)
}

fn table_spec(rt: &RecordType, fields: &[&'static Field], locale: Locale) -> TableSpec {
    TableSpec {
        title: locale.t(&rt.name_key()),
        columns: fields
            .iter()
            .map(|f| ColumnSpec {
                header: label(rt, f, locale),
                width: width(f),
            })
            .collect(),
    }
}

/// A document that could not be written, as the error users see.
pub fn failed(e: acre_docs::DocError) -> AppError {
    AppError {
        source: Some(e.to_string()),
        ..AppError::new(ErrorCode::Internal).with_message("err-export-failed")
    }
}

impl App {
    /// The ids of every record matching the query, in the list's order (one
    /// query; 200,000 ids are 1.6 MB).
    async fn matching_ids(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
    ) -> Result<Vec<i64>> {
        if !rt.access.can_read(actor) {
            return Err(AppError::forbidden());
        }
        let mut s = sql::Sql::on(self.db.backend());
        sql::list_where(rt, q, actor, &mut s);
        let order = sql::order_by(rt, q.sort.as_deref(), self.db.backend());
        let lim = s.arg(Value::from(MAX_EXPORT_ROWS));
        Ok(self
            .db
            .fetch_all(
                &format!(
                    "SELECT t.id FROM {} t{}{order} LIMIT {lim}",
                    rt.table, s.text
                ),
                &s.args,
            )
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect())
    }

    /// Records by id, in the given order.
    async fn records_by_id(
        &self,
        rt: &'static RecordType,
        fields: &[&'static Field],
        ids: &[i64],
    ) -> Result<Vec<Record>> {
        let mut s = sql::Sql::default();
        let marks: Vec<String> = ids.iter().map(|i| s.arg(Value::from(*i))).collect();
        let text = format!(
            "{} WHERE t.id IN ({})",
            sql::select(rt, fields),
            marks.join(",")
        );
        let mut by_id: std::collections::HashMap<i64, Record> = self
            .db
            .fetch_all(&text, &s.args)
            .await?
            .iter()
            .map(|r| {
                let rec = Record::from_row(fields, r);
                (rec.id, rec)
            })
            .collect();
        Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Stream every matching record through `row` into a document writer
    /// running on a blocking thread: chunks of rows go through a channel of
    /// two, so memory stays bounded however long the list (the OFFSET paging
    /// this replaces also re-read every skipped row).
    async fn stream_rows<T, W>(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
        max_rows: usize,
        row: impl Fn(&Record) -> T,
        write: W,
    ) -> Result<Vec<u8>>
    where
        T: Send + 'static,
        W: FnOnce(&mut dyn Iterator<Item = T>) -> std::result::Result<Vec<u8>, acre_docs::DocError>
            + Send
            + 'static,
    {
        let fields = export_fields(self, rt, q);
        let ids = self.matching_ids(actor, rt, q).await?;
        if ids.len() > max_rows {
            return Err(AppError::new(ErrorCode::BadRequest).with_message("err-export-too-many"));
        }
        let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<T>>(2);
        let writer = tokio::task::spawn_blocking(move || {
            let mut rows = std::iter::from_fn(move || rx.blocking_recv()).flatten();
            write(&mut rows)
        });
        for chunk in ids.chunks(BATCH as usize) {
            let records = self.records_by_id(rt, &fields, chunk).await?;
            if tx.send(records.iter().map(&row).collect()).await.is_err() {
                break;
            }
        }
        drop(tx);
        writer
            .await
            .map_err(|e| AppError {
                source: Some(e.to_string()),
                ..AppError::new(ErrorCode::Internal)
            })?
            .map_err(failed)
    }

    /// The filtered list as an Excel workbook.
    pub async fn export_list_xlsx(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
        locale: Locale,
    ) -> Result<Vec<u8>> {
        let fields = export_fields(self, rt, q);
        let spec = table_spec(rt, &fields, locale);
        let cells = move |r: &Record| {
            fields
                .iter()
                .map(|f| cell_of(rt, r, f, locale))
                .collect::<Vec<Cell>>()
        };
        self.stream_rows(actor, rt, q, MAX_EXPORT_ROWS as usize, cells, move |rows| {
            acre_docs::xlsx::list_xlsx(&spec, rows)
        })
        .await
    }

    /// The filtered list as a Word table.
    pub async fn export_list_docx(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
        locale: Locale,
    ) -> Result<Vec<u8>> {
        let fields = export_fields(self, rt, q);
        let spec = table_spec(rt, &fields, locale);
        let texts = move |r: &Record| {
            fields
                .iter()
                .map(|f| text_of(rt, r, f, locale))
                .collect::<Vec<String>>()
        };
        self.stream_rows(actor, rt, q, MAX_DOCX_ROWS, texts, move |rows| {
            acre_docs::docx::list_docx(&spec, rows)
        })
        .await
    }

    /// One record's sections as label/value pairs.
    pub fn record_sections(
        &self,
        rt: &RecordType,
        rec: &Record,
        locale: Locale,
    ) -> Vec<(String, Vec<(&'static Field, String)>)> {
        rt.sections
            .iter()
            .filter(|s| shown(rt, rec, s))
            .map(|s| {
                let fields = rt
                    .fields
                    .iter()
                    .filter(|f| f.section == *s)
                    .map(|f| (f, text_of(rt, rec, f, locale)))
                    .collect();
                (locale.t(&rt.section_key(s)), fields)
            })
            .collect()
    }

    pub async fn export_record_xlsx(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        locale: Locale,
    ) -> Result<Vec<u8>> {
        let rec = self.get_record(actor, rt, id, false).await?;
        let sections: Vec<RecordSection> = rt
            .sections
            .iter()
            .filter(|s| shown(rt, &rec, s))
            .map(|s| RecordSection {
                heading: locale.t(&rt.section_key(s)),
                fields: rt
                    .fields
                    .iter()
                    .filter(|f| f.section == *s)
                    .map(|f| (label(rt, f, locale), cell_of(rt, &rec, f, locale)))
                    .collect(),
            })
            .collect();
        acre_docs::xlsx::record_xlsx(&rec.title(rt), &sections).map_err(failed)
    }

    pub async fn export_record_docx(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        locale: Locale,
    ) -> Result<Vec<u8>> {
        let rec = self.get_record(actor, rt, id, false).await?;
        let sections: Vec<(String, Vec<(String, String)>)> = self
            .record_sections(rt, &rec, locale)
            .into_iter()
            .map(|(h, fs)| {
                (
                    h,
                    fs.into_iter()
                        .map(|(f, v)| (label(rt, f, locale), v))
                        .collect(),
                )
            })
            .collect();
        acre_docs::docx::record_docx(&rec.title(rt), &sections).map_err(failed)
    }
}
