//! Both databases end up with the same schema after migrating.

use std::collections::BTreeMap;

use acre_store::Db;

use crate::harness::{Backend, fresh_database};

/// `table.column → (kind, nullable)` plus the index names.
async fn describe(db: &Db) -> (BTreeMap<String, (String, bool)>, Vec<String>) {
    let mut cols = BTreeMap::new();
    let mut idx = Vec::new();
    match db {
        Db::Sqlite(_) => {
            let tables = db
                .fetch_all("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'", &[])
                .await
                .unwrap();
            for t in tables {
                let name = t.str("name");
                let info = db.fetch_all(&format!("SELECT name, type, \"notnull\" AS nn, pk FROM pragma_table_info('{name}')"), &[]).await.unwrap();
                for c in info {
                    let kind = kind_of(&c.str("type"));
                    let nullable = c.i64("nn") == 0 && c.i64("pk") == 0;
                    cols.insert(format!("{name}.{}", c.str("name")), (kind, nullable));
                }
            }
            for r in db
                .fetch_all(
                    "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL",
                    &[],
                )
                .await
                .unwrap()
            {
                idx.push(r.str("name"));
            }
        }
        Db::Postgres(_) => {
            let rows = db
                .fetch_all(
                    "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS ty, is_nullable::text AS n \
                     FROM information_schema.columns WHERE table_schema = 'public'",
                    &[],
                )
                .await
                .unwrap();
            for r in rows {
                cols.insert(
                    format!("{}.{}", r.str("t"), r.str("c")),
                    (kind_of(&r.str("ty")), r.str("n") == "YES"),
                );
            }
            for r in db
                .fetch_all("SELECT indexname::text AS name FROM pg_indexes WHERE schemaname='public' AND indexname NOT LIKE '%_pkey'", &[])
                .await
                .unwrap()
            {
                idx.push(r.str("name"));
            }
        }
    }
    idx.sort();
    (cols, idx)
}

/// Types compared by kind: an integer is an integer whatever its width.
fn kind_of(t: &str) -> String {
    let t = t.to_ascii_lowercase();
    match t.as_str() {
        "integer" | "bigint" | "smallint" => "integer".into(),
        "boolean" => "boolean".into(),
        "text" | "character varying" => "text".into(),
        "real" | "double precision" => "float".into(),
        "blob" | "bytea" => "bytes".into(),
        other => other.into(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_match() {
    let (lite_url, _g1) = fresh_database(Backend::Sqlite).await.unwrap();
    let Some((pg_url, _g2)) = fresh_database(Backend::Postgres).await else {
        return;
    };
    let lite = Db::connect(&lite_url).await.unwrap();
    let pg = Db::connect(&pg_url).await.unwrap();
    lite.migrate().await.unwrap();
    pg.migrate().await.unwrap();
    // Migrating twice is a no-op.
    pg.migrate().await.unwrap();
    let (lc, li) = describe(&lite).await;
    let (pc, pi) = describe(&pg).await;
    assert!(lc.len() > 40, "schema read: {lc:?}");
    for (k, v) in &lc {
        assert_eq!(pc.get(k), Some(v), "column {k} differs");
    }
    let extra: Vec<_> = pc.keys().filter(|k| !lc.contains_key(*k)).collect();
    assert!(extra.is_empty(), "only in PostgreSQL: {extra:?}");
    assert_eq!(li, pi, "indexes differ");
    lite.close().await;
    pg.close().await;
}

/// Every registered record type's table has a column of the right kind for
/// each declared field, on both databases, after all migrations.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registry_tables_match_their_declarations() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some((url, _g)) = fresh_database(backend).await else {
            continue;
        };
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        let (cols, _) = describe(&db).await;
        for rt in acre_app::registry::all() {
            for f in rt.fields {
                let want = kind_of(acre_app::registry::ddl::column_type(f.kind));
                let got = cols.get(&format!("{}.{}", rt.table, f.key));
                assert_eq!(
                    got.map(|(k, _)| k.as_str()),
                    Some(want.as_str()),
                    "{backend:?} {}.{}",
                    rt.table,
                    f.key
                );
                assert_eq!(
                    got.map(|(_, nullable)| !nullable),
                    Some(f.required),
                    "{backend:?} {}.{} NOT NULL",
                    rt.table,
                    f.key
                );
            }
            for std in [
                "version",
                "created_at",
                "created_by",
                "updated_at",
                "updated_by",
                "deleted_at",
            ] {
                assert!(
                    cols.contains_key(&format!("{}.{std}", rt.table)),
                    "{backend:?} {}.{std}",
                    rt.table
                );
            }
        }
        db.close().await;
    }
}
