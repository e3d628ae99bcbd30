//! The search index of the registry: character bigrams of every searchable
//! field (`acre_domain::search`), kept in `search_grams` in the same
//! transaction as the record, and the SQL that uses it.

use acre_domain::search::{grams, normalise, term_grams};
use acre_store::{Db, Tx, Value};

use super::field::Field;
use super::record_type::RecordType;
use super::sql::Sql;
use crate::error::Result;
use crate::registry;

/// Rows per multi-row INSERT of grams.
const GRAM_BATCH: usize = 500;

/// The keys of a record's searchable values.
pub fn record_grams<'a>(values: impl Iterator<Item = (&'a Field, &'a Value)>) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for (f, v) in values {
        if f.searchable
            && let Some(text) = v.to_text()
        {
            all.extend(grams(&text));
        }
    }
    all.into_iter().collect()
}

/// Replace a record's keys.
pub async fn reindex(tx: &mut Tx, rt: &RecordType, id: i64, keys: &[String]) -> Result<()> {
    tx.execute(
        "DELETE FROM search_grams WHERE resource = $1 AND record_id = $2",
        &[rt.key.into(), id.into()],
    )
    .await?;
    insert_grams(
        tx,
        rt,
        &keys.iter().map(|k| (id, k.clone())).collect::<Vec<_>>(),
    )
    .await
}

/// Insert `(record id, key)` pairs in batches.
pub async fn insert_grams(tx: &mut Tx, rt: &RecordType, pairs: &[(i64, String)]) -> Result<()> {
    for chunk in pairs.chunks(GRAM_BATCH) {
        let mut s = Sql::default();
        let res = s.arg(Value::from(rt.key));
        let rows: Vec<String> = chunk
            .iter()
            .map(|(id, g)| {
                let g = s.arg(Value::from(g.as_str()));
                let id = s.arg(Value::from(*id));
                format!("({res}, {g}, {id})")
            })
            .collect();
        tx.execute(
            &format!(
                "INSERT INTO search_grams (resource, gram, record_id) VALUES {}",
                rows.join(",")
            ),
            &s.args,
        )
        .await?;
    }
    Ok(())
}

pub async fn forget(tx: &mut Tx, rt: &RecordType, id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM search_grams WHERE resource = $1 AND record_id = $2",
        &[rt.key.into(), id.into()],
    )
    .await?;
    Ok(())
}

/// `AND …` for one search word over `columns`: the index narrows the rows to
/// those having every bigram of the word, then a substring check confirms.
/// One-character words (no bigram) scan.
pub fn word_predicate(rt: &RecordType, columns: &[&str], word: &str, sql: &mut Sql) -> String {
    let norm = normalise(word).replace(['%', '_'], "");
    let check = |sql: &mut Sql| {
        let like = sql.arg(Value::from(format!("%{norm}%")));
        let ors: Vec<String> = columns
            .iter()
            .map(|c| format!("LOWER(t.{c}) LIKE {like}"))
            .collect();
        format!("({})", ors.join(" OR "))
    };
    let Some(keys) = term_grams(word) else {
        return format!(" AND {}", check(sql));
    };
    // The records having every bigram: an INTERSECT of primary-key ranges of
    // `search_grams`, read from the index alone, so a frequent bigram costs an
    // index scan, not a row lookup per candidate.
    let res = sql.arg(Value::from(rt.key));
    let plus = sql.plus;
    let sets: Vec<String> = keys
        .iter()
        .map(|k| {
            let g = sql.arg(Value::from(k.as_str()));
            format!(
                "SELECT g.record_id FROM search_grams g WHERE g.resource = {res} AND g.gram = {g}"
            )
        })
        .collect();
    let candidates = format!(" AND {plus}t.id IN ({})", sets.join(" INTERSECT "));
    // A two-character word is one bigram: having it is containing it, so the
    // substring check (which PostgreSQL misjudges as very selective and
    // answers with a table scan) is left out.
    if keys.len() == 1 && norm.chars().filter(|c| c.is_alphanumeric()).count() == 2 {
        return candidates;
    }
    format!("{candidates} AND {}", check(sql))
}

/// Build the index for records that have none (databases created before the
/// index existed, or filled by other means). Cheap when nothing is missing.
pub async fn backfill(db: &Db, rt: &'static RecordType) -> Result<usize> {
    let searchable: Vec<&'static Field> = rt.fields.iter().filter(|f| f.searchable).collect();
    if searchable.is_empty() {
        return Ok(0);
    }
    let cols: Vec<&str> = searchable.iter().map(|f| f.key).collect();
    let missing = format!(
        "SELECT t.id, {} FROM {} t WHERE NOT EXISTS (SELECT 1 FROM search_grams g WHERE g.resource = $1 AND g.record_id = t.id) ORDER BY t.id LIMIT 2000",
        cols.iter()
            .map(|c| format!("t.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        rt.table
    );
    let mut done = 0;
    loop {
        let rows = db.fetch_all(&missing, &[rt.key.into()]).await?;
        if rows.is_empty() {
            return Ok(done);
        }
        let mut pairs = Vec::new();
        for r in &rows {
            let id = r.i64("id");
            let keys = record_grams(searchable.iter().map(|f| (*f, r.value(f.key))));
            // A record without any text still gets a marker so it is not revisited.
            if keys.is_empty() {
                pairs.push((id, String::new()));
            }
            pairs.extend(keys.into_iter().map(|k| (id, k)));
        }
        let mut tx = db.begin().await?;
        insert_grams(&mut tx, rt, &pairs).await?;
        tx.commit().await?;
        done += rows.len();
    }
}

impl crate::App {
    /// Index whatever is not indexed yet, for every type (run at start-up).
    pub async fn ensure_search_index(&self) -> Result<usize> {
        let mut n = 0;
        for rt in registry::all() {
            n += backfill(&self.db, rt).await?;
        }
        Ok(n)
    }
}
