//! The search index of the registry: character bigrams of every searchable
//! field (`acre_domain::search`), pinyin keys of text with Han characters
//! (`acre_domain::chinese`) and normalised phone numbers, kept in
//! `search_grams` in the same transaction as the record, and the SQL that
//! uses it.
//!
//! Keys are stored by `(resource, block, gram, record_id)`, the block being
//! the record's id divided by [`BLOCK`]. Ids only grow, so new records'
//! keys fill the last blocks: an import writes them as appends to a short
//! stretch of the index instead of one page for every distinct key across
//! all of it (at 1M customers the whole index, ~1.3 GB, per 100,000
//! imported). A lookup by key reads one range per block (`search_blocks`
//! lists them); a probe for one record computes its block.

use acre_domain::chinese::{has_han, pinyin_keys, pinyin_query};
use acre_domain::search::{grams, normalise, phone_keys, phone_term, term_grams};
use std::collections::HashSet;

use acre_store::{Backend, Db, Tx, Value};

use super::field::{Field, Kind};
use super::record_type::RecordType;
use super::sql::Sql;
use crate::error::Result;
use crate::registry;

/// Keys per DELETE of one record's keys.
const GRAM_BATCH: usize = 500;

/// Keys per INSERT (one JSON text).
const JSON_BATCH: usize = 10_000;

/// Records per block of `search_grams`. Larger blocks mean fewer ranges per
/// looked-up key (16 at 1M records); smaller ones a shorter stretch of the
/// index for a batch of new records to write into.
pub const BLOCK: i64 = 65_536;

/// Version of the keys `record_grams` makes. Raise it when they change: at
/// start-up every type indexed with an older version is indexed anew.
/// 1: bigrams; 2: Simplified folding, pinyin and phone keys; 3: phones by
/// their number keys alone.
pub const INDEX_VERSION: i64 = 3;

/// The keys of a record's searchable values.
pub fn record_grams<'a>(values: impl Iterator<Item = (&'a Field, &'a Value)>) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for (f, v) in values {
        if f.searchable
            && let Some(text) = v.to_text()
        {
            if f.kind == Kind::Phone {
                // A number is found whole or by its last four digits; digit
                // bigrams would add ten keys a phone that no search can use
                // selectively (at 3M contacts, most of the index).
                let keys = phone_keys(&text);
                if keys.is_empty() {
                    all.extend(grams(&text));
                }
                all.extend(keys);
                continue;
            }
            all.extend(grams(&text));
            if has_han(&text) {
                all.extend(pinyin_keys(&text));
            }
        }
    }
    all.into_iter().collect()
}

/// Change a record's keys from `old` (those of its stored values) to `new`:
/// only the keys that differ are written.
pub async fn reindex(
    tx: &mut Tx,
    rt: &RecordType,
    id: i64,
    old: &[String],
    new: &[String],
) -> Result<()> {
    let (before, after): (HashSet<&String>, HashSet<&String>) =
        (old.iter().collect(), new.iter().collect());
    let gone: Vec<String> = before.difference(&after).map(|k| (*k).clone()).collect();
    forget(tx, rt, id, &gone).await?;
    let added: Vec<(i64, String)> = after
        .difference(&before)
        .map(|k| (id, (*k).clone()))
        .collect();
    insert_grams(tx, rt, &added).await
}

/// Insert `(record id, key)` pairs in batches, and note their blocks.
pub async fn insert_grams(tx: &mut Tx, rt: &RecordType, pairs: &[(i64, String)]) -> Result<()> {
    let blocks: std::collections::BTreeSet<i64> = pairs.iter().map(|(id, _)| id / BLOCK).collect();
    if !blocks.is_empty() {
        let mut s = Sql::default();
        let res = s.arg(Value::from(rt.key));
        let rows: Vec<String> = blocks
            .iter()
            .map(|b| format!("({res}, {})", s.arg(Value::from(*b))))
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO search_blocks (resource, block) VALUES {} ON CONFLICT DO NOTHING",
                rows.join(",")
            ),
            &s.args,
        )
        .await?;
    }
    // The pairs travel as one JSON text per statement: a bound parameter per
    // value costs a few allocations each on the way to the database, which
    // for the millions of keys of an import outweighed the writing itself.
    let rows = match tx.backend() {
        Backend::Sqlite => {
            "SELECT $1, (e.value ->> 0) / {BLOCK}, e.value ->> 1, e.value ->> 0 FROM json_each($2) e"
        }
        Backend::Postgres => {
            "SELECT $1, (e ->> 0)::BIGINT / {BLOCK}, e ->> 1, (e ->> 0)::BIGINT FROM json_array_elements($2::JSON) e"
        }
    }
    .replace("{BLOCK}", &BLOCK.to_string());
    let text = format!("INSERT INTO search_grams (resource, block, gram, record_id) {rows}");
    for chunk in pairs.chunks(JSON_BATCH) {
        let json = serde_json::to_string(chunk).expect("pairs of numbers and text");
        tx.execute(&text, &[Value::from(rt.key), Value::from(json)])
            .await?;
    }
    Ok(())
}

/// Remove a record's keys, as made from its stored values: each is one
/// primary-key entry, so no second index by record is kept for this.
pub async fn forget(tx: &mut Tx, rt: &RecordType, id: i64, keys: &[String]) -> Result<()> {
    for chunk in keys.chunks(GRAM_BATCH) {
        let mut s = Sql::default();
        let res = s.arg(Value::from(rt.key));
        let b = s.arg(Value::from(id / BLOCK));
        let rid = s.arg(Value::from(id));
        let grams: Vec<String> = chunk
            .iter()
            .map(|g| s.arg(Value::from(g.as_str())))
            .collect();
        tx.execute(
            &format!(
                "DELETE FROM search_grams WHERE resource = {res} AND block = {b} AND gram IN ({}) AND record_id = {rid}",
                grams.join(", ")
            ),
            &s.args,
        )
        .await?;
    }
    Ok(())
}

/// `g.block …` limiting a lookup by key to the type's blocks. PostgreSQL
/// gets them as an array, which its planner puts in the index condition
/// whatever its statistics say; SQLite loops over an `IN` list's rows.
fn in_blocks(res: &str, sql: &Sql) -> String {
    let blocks = format!("SELECT b.block FROM search_blocks b WHERE b.resource = {res}");
    if sql.postgres {
        format!("g.block = ANY(ARRAY({blocks}))")
    } else {
        format!("g.block IN ({blocks})")
    }
}

/// `AND …` for a whole search term over the searchable `fields`: a phone
/// number in any format (on types with phone fields) is one key; otherwise
/// every word (up to five) must match.
pub fn term_predicate(rt: &RecordType, fields: &[&Field], term: &str, sql: &mut Sql) -> String {
    let columns: Vec<&str> = fields.iter().map(|f| f.key).collect();
    if fields.iter().any(|f| f.kind == Kind::Phone)
        && let Some(key) = phone_term(term)
    {
        if sql.by_sort {
            return format!(" AND {}", probes(rt, &[key], sql));
        }
        let res = sql.arg(Value::from(rt.key));
        let k = sql.arg(Value::from(key));
        let ids = format!(
            "SELECT g.record_id AS id FROM search_grams g WHERE g.resource = {res} AND {} AND g.gram = {k}",
            in_blocks(&res, sql)
        );
        return sql.matching(&ids);
    }
    term.split_whitespace()
        .take(5)
        .map(|w| word_predicate(rt, &columns, w, sql))
        .collect()
}

/// The ids having every key (as `id`): an INTERSECT of primary-key ranges of
/// `search_grams` (one per block), read from the index alone, so a frequent
/// key costs an index scan, not a row lookup per candidate.
fn having_all(rt: &RecordType, keys: &[String], sql: &mut Sql) -> String {
    let res = sql.arg(Value::from(rt.key));
    let blocks = in_blocks(&res, sql);
    keys.iter()
        .map(|k| {
            let g = sql.arg(Value::from(k.as_str()));
            format!(
                "SELECT g.record_id AS id FROM search_grams g WHERE g.resource = {res} AND {blocks} AND g.gram = {g}"
            )
        })
        .collect::<Vec<_>>()
        .join(" INTERSECT ")
}

/// Whether row `t` has every key: one probe of `search_grams`' primary key
/// per key. For a list that walks its sort's index past thousands of
/// matches, this finds a page after a few hundred probes where gathering
/// the matches first would read them all. `IS TRUE` keeps the databases
/// from turning the probe back into a join over every match (PostgreSQL
/// pulls up a plain EXISTS, SQLite makes it a join). `LIMIT 1 OFFSET 0`
/// keeps PostgreSQL from hashing the key's matches once instead: with the
/// block first in the key, gathering them without a row's block is a scan
/// of the whole table (9 s at 1M customers).
fn probes(rt: &RecordType, keys: &[String], sql: &mut Sql) -> String {
    let res = sql.arg(Value::from(rt.key));
    let all: Vec<String> = keys
        .iter()
        .map(|k| {
            let g = sql.arg(Value::from(k.as_str()));
            format!(
                "(EXISTS (SELECT 1 FROM search_grams g WHERE g.resource = {res} AND g.block = t.id / {BLOCK} AND g.gram = {g} AND g.record_id = t.id LIMIT 1 OFFSET 0)) IS TRUE"
            )
        })
        .collect();
    format!("({})", all.join(" AND "))
}

/// `AND …` for one search word over `columns`: the index narrows the rows to
/// those having every bigram of the word, then a substring check confirms.
/// An all-letter word may also be pinyin (initials or syllables), whose keys
/// are looked up alongside. One-character words (no bigram) scan.
pub fn word_predicate(rt: &RecordType, columns: &[&str], word: &str, sql: &mut Sql) -> String {
    let norm = normalise(word).replace(['%', '_'], "");
    let check = |sql: &mut Sql, alias: &str| {
        let like = sql.arg(Value::from(format!("%{norm}%")));
        let ors: Vec<String> = columns
            .iter()
            .map(|c| format!("LOWER({alias}.{c}) LIKE {like}"))
            .collect();
        format!("({})", ors.join(" OR "))
    };
    let pinyin = pinyin_query(word);
    let Some(keys) = term_grams(word) else {
        return format!(" AND {}", check(sql, "t"));
    };
    // The substring check is needed where bigrams alone could match apart:
    // not for a two-character word (one bigram: having it is containing it;
    // PostgreSQL also misjudges the check as very selective and scans), and
    // not for Han text, whose stored form may be Traditional while the word
    // is folded to Simplified (adjacent Han bigrams rarely match apart).
    let two = keys.len() == 1 && norm.chars().filter(|c| c.is_alphanumeric()).count() == 2;
    let needs_check = !two && !has_han(&norm);
    if sql.by_sort {
        let mut arms = vec![probes(rt, &keys, sql)];
        if needs_check {
            arms[0] = format!("({} AND {})", arms[0], check(sql, "t"));
        }
        for keys in &pinyin {
            arms.push(probes(rt, keys, sql));
        }
        return format!(" AND ({})", arms.join(" OR "));
    }
    if pinyin.is_empty() {
        let ids = having_all(rt, &keys, sql);
        let candidates = sql.matching(&ids);
        if !needs_check {
            return candidates;
        }
        return format!("{candidates} AND {}", check(sql, "t"));
    }
    // Letters: the ordinary match or any pinyin reading, as one IN over a
    // UNION so both databases still drive the query from the index.
    let mut arms = Vec::new();
    let grams = having_all(rt, &keys, sql);
    arms.push(if needs_check {
        format!(
            "SELECT x.id FROM {} x WHERE x.id IN ({grams}) AND {}",
            rt.table,
            check(sql, "x")
        )
    } else {
        format!("SELECT a0.id FROM ({grams}) a0")
    });
    for (i, keys) in pinyin.iter().enumerate() {
        let set = having_all(rt, keys, sql);
        arms.push(format!("SELECT a{n}.id FROM ({set}) a{n}", n = i + 1));
    }
    sql.matching(&arms.join(" UNION "))
}

/// Index every record of a type, in id order, a batch per transaction
/// (after `upgrade` removed the type's keys).
async fn index_all(db: &Db, rt: &'static RecordType) -> Result<usize> {
    let searchable: Vec<&'static Field> = rt.fields.iter().filter(|f| f.searchable).collect();
    if searchable.is_empty() {
        return Ok(0);
    }
    let next = format!(
        "SELECT t.id, {} FROM {} t WHERE t.id > $1 ORDER BY t.id LIMIT 2000",
        searchable
            .iter()
            .map(|f| format!("t.{}", f.key))
            .collect::<Vec<_>>()
            .join(", "),
        rt.table
    );
    let (mut done, mut after) = (0, 0_i64);
    loop {
        let rows = db.fetch_all(&next, &[after.into()]).await?;
        let Some(last) = rows.last() else {
            return Ok(done);
        };
        after = last.i64("id");
        let mut pairs = Vec::new();
        for r in &rows {
            let id = r.i64("id");
            let keys = record_grams(searchable.iter().map(|f| (*f, r.value(f.key))));
            pairs.extend(keys.into_iter().map(|k| (id, k)));
        }
        let mut tx = db.begin().await?;
        insert_grams(&mut tx, rt, &pairs).await?;
        tx.commit().await?;
        done += rows.len();
    }
}

/// Make a type's keys anew when they were made by an older `INDEX_VERSION`
/// (or none is recorded: a database from before the index, or a rebuild
/// cut short), and record the current version once all are made. A start
/// with the current version reads one row, however many records there are.
async fn upgrade(db: &Db, rt: &'static RecordType) -> Result<usize> {
    let stored = db
        .fetch_optional(
            "SELECT version FROM search_index_versions WHERE resource = $1",
            &[rt.key.into()],
        )
        .await?
        .map(|r| r.i64("version"));
    if stored == Some(INDEX_VERSION) {
        return Ok(0);
    }
    let mut tx = db.begin().await?;
    tx.execute(
        "DELETE FROM search_grams WHERE resource = $1",
        &[rt.key.into()],
    )
    .await?;
    tx.execute(
        "DELETE FROM search_index_versions WHERE resource = $1",
        &[rt.key.into()],
    )
    .await?;
    tx.commit().await?;
    let made = index_all(db, rt).await?;
    db.execute(
        "INSERT INTO search_index_versions (resource, version) VALUES ($1, $2)",
        &[rt.key.into(), INDEX_VERSION.into()],
    )
    .await?;
    Ok(made)
}

impl crate::App {
    /// Index anew every type whose keys were made by an older version, or
    /// by none recorded (run at start-up).
    pub async fn ensure_search_index(&self) -> Result<usize> {
        let mut n = 0;
        for rt in registry::all() {
            n += upgrade(&self.db, rt).await?;
        }
        Ok(n)
    }
}
