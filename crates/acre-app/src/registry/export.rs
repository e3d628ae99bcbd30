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
/// The most rows one export writes.
pub const MAX_EXPORT_ROWS: i64 = 200_000;

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

fn failed(e: acre_docs::DocError) -> AppError {
    AppError {
        source: Some(e.to_string()),
        ..AppError::new(ErrorCode::Internal).with_message("err-export-failed")
    }
}

impl App {
    /// Every record matching the query (not just one page), in the list's
    /// order: the ids first (one query), then the rows in chunks by id, so the
    /// cost grows linearly (OFFSET paging re-reads every skipped row).
    async fn all_matching(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        q: &ListQuery,
    ) -> Result<Vec<Record>> {
        if !rt.access.can_read(actor) {
            return Err(AppError::forbidden());
        }
        let mut s = sql::Sql::default();
        sql::where_clause(rt, q, &mut s);
        let order = sql::order_by(rt, q.sort.as_deref(), self.db.backend());
        let lim = s.arg(Value::from(MAX_EXPORT_ROWS));
        let ids: Vec<i64> = self
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
            .collect();
        let fields = self.list_fields(rt, q);
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(BATCH as usize) {
            let mut s = sql::Sql::default();
            let marks: Vec<String> = chunk.iter().map(|i| s.arg(Value::from(*i))).collect();
            let text = format!(
                "{} WHERE t.id IN ({})",
                sql::select(rt, &fields),
                marks.join(",")
            );
            let mut by_id: std::collections::HashMap<i64, Record> = self
                .db
                .fetch_all(&text, &s.args)
                .await?
                .iter()
                .map(|r| {
                    let rec = Record::from_row(&fields, r);
                    (rec.id, rec)
                })
                .collect();
            out.extend(chunk.iter().filter_map(|id| by_id.remove(id)));
        }
        Ok(out)
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
        let records = self.all_matching(actor, rt, q).await?;
        let rows = records
            .iter()
            .map(|r| fields.iter().map(|f| cell_of(rt, r, f, locale)).collect());
        acre_docs::xlsx::list_xlsx(&table_spec(rt, &fields, locale), rows).map_err(failed)
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
        let records = self.all_matching(actor, rt, q).await?;
        let rows = records
            .iter()
            .map(|r| fields.iter().map(|f| text_of(rt, r, f, locale)).collect());
        acre_docs::docx::list_docx(&table_spec(rt, &fields, locale), rows).map_err(failed)
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
