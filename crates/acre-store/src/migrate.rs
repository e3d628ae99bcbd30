//! Migrations: plain SQL per database under `migrations/{sqlite,postgres}/`, with
//! the same version numbers, applied in order and recorded in `schema_migrations`.
//! A schema-parity test checks that both produce the same tables and columns.

use crate::{Db, Result, StoreError, Value};

/// `(version, name, sqlite script, postgres script)`.
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "platform",
        include_str!("../migrations/sqlite/0001_platform.sql"),
        include_str!("../migrations/postgres/0001_platform.sql"),
    ),
    (
        2,
        "registry",
        include_str!("../migrations/sqlite/0002_registry.sql"),
        include_str!("../migrations/postgres/0002_registry.sql"),
    ),
    (
        3,
        "search",
        include_str!("../migrations/sqlite/0003_search.sql"),
        include_str!("../migrations/postgres/0003_search.sql"),
    ),
    (
        4,
        "files",
        include_str!("../migrations/sqlite/0004_files.sql"),
        include_str!("../migrations/postgres/0004_files.sql"),
    ),
    (
        5,
        "customers",
        include_str!("../migrations/sqlite/0005_customers.sql"),
        include_str!("../migrations/postgres/0005_customers.sql"),
    ),
    (
        6,
        "shares",
        include_str!("../migrations/sqlite/0006_shares.sql"),
        include_str!("../migrations/postgres/0006_shares.sql"),
    ),
    (
        7,
        "record_keys",
        include_str!("../migrations/sqlite/0007_record_keys.sql"),
        include_str!("../migrations/postgres/0007_record_keys.sql"),
    ),
    (
        8,
        "allocation",
        include_str!("../migrations/sqlite/0008_allocation.sql"),
        include_str!("../migrations/postgres/0008_allocation.sql"),
    ),
    (
        9,
        "grading",
        include_str!("../migrations/sqlite/0009_grading.sql"),
        include_str!("../migrations/postgres/0009_grading.sql"),
    ),
    (
        10,
        "search",
        include_str!("../migrations/sqlite/0010_search.sql"),
        include_str!("../migrations/postgres/0010_search.sql"),
    ),
    (
        11,
        "customer_indexes",
        include_str!("../migrations/sqlite/0011_customer_indexes.sql"),
        include_str!("../migrations/postgres/0011_customer_indexes.sql"),
    ),
    (
        12,
        "completeness",
        include_str!("../migrations/sqlite/0012_completeness.sql"),
        include_str!("../migrations/postgres/0012_completeness.sql"),
    ),
    (
        13,
        "business_cards",
        include_str!("../migrations/sqlite/0013_business_cards.sql"),
        include_str!("../migrations/postgres/0013_business_cards.sql"),
    ),
    (
        14,
        "owner_sorted",
        include_str!("../migrations/sqlite/0014_owner_sorted.sql"),
        include_str!("../migrations/postgres/0014_owner_sorted.sql"),
    ),
    (
        15,
        "target_market",
        include_str!("../migrations/sqlite/0015_target_market.sql"),
        include_str!("../migrations/postgres/0015_target_market.sql"),
    ),
    (
        16,
        "approvals",
        include_str!("../migrations/sqlite/0016_approvals.sql"),
        include_str!("../migrations/postgres/0016_approvals.sql"),
    ),
    (
        17,
        "opportunities",
        include_str!("../migrations/sqlite/0017_opportunities.sql"),
        include_str!("../migrations/postgres/0017_opportunities.sql"),
    ),
    (
        18,
        "quotes",
        include_str!("../migrations/sqlite/0018_quotes.sql"),
        include_str!("../migrations/postgres/0018_quotes.sql"),
    ),
    (
        19,
        "contracts",
        include_str!("../migrations/sqlite/0019_contracts.sql"),
        include_str!("../migrations/postgres/0019_contracts.sql"),
    ),
    (
        20,
        "opportunity_owner_copy",
        include_str!("../migrations/sqlite/0020_opportunity_owner_copy.sql"),
        include_str!("../migrations/postgres/0020_opportunity_owner_copy.sql"),
    ),
    (
        21,
        "quote_revisions",
        include_str!("../migrations/sqlite/0021_quote_revisions.sql"),
        include_str!("../migrations/postgres/0021_quote_revisions.sql"),
    ),
    (
        22,
        "price_tiers",
        include_str!("../migrations/sqlite/0022_price_tiers.sql"),
        include_str!("../migrations/postgres/0022_price_tiers.sql"),
    ),
    (
        23,
        "pipeline_covering",
        include_str!("../migrations/sqlite/0023_pipeline_covering.sql"),
        include_str!("../migrations/postgres/0023_pipeline_covering.sql"),
    ),
    (
        24,
        "no_second_user_index",
        include_str!("../migrations/sqlite/0024_no_second_user_index.sql"),
        include_str!("../migrations/postgres/0024_no_second_user_index.sql"),
    ),
    (
        25,
        "search_blocks",
        include_str!("../migrations/sqlite/0025_search_blocks.sql"),
        include_str!("../migrations/postgres/0025_search_blocks.sql"),
    ),
    (
        26,
        "live_owner",
        include_str!("../migrations/sqlite/0026_live_owner.sql"),
        include_str!("../migrations/postgres/0026_live_owner.sql"),
    ),
    (
        27,
        "tallies",
        include_str!("../migrations/sqlite/0027_tallies.sql"),
        include_str!("../migrations/postgres/0027_tallies.sql"),
    ),
    (
        28,
        "selection_indexes",
        include_str!("../migrations/sqlite/0028_selection_indexes.sql"),
        include_str!("../migrations/postgres/0028_selection_indexes.sql"),
    ),
    (
        29,
        "history_log",
        include_str!("../migrations/sqlite/0029_history_log.sql"),
        include_str!("../migrations/postgres/0029_history_log.sql"),
    ),
];

/// Arbitrary key for PostgreSQL's advisory lock, so two starting servers do
/// not migrate at the same time.
const PG_LOCK_KEY: i64 = 0x000A_C2E1;

pub(crate) async fn run(db: &Db) -> Result<()> {
    db.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations \
         (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
    )
    .await?;
    for (version, name, sqlite, pg) in MIGRATIONS {
        let mut tx = db.begin().await?;
        // A transaction-level advisory lock serialises servers starting together;
        // SQLite's BEGIN IMMEDIATE already does.
        if let Db::Postgres(_) = db {
            tx.execute(
                "SELECT pg_advisory_xact_lock($1)",
                &[Value::from(PG_LOCK_KEY)],
            )
            .await?;
        }
        let done = tx
            .fetch_optional(
                "SELECT version FROM schema_migrations WHERE version = $1",
                &[Value::from(*version)],
            )
            .await?;
        if done.is_some() {
            continue;
        }
        let script = match db {
            Db::Sqlite(_) => sqlite,
            Db::Postgres(_) => pg,
        };
        for stmt in split_statements(script) {
            tx.execute(&stmt, &[])
                .await
                .map_err(|e| StoreError::Migration(format!("{version} {name}: {e}")))?;
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[
                Value::from(*version),
                Value::from(*name),
                Value::from(crate::now_ms()),
            ],
        )
        .await?;
        tx.commit().await?;
        tracing::info!(version, name, "applied migration");
    }
    Ok(())
}

/// Split a script on `;` at line ends. Our migrations keep one statement per
/// `;`-terminated block and no semicolons inside string literals.
fn split_statements(script: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in script.lines() {
        let l = line.trim();
        if l.starts_with("--") || l.is_empty() {
            continue;
        }
        cur.push_str(line);
        cur.push('\n');
        if l.ends_with(';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}
