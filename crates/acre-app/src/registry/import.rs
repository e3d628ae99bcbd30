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
/// SQLite's page cache (KiB) for an import's connection while it runs: the
/// pages of the large indexes it writes otherwise spill to the WAL and are
/// read back (100,000 customers into a million: 75 s with the pool's 8 MiB,
/// 55 s with 64 MiB, 52 s with 128 MiB). Set back when the import ends; one
/// that fails leaves it to the pooled connection, bounded by this size.
const IMPORT_CACHE_KIB: i64 = 65_536;

const CREATE_BATCH: usize = 200;

/// Rows waiting to be created: file row number and input.
type Pending = Vec<(usize, Input)>;

/// A row after its checks: file row number, values, problems.
type Checked = (usize, Vec<(&'static Field, Value)>, FieldErrors);

/// Unique values (and `dup:` duplicate keys) already taken by earlier rows
/// of the file, per field.
type Seen = std::collections::HashMap<&'static str, std::collections::HashSet<String>>;

/// What one import run carries from batch to batch.
struct Run {
    file_name: String,
    seen: Seen,
    report: ImportReport,
    later: Deferred,
    /// Whether search keys are written (a dry run needs none).
    index: bool,
}

/// Search keys above which the deferred ones are written before going on
/// (16 bytes each): bounds the memory of the largest files.
const DEFERRED_GRAMS: usize = 4_000_000;

/// Index rows of the created records, written in key order once per run
/// instead of per batch. In file order every key lands on another page of a
/// large index, so a batch touches thousands of pages that SQLite's cache
/// cannot hold (3/4 of an import's time at 200,000 customers); in key order
/// the index is walked once. Nothing the import reads needs the search keys;
/// duplicate checks read `keys` here until they are written.
#[derive(Default)]
struct Deferred {
    /// Search keys, interned: `(index into gram_names, record id)`.
    grams: Vec<(u32, i64)>,
    gram_ids: std::collections::HashMap<String, u32>,
    /// Duplicate keys of created records not yet in `record_keys`.
    keys: std::collections::HashMap<(&'static str, String), i64>,
    /// What the created records count for, added to the tallies once at the
    /// end: each upsert of the same rows inside one transaction leaves
    /// PostgreSQL a longer chain of row versions to walk (986 upserts took
    /// 6.8 s of an import of 100,000).
    tally: super::tally::Tally,
}

impl Deferred {
    fn add_grams(&mut self, id: i64, grams: Vec<String>) {
        for g in grams {
            let next = self.gram_ids.len() as u32;
            let n = *self.gram_ids.entry(g).or_insert(next);
            self.grams.push((n, id));
        }
    }

    /// Write the search keys in the index's order (block, key, record), so
    /// new records' keys go in as appends.
    async fn write_grams(&mut self, tx: &mut acre_store::Tx, rt: &RecordType) -> Result<()> {
        let mut names: Vec<(String, u32)> = self.gram_ids.drain().collect();
        names.sort_unstable();
        let mut rank = vec![0u32; names.len()];
        for (r, (_, n)) in names.iter().enumerate() {
            rank[*n as usize] = r as u32;
        }
        let mut grams = std::mem::take(&mut self.grams);
        grams.sort_unstable_by_key(|(n, id)| (id / super::search::BLOCK, rank[*n as usize], *id));
        // Chunks bound the key texts made at once.
        for chunk in grams.chunks(10_000) {
            let pairs: Vec<(i64, String)> = chunk
                .iter()
                .map(|(n, id)| (*id, names[rank[*n as usize] as usize].0.clone()))
                .collect();
            super::search::insert_grams(tx, rt, &pairs).await?;
        }
        Ok(())
    }

    /// Write the duplicate keys, sorted as `record_keys` is.
    async fn write_keys(&mut self, tx: &mut acre_store::Tx, rt: &RecordType) -> Result<()> {
        let mut keys: Vec<(i64, (&'static str, String))> =
            self.keys.drain().map(|(k, id)| (id, k)).collect();
        keys.sort_unstable_by(|a, b| (&a.1, a.0).cmp(&(&b.1, b.0)));
        super::dedupe::insert_keys(tx, rt, &keys).await
    }
}

/// A row's input: its mapped cells, by field key.
fn row_input(rt: &RecordType, mapping: &[Option<String>], row: &[String]) -> Input {
    let mut input = Input::new();
    for (col, key) in mapping.iter().enumerate() {
        if let (Some(key), Some(v)) = (key, row.get(col))
            && rt.field(key).is_some()
        {
            input.insert(key.clone(), v.clone());
        }
    }
    input
}

/// The values of an input's natural key; `None` when the type has none or
/// a part is missing or invalid (such a row never matches a saved record).
fn natural_key(rt: &RecordType, input: &Input) -> Option<Vec<Value>> {
    if rt.natural_key.is_empty() {
        return None;
    }
    rt.natural_key
        .iter()
        .map(|key| {
            let f = rt.field(key)?;
            let raw = input.get(*key)?;
            parse(f, raw).ok().filter(|v| !v.is_null())
        })
        .collect()
}

/// `(field, key)` pairs a row would store against duplicates (CU17).
type Keys = Vec<(&'static str, String)>;

/// Refuse the rows of a batch whose duplicate keys a saved record already
/// has (one query per field for the batch), then those whose keys an earlier
/// row of the file has. Like one save at a time: a row refused against saved
/// records names only the first such key and claims none of its keys; rows
/// refused earlier (kinds, unique values) are not looked at. `created` holds
/// the keys of records created by this run not yet in `record_keys`. Returns each
/// row's keys, to store with the created records.
async fn refuse_duplicates(
    tx: &mut acre_store::Tx,
    rt: &'static RecordType,
    rows: &mut [Checked],
    seen: &mut Seen,
    created: &std::collections::HashMap<(&'static str, String), i64>,
) -> Result<Vec<Keys>> {
    let keys: Vec<Keys> = rows
        .iter()
        .map(|(_, vals, _)| super::dedupe::keys(rt, vals))
        .collect();
    if rt.duplicates.is_empty() {
        return Ok(keys);
    }
    let asked: Keys = rows
        .iter()
        .zip(&keys)
        .filter(|((_, _, errs), _)| errs.is_empty())
        .flat_map(|(_, k)| k.iter().cloned())
        .collect();
    let taken = super::dedupe::taken(tx, rt, &asked).await?;
    for ((_, _, errs), keys) in rows.iter_mut().zip(&keys) {
        if !errs.is_empty() {
            continue;
        }
        // Records created earlier in the run count as saved.
        if let Some((field, _)) = keys
            .iter()
            .find(|k| taken.contains(*k) || created.contains_key(*k))
        {
            errs.insert(field.to_string(), "err-duplicate".into());
            continue;
        }
        for (field, key) in keys {
            if !seen.entry(field).or_default().insert(format!("dup:{key}")) {
                errs.insert(field.to_string(), "err-duplicate".into());
            }
        }
    }
    Ok(keys)
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
                        // Only records the importer can see may be linked,
                        // and only those the link's rule allows.
                        if let Some(p) = target.access.row_predicate(actor, &mut s) {
                            q.push_str(&format!(" AND {p}"));
                        }
                        if let Some(rule) = f.link_rule {
                            q.push_str(&format!(" AND ({})", rule.sql));
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
        let keys = refuse_duplicates(tx, rt, &mut rows, &mut run.seen, &run.later.keys).await?;
        let mut good: Vec<Vec<(&'static Field, Value)>> = Vec::new();
        let mut good_keys = Vec::new();
        for ((line, vals, errs), keys) in rows.into_iter().zip(keys) {
            if errs.is_empty() {
                good.push(vals);
                good_keys.push(keys);
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
        // Inherited values (an opportunity's owner and grade from its
        // customer): a lookup per row, for the few types that inherit.
        for vals in &mut good {
            super::service::inherit(tx, rt, vals, true).await?;
            if !rt.inherit.is_empty() {
                super::service::set_derived(rt, vals);
            }
        }
        let numbers = super::service::next_numbers(tx, rt, good.len()).await?;
        for (vals, number) in good.iter_mut().zip(numbers) {
            super::service::set_number(rt, vals, number);
        }
        // The search keys are made on another thread while the rows are
        // written: they need only the values, and the work (pinyin of every
        // name) is otherwise a tenth of an import.
        let grams = run.index.then(|| {
            let texts: Vec<Vec<(&'static Field, Value)>> = good
                .iter()
                .map(|vals| vals.iter().filter(|(f, _)| f.searchable).cloned().collect())
                .collect();
            tokio::task::spawn_blocking(move || {
                texts
                    .iter()
                    .map(|vals| super::search::record_grams(vals.iter().map(|(f, v)| (*f, v))))
                    .collect::<Vec<_>>()
            })
        });
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
            .keeping_check_plans(async |tx: &mut acre_store::Tx| tx.fetch_all(&text, &s.args).await)
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect();
        if let Some(job) = grams {
            let grams = job.await.expect("making search keys does not panic");
            for (id, grams) in ids.iter().zip(grams) {
                run.later.add_grams(*id, grams);
            }
        }
        let mut changes = Vec::new();
        for (id, keys) in ids.iter().zip(good_keys) {
            run.later.keys.extend(keys.into_iter().map(|k| (k, *id)));
            // One history entry per imported record naming the file; the
            // values themselves are the record's first version.
            let c = acre_store::audit::Change {
                field: "file".into(),
                old: None,
                new: Some(run.file_name.clone()),
            };
            changes.push((*id, vec![c]));
        }
        if run.later.grams.len() > DEFERRED_GRAMS {
            run.later.write_grams(tx, rt).await?;
        }
        for vals in &good {
            super::service::roll_up(tx, rt, vals).await?;
        }
        if let Some(a) = rt.after_change {
            let parents: std::collections::BTreeSet<i64> = good
                .iter()
                .filter_map(|vals| super::service::int_of(vals, Some(a.via)))
                .collect();
            for p in parents {
                super::service::after_change(tx, rt, Some(p)).await?;
            }
        }
        run.later.tally = good
            .iter()
            .fold(std::mem::take(&mut run.later.tally), |t, vals| {
                t.plus(super::tally::Tally::of_record(
                    rt,
                    |k| super::service::value_of(vals, k),
                    1,
                ))
            });
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

    /// The existing live records with the same natural key as each input,
    /// the importer may see: one query for all, the key's columns `IN` the
    /// inputs' values, the rows matched back to the inputs here (the lowest
    /// id when several records share a key).
    async fn find_by_natural_keys(
        &self,
        tx: &mut acre_store::Tx,
        actor: &Actor,
        rt: &'static RecordType,
        inputs: &[&Input],
    ) -> Result<Vec<Option<Record>>> {
        let wanted: Vec<Option<Vec<Value>>> = inputs.iter().map(|i| natural_key(rt, i)).collect();
        let mut s = sql::Sql::default();
        let mut conds = Vec::new();
        for (n, key) in rt.natural_key.iter().enumerate() {
            let mut marks = Vec::new();
            let mut distinct = std::collections::HashSet::new();
            for v in wanted.iter().flatten().map(|k| &k[n]) {
                if distinct.insert(v.to_text()) {
                    marks.push(s.arg(v.clone()));
                }
            }
            if marks.is_empty() {
                return Ok(vec![None; inputs.len()]);
            }
            conds.push(format!("t.{key} IN ({})", marks.join(",")));
        }
        let fields: Vec<&'static Field> = rt.fields.iter().collect();
        if let Some(p) = rt.access.row_predicate(actor, &mut s) {
            conds.push(p);
        }
        let text = format!(
            "{} WHERE t.deleted_at IS NULL AND {}",
            sql::select(rt, &fields),
            conds.join(" AND ")
        );
        let mut by_key: std::collections::HashMap<Vec<Option<String>>, Record> =
            std::collections::HashMap::new();
        for r in tx.fetch_all(&text, &s.args).await? {
            let key = rt
                .natural_key
                .iter()
                .map(|k| r.value(k).to_text())
                .collect();
            let rec = Record::from_row(&fields, &r);
            match by_key.get(&key) {
                Some(first) if first.id < rec.id => {}
                _ => {
                    by_key.insert(key, rec);
                }
            }
        }
        Ok(wanted
            .iter()
            .map(|w| {
                let key: Vec<Option<String>> = w.as_ref()?.iter().map(Value::to_text).collect();
                by_key.get(&key).cloned()
            })
            .collect())
    }

    /// Update an existing record from a row; a refusal becomes the row's errors.
    async fn update_row(
        &self,
        tx: &mut acre_store::Tx,
        actor: &Actor,
        rt: &'static RecordType,
        (line, input): (usize, &Input),
        rec: &Record,
        run: &mut Run,
    ) -> Result<()> {
        let (report, tally) = (&mut run.report, &mut run.later.tally);
        let outcome = if self.can_edit(actor, rt, rec) {
            // Its tallies are added with the created rows', at the end.
            self.update_uncounted(tx, actor, rt, rec, rec.version, input)
                .await
                .map(|(v, change)| {
                    *tally = std::mem::take(tally).plus(change);
                    v
                })
        } else {
            Err(AppError::forbidden())
        };
        match outcome {
            Ok(_) => report.updated += 1,
            Err(e) if !e.fields.is_empty() || e.code == ErrorCode::Forbidden => {
                report.failed += 1;
                if e.fields.is_empty() {
                    report.errors.push(RowError {
                        row: line,
                        field: String::new(),
                        reason: e.key().to_string(),
                    });
                }
                report
                    .errors
                    .extend(e.fields.into_iter().map(|(field, reason)| RowError {
                        row: line,
                        field,
                        reason,
                    }));
            }
            Err(e) => return Err(e),
        }
        Ok(())
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
            later: Deferred::default(),
            index: !dry_run,
        };
        let mut tx = self.db.begin().await?;
        let sqlite = tx.backend() == acre_store::Backend::Sqlite;
        if sqlite {
            tx.execute(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"), &[])
                .await?;
        }
        let mut pending: Pending = Vec::new();
        let rows = &staged.sheet.rows;
        let mut next = 0;
        while next < rows.len() {
            // No batch is created before the last row of this window, so
            // looking its rows up together sees what one lookup per row saw.
            let end = rows.len().min(next + CREATE_BATCH - pending.len());
            let mut window = Vec::with_capacity(end - next);
            for (i, row) in rows.iter().enumerate().take(end).skip(next) {
                let mut input = row_input(rt, mapping, row);
                self.resolve_labels(&mut tx, rt, &mut input, &labels, &mut titles)
                    .await?;
                window.push((i + 2, input));
            }
            next = end;
            let found = if policy == Policy::Create {
                vec![None; window.len()]
            } else {
                let inputs: Vec<&Input> = window.iter().map(|(_, i)| i).collect();
                self.find_by_natural_keys(&mut tx, actor, rt, &inputs)
                    .await?
            };
            let mut updated = std::collections::HashSet::new();
            for ((line, input), existing) in window.into_iter().zip(found) {
                let existing = match existing {
                    // Updated by an earlier row: its version moved on, and
                    // it may have left the importer's sight. Look again.
                    Some(rec) if updated.contains(&rec.id) => self
                        .find_by_natural_keys(&mut tx, actor, rt, &[&input])
                        .await?
                        .pop()
                        .flatten(),
                    e => e,
                };
                match (existing, policy) {
                    (None, _) => {
                        pending.push((line, input));
                        if pending.len() >= CREATE_BATCH {
                            let batch = std::mem::take(&mut pending);
                            self.create_many(&mut tx, actor, rt, batch, &mut run)
                                .await?;
                        }
                    }
                    (Some(_), Policy::Skip) => run.report.skipped += 1,
                    (Some(rec), _) => {
                        // An update checks its keys against `record_keys`.
                        run.later.write_keys(&mut tx, rt).await?;
                        updated.insert(rec.id);
                        self.update_row(&mut tx, actor, rt, (line, &input), &rec, &mut run)
                            .await?;
                    }
                }
            }
        }
        self.create_many(&mut tx, actor, rt, pending, &mut run)
            .await?;
        if !dry_run {
            run.later.write_keys(&mut tx, rt).await?;
            run.later.write_grams(&mut tx, rt).await?;
            super::tally::add(&mut tx, rt, &run.later.tally).await?;
        }
        let mut report = run.report;
        report.errors.sort_by_key(|e| e.row);
        if sqlite {
            tx.execute(
                &format!("PRAGMA cache_size = -{}", acre_store::SQLITE_CACHE_KIB),
                &[],
            )
            .await?;
        }
        if dry_run {
            drop(tx);
        } else {
            tx.execute("DELETE FROM import_jobs WHERE id = $1", &[job.into()])
                .await?;
            tx.commit().await?;
            let written = (report.created + report.updated) as i64;
            self.vacuum_after(written, vec![rt.table, "search_grams", "record_keys"]);
        }
        Ok(report)
    }
}
