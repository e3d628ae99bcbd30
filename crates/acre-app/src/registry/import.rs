//! Import from .xlsx / .csv (OPS5 in bulk): the file is staged, columns are
//! mapped to fields (guessed from labels, editable), every row is validated
//! like a form, duplicates follow the chosen policy, and a dry run previews it
//! all without saving.

use acre_docs::import::{Sheet, read_any};
use acre_i18n::Locale;
use acre_store::{Value, now_ms};

use super::field::Field;
use super::record::Record;
use super::record_type::RecordType;
use super::service::Input;
use super::sql;
use super::value::parse;
use crate::error::{AppError, ErrorCode, Result};
use crate::{Actor, App};

/// What to do with a row whose natural key matches an existing record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    Skip,
    Update,
    Create,
}

impl Policy {
    pub fn parse(s: &str) -> Policy {
        match s {
            "update" => Policy::Update,
            "create" => Policy::Create,
            _ => Policy::Skip,
        }
    }
}

/// One row's problem: row number in the file (header = row 1), field, message key.
#[derive(Clone, Debug)]
pub struct RowError {
    pub row: usize,
    pub field: String,
    pub reason: String,
}

/// The outcome of an import or its dry run.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub skipped: usize,
    pub failed: usize,
    pub errors: Vec<RowError>,
}

/// A staged file, read back.
pub struct Staged {
    pub job: i64,
    pub file_name: String,
    pub sheet: Sheet,
}

fn bad_file(e: acre_docs::DocError) -> AppError {
    AppError::field("file", e.message_key())
}

impl App {
    /// Keep an uploaded file for the mapping step; refuse unreadable or oversized files at once.
    pub async fn stage_import(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        if !rt.access.can_create(actor) {
            return Err(AppError::forbidden());
        }
        read_any(file_name, bytes).map_err(bad_file)?;
        let row = self
            .db
            .fetch_optional(
                "INSERT INTO import_jobs (user_id, resource, file_name, data, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id",
                &[actor.id().into(), rt.key.into(), crate::attachments::clean_file_name(file_name).into(), Value::Bytes(Some(bytes.to_vec())), now_ms().into()],
            )
            .await?;
        Ok(row.map(|r| r.i64("id")).unwrap_or_default())
    }

    /// A staged file of the actor's, parsed.
    pub async fn staged_import(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        job: i64,
    ) -> Result<Staged> {
        let row = self
            .db
            .fetch_optional(
                "SELECT file_name, data FROM import_jobs WHERE id = $1 AND user_id = $2 AND resource = $3",
                &[job.into(), actor.id().into(), rt.key.into()],
            )
            .await?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound).with_message("err-import-expired"))?;
        let file_name = row.str("file_name");
        let sheet = read_any(&file_name, &row.bytes("data")).map_err(bad_file)?;
        Ok(Staged {
            job,
            file_name,
            sheet,
        })
    }

    /// Field keys and their labels in every language, for guessing the mapping.
    pub fn import_targets(rt: &RecordType) -> Vec<(String, Vec<String>)> {
        rt.fields
            .iter()
            .map(|f| {
                (
                    f.key.to_string(),
                    Locale::ALL
                        .iter()
                        .map(|l| l.t(&rt.label_key(f.key)))
                        .collect(),
                )
            })
            .collect()
    }

    /// The existing live record with the same natural key as `input`, if any.
    async fn find_by_natural_key(
        &self,
        tx: &mut acre_store::Tx,
        rt: &'static RecordType,
        input: &Input,
    ) -> Result<Option<Record>> {
        let mut s = sql::Sql::default();
        let mut conds = Vec::new();
        for key in rt.natural_key {
            let Some(f) = rt.field(key) else {
                return Ok(None);
            };
            let Some(v) = input
                .get(*key)
                .and_then(|raw| parse(f, raw).ok())
                .filter(|v| !v.is_null())
            else {
                return Ok(None);
            };
            conds.push(format!("t.{key} = {}", s.arg(v)));
        }
        if conds.is_empty() {
            return Ok(None);
        }
        let fields: Vec<&'static Field> = rt.fields.iter().collect();
        let text = format!(
            "{} WHERE t.deleted_at IS NULL AND {} LIMIT 1",
            sql::select(rt, &fields),
            conds.join(" AND ")
        );
        Ok(tx
            .fetch_optional(&text, &s.args)
            .await?
            .map(|r| Record::from_row(&fields, &r)))
    }

    /// Import (or with `dry_run`, only check) every row of a staged file.
    /// `mapping[i]` is the field key of column `i` (None: ignored). All rows
    /// that pass are saved in one transaction; failed rows are reported.
    pub async fn run_import(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        job: i64,
        mapping: &[Option<String>],
        policy: Policy,
        dry_run: bool,
    ) -> Result<ImportReport> {
        if !rt.access.can_create(actor) {
            return Err(AppError::forbidden());
        }
        let staged = self.staged_import(actor, rt, job).await?;
        let mut report = ImportReport::default();
        let mut tx = self.db.begin().await?;
        for (i, row) in staged.sheet.rows.iter().enumerate() {
            let line = i + 2;
            let mut input = Input::new();
            for (col, key) in mapping.iter().enumerate() {
                if let (Some(key), Some(v)) = (key, row.get(col))
                    && rt.field(key).is_some()
                {
                    input.insert(key.clone(), v.clone());
                }
            }
            let existing = if policy == Policy::Create {
                None
            } else {
                self.find_by_natural_key(&mut tx, rt, &input).await?
            };
            let outcome = match (existing, policy) {
                (Some(_), Policy::Skip) => {
                    report.skipped += 1;
                    continue;
                }
                (Some(rec), _) => {
                    if !self.can_edit(actor, rt, &rec) {
                        Err(AppError::forbidden())
                    } else {
                        self.update_in(&mut tx, actor, rt, &rec, rec.version, &input)
                            .await
                            .map(|_| false)
                    }
                }
                (None, _) => self
                    .insert_record(&mut tx, actor, rt, &input)
                    .await
                    .map(|_| true),
            };
            match outcome {
                Ok(true) => report.created += 1,
                Ok(false) => report.updated += 1,
                Err(e) if !e.fields.is_empty() || e.code == ErrorCode::Forbidden => {
                    report.failed += 1;
                    if e.fields.is_empty() {
                        report.errors.push(RowError {
                            row: line,
                            field: String::new(),
                            reason: e.key().to_string(),
                        });
                    }
                    for (field, reason) in e.fields {
                        report.errors.push(RowError {
                            row: line,
                            field,
                            reason,
                        });
                    }
                }
                Err(e) => return Err(e),
            }
        }
        if dry_run {
            drop(tx);
        } else {
            tx.execute("DELETE FROM import_jobs WHERE id = $1", &[job.into()])
                .await?;
            tx.commit().await?;
        }
        Ok(report)
    }
}
