//! Import from .xlsx / .csv (OPS5 in bulk): the file is staged, columns are
//! mapped to fields (guessed from labels, editable), every row is validated
//! like a form, duplicates follow the chosen policy, and a dry run previews it
//! all without saving.

use acre_docs::import::{Sheet, read_any};
use acre_i18n::Locale;
use acre_store::{Value, now_ms};

use super::field::{Field, Kind};
use super::record::Record;
use super::record_type::RecordType;
use super::service::Input;
use super::sql;
use super::value::parse;
use crate::error::{AppError, ErrorCode, FieldErrors, Result};
use crate::registry;
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

/// `(field, label or key) → option key` of every enum field, in every language.
type Labels = std::collections::HashMap<(&'static str, String), &'static str>;

fn option_labels(rt: &RecordType) -> Labels {
    let mut m = Labels::new();
    for f in rt
        .fields
        .iter()
        .filter(|f| matches!(f.kind, Kind::Enum | Kind::MultiEnum))
    {
        for o in f.options {
            m.insert((f.key, o.to_string()), o);
            for l in Locale::ALL {
                m.insert((f.key, l.t(&rt.option_key(f.key, o))), o);
            }
        }
    }
    m
}

/// Rows created per round of batched statements.
const CREATE_BATCH: usize = 200;

/// Rows waiting to be created: file row number and input.
type Pending = Vec<(usize, Input)>;

/// A row after its checks: file row number, values, problems.
type Checked = (usize, Vec<(&'static Field, Value)>, FieldErrors);

/// What one import run carries from batch to batch.
struct Run {
    file_name: String,
    /// Unique values already taken by earlier rows of the file, per field.
    seen: std::collections::HashMap<&'static str, std::collections::HashSet<String>>,
    report: ImportReport,
}

impl App {
    /// Create many records at once: the same checks as one form save (kinds,
    /// required, links, users, unique values — also against earlier rows of
    /// the file), but each check is one query per batch, and the records,
    /// their search keys and their audit rows are multi-row INSERTs.
    async fn create_many(
        &self,
        tx: &mut acre_store::Tx,
        actor: &Actor,
        rt: &'static RecordType,
        pending: Pending,
        run: &mut Run,
    ) -> Result<()> {
        use super::service::parse_input;
        let mut rows: Vec<Checked> = pending
            .iter()
            .map(|(line, input)| {
                let (vals, errs) = parse_input(rt, input, false);
                (*line, vals, errs)
            })
            .collect();
        // Links, users and unique values: one query per field for the batch.
        for f in rt
            .fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::Link | Kind::User) || f.unique)
        {
            let wanted: Vec<Value> = rows
                .iter()
                .filter_map(|(_, vals, _)| {
                    vals.iter()
                        .find(|(g, _)| g.key == f.key)
                        .map(|(_, v)| v.clone())
                })
                .filter(|v| !v.is_null())
                .collect();
            if wanted.is_empty() {
                continue;
            }
            let mut s = sql::Sql::default();
            let marks: Vec<String> = wanted.iter().map(|v| s.arg(v.clone())).collect();
            let (q, col) = match f.kind {
                Kind::User => (
                    format!(
                        "SELECT id AS v FROM users WHERE active = TRUE AND id IN ({})",
                        marks.join(",")
                    ),
                    "v",
                ),
                Kind::Link => match f.link.and_then(registry::find) {
                    Some(target) => {
                        let mut q = format!(
                            "SELECT t.id AS v FROM {} t WHERE t.deleted_at IS NULL AND t.id IN ({})",
                            target.table,
                            marks.join(",")
                        );
                        // Only records the importer can see may be linked.
                        if let Some(p) = target.access.row_predicate(actor, &mut s) {
                            q.push_str(&format!(" AND {p}"));
                        }
                        (q, "v")
                    }
                    None => continue,
                },
                _ => (
                    format!(
                        "SELECT {k} AS v FROM {} WHERE deleted_at IS NULL AND {k} IN ({})",
                        rt.table,
                        marks.join(","),
                        k = f.key
                    ),
                    "v",
                ),
            };
            let found: std::collections::HashSet<String> = tx
                .fetch_all(&q, &s.args)
                .await?
                .iter()
                .filter_map(|r| r.value(col).to_text())
                .collect();
            let earlier = run.seen.entry(f.key).or_default();
            for (_, vals, errs) in rows.iter_mut() {
                let Some(v) = vals
                    .iter()
                    .find(|(g, _)| g.key == f.key)
                    .and_then(|(_, v)| v.to_text())
                else {
                    continue;
                };
                if f.unique {
                    if found.contains(&v) || !earlier.insert(v) {
                        errs.insert(f.key.to_string(), "err-taken".into());
                    }
                } else if !found.contains(&v) {
                    let key = if f.kind == Kind::User {
                        "err-no-such-user"
                    } else {
                        "err-no-such-record"
                    };
                    errs.insert(f.key.to_string(), key.into());
                }
            }
        }
        // Duplicates (CU17): against saved records, then against earlier rows.
        if !rt.duplicates.is_empty() {
            for (_, vals, errs) in rows.iter_mut().filter(|(_, _, e)| e.is_empty()) {
                let keys = super::dedupe::keys(rt, vals);
                if let Err(e) = super::dedupe::check(tx, rt, &keys, None).await {
                    errs.extend(e.fields);
                    continue;
                }
                for (field, key) in &keys {
                    if !run
                        .seen
                        .entry(field)
                        .or_default()
                        .insert(format!("dup:{key}"))
                    {
                        errs.insert(field.to_string(), "err-duplicate".into());
                    }
                }
            }
        }
        let mut good: Vec<Vec<(&'static Field, Value)>> = Vec::new();
        for (line, vals, errs) in rows {
            if errs.is_empty() {
                good.push(vals);
            } else {
                run.report.failed += 1;
                run.report
                    .errors
                    .extend(errs.into_iter().map(|(field, reason)| RowError {
                        row: line,
                        field,
                        reason,
                    }));
            }
        }
        if good.is_empty() {
            return Ok(());
        }
        // Every row has every field (parse_input with partial = false).
        let cols: Vec<&str> = rt.fields.iter().map(|f| f.key).collect();
        let mut s = sql::Sql::default();
        let now = s.arg(Value::from(now_ms()));
        let by = s.arg(Value::from(actor.id()));
        let tuples: Vec<String> = good
            .iter()
            .map(|vals| {
                let marks: Vec<String> = vals.iter().map(|(_, v)| s.arg(v.clone())).collect();
                format!("({}, 1, {now}, {by}, {now}, {by})", marks.join(", "))
            })
            .collect();
        let text = format!(
            "INSERT INTO {} ({}, version, created_at, created_by, updated_at, updated_by) VALUES {} RETURNING id",
            rt.table,
            cols.join(", "),
            tuples.join(", ")
        );
        let ids: Vec<i64> = tx
            .fetch_all(&text, &s.args)
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect();
        let mut grams = Vec::new();
        let mut changes = Vec::new();
        for (id, vals) in ids.iter().zip(&good) {
            grams.extend(
                super::search::record_grams(vals.iter().map(|(f, v)| (*f, v)))
                    .into_iter()
                    .map(|k| (*id, k)),
            );
            // One history entry per imported record naming the file; the
            // values themselves are the record's first version.
            let c = acre_store::audit::Change {
                field: "file".into(),
                old: None,
                new: Some(run.file_name.clone()),
            };
            changes.push((*id, vec![c]));
        }
        super::search::insert_grams(tx, rt, &grams).await?;
        for (id, vals) in ids.iter().zip(&good) {
            super::dedupe::store(tx, rt, *id, &super::dedupe::keys(rt, vals)).await?;
            super::service::roll_up(tx, rt, vals).await?;
        }
        if rt.access == super::Access::Customer {
            crate::allocation::registered(tx, actor, &ids).await?;
        }
        acre_store::audit::record_many(tx, Some(actor.id()), rt.entity, "imported", &changes)
            .await?;
        run.report.created += ids.len();
        Ok(())
    }

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
            .filter(|f| !f.derived)
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

    /// Files exported by Acre (or typed by people) hold labels where the
    /// fields store keys: enum labels in any language become their option
    /// keys, a linked record's title becomes its id, a person's name their
    /// user id. Unknown text is left for validation to report.
    async fn resolve_labels(
        &self,
        tx: &mut acre_store::Tx,
        rt: &'static RecordType,
        input: &mut Input,
        labels: &Labels,
        titles: &mut std::collections::HashMap<(String, String), Option<i64>>,
    ) -> Result<()> {
        for f in rt.fields {
            let Some(raw) = input.get(f.key).cloned() else {
                continue;
            };
            let raw = raw.trim().to_string();
            if raw.is_empty() {
                continue;
            }
            match f.kind {
                Kind::Enum | Kind::MultiEnum => {
                    let parts: Vec<String> = raw
                        .split([',', '，', '、', ';'])
                        .map(|p| {
                            let p = p.trim();
                            labels
                                .get(&(f.key, p.to_string()))
                                .map(|o| o.to_string())
                                .unwrap_or_else(|| p.to_string())
                        })
                        .collect();
                    input.insert(f.key.to_string(), parts.join(","));
                }
                Kind::Link if raw.parse::<i64>().is_err() => {
                    let Some(target) = f.link.and_then(registry::find) else {
                        continue;
                    };
                    let key = (target.key.to_string(), raw.clone());
                    if !titles.contains_key(&key) {
                        let q = format!(
                            "SELECT id FROM {} WHERE {} = $1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
                            target.table, target.title
                        );
                        let id = tx
                            .fetch_optional(&q, &[Value::from(raw.as_str())])
                            .await?
                            .map(|r| r.i64("id"));
                        titles.insert(key.clone(), id);
                    }
                    if let Some(Some(id)) = titles.get(&key) {
                        input.insert(f.key.to_string(), id.to_string());
                    }
                }
                // Exports show a person's name: an active user with that
                // name (or username), when exactly one has it.
                Kind::User if raw.parse::<i64>().is_err() => {
                    let key = ("users".to_string(), raw.clone());
                    if !titles.contains_key(&key) {
                        let rows = tx
                            .fetch_all(
                                "SELECT id FROM users WHERE active = TRUE AND (display_name = $1 OR username = $2) ORDER BY id LIMIT 2",
                                &[raw.as_str().into(), raw.to_lowercase().into()],
                            )
                            .await?;
                        let id = (rows.len() == 1).then(|| rows[0].i64("id"));
                        titles.insert(key.clone(), id);
                    }
                    if let Some(Some(id)) = titles.get(&key) {
                        input.insert(f.key.to_string(), id.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The existing live record with the same natural key as `input`, if any.
    async fn find_by_natural_key(
        &self,
        tx: &mut acre_store::Tx,
        actor: &Actor,
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
        if let Some(p) = rt.access.row_predicate(actor, &mut s) {
            conds.push(p);
        }
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
        let mut titles = std::collections::HashMap::new();
        let labels = option_labels(rt);
        let mut run = Run {
            file_name: staged.file_name.clone(),
            seen: Default::default(),
            report: ImportReport::default(),
        };
        let mut tx = self.db.begin().await?;
        let mut pending: Pending = Vec::new();
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
            self.resolve_labels(&mut tx, rt, &mut input, &labels, &mut titles)
                .await?;
            let existing = if policy == Policy::Create {
                None
            } else {
                self.find_by_natural_key(&mut tx, actor, rt, &input).await?
            };
            match (existing, policy) {
                (None, _) => {
                    pending.push((line, input));
                    if pending.len() >= CREATE_BATCH {
                        self.create_many(
                            &mut tx,
                            actor,
                            rt,
                            std::mem::take(&mut pending),
                            &mut run,
                        )
                        .await?;
                    }
                }
                (Some(_), Policy::Skip) => run.report.skipped += 1,
                (Some(rec), _) => {
                    let outcome = if self.can_edit(actor, rt, &rec) {
                        self.update_in(&mut tx, actor, rt, &rec, rec.version, &input)
                            .await
                    } else {
                        Err(AppError::forbidden())
                    };
                    match outcome {
                        Ok(_) => run.report.updated += 1,
                        Err(e) if !e.fields.is_empty() || e.code == ErrorCode::Forbidden => {
                            run.report.failed += 1;
                            if e.fields.is_empty() {
                                run.report.errors.push(RowError {
                                    row: line,
                                    field: String::new(),
                                    reason: e.key().to_string(),
                                });
                            }
                            run.report.errors.extend(e.fields.into_iter().map(
                                |(field, reason)| RowError {
                                    row: line,
                                    field,
                                    reason,
                                },
                            ));
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
        }
        self.create_many(&mut tx, actor, rt, pending, &mut run)
            .await?;
        let mut report = run.report;
        report.errors.sort_by_key(|e| e.row);
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
