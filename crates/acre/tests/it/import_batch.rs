//! Customer imports are checked and saved in batches: these files put
//! duplicates within a batch, across batches and against saved customers,
//! and check that every row is judged as if it were saved on its own.

use acre_app::Actor;
use acre_app::registry::import::{ImportReport, Policy};
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

/// Rows of the long file; more than two batches of created records.
const ROWS: usize = 450;

async fn actor(t: &TestApp, username: &str) -> Actor {
    let user = acre_store::users::by_id(&t.app.db, t.user_id(username).await)
        .await
        .unwrap()
        .unwrap();
    Actor::new(user, None)
}

/// Import `(name, kind, phone)` rows (file row n + 2 is `rows[n]`).
async fn import(
    t: &TestApp,
    who: &Actor,
    rows: &[(String, String, String)],
    policy: Policy,
    dry_run: bool,
) -> ImportReport {
    let mut csv = String::from("名称,类型,电话\n");
    for (name, kind, phone) in rows {
        csv.push_str(&format!("{name},{kind},{phone}\n"));
    }
    let rt = acre_app::registry::find("customers").unwrap();
    let job = t
        .app
        .stage_import(who, rt, "客户.csv", csv.as_bytes())
        .await
        .unwrap();
    let mapping = [Some("name"), Some("kind"), Some("phone")].map(|k| k.map(String::from));
    t.app
        .run_import(who, rt, job, &mapping, policy, dry_run)
        .await
        .unwrap()
}

/// Row counts of everything an import writes.
async fn footprint(t: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "customers",
        "record_keys",
        "search_grams",
        "audit_log",
        "ownership_history",
    ] {
        let r = t
            .app
            .db
            .fetch_optional(&format!("SELECT COUNT(*) AS n FROM {table}"), &[])
            .await
            .unwrap()
            .unwrap();
        out.push(r.i64("n"));
    }
    out
}

/// `(row, field, reason)` of a report's errors.
fn errors(r: &ImportReport) -> Vec<(usize, &str, &str)> {
    r.errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.reason.as_str()))
        .collect()
}

fn row(name: &str, phone: &str) -> (String, String, String) {
    (name.into(), "company".into(), phone.into())
}

/// The long file: distinct companies and numbers, with these rows changed
/// (file row numbers; row 2 is the first after the header).
fn long_file() -> Vec<(String, String, String)> {
    let mut rows: Vec<_> = (0..ROWS)
        .map(|i| {
            row(
                &format!("华南{i}号机电有限公司"),
                &format!("0755-{:08}", 20_000_000 + i),
            )
        })
        .collect();
    let mut set = |line: usize, name: &str, phone: &str| rows[line - 2] = row(name, phone);
    // Duplicates of row 2 in the same batch (Traditional, full-width brackets) and in a later one.
    set(2, "廣州興達電機（中國）有限公司", "");
    set(40, "广州兴达电机有限公司", "");
    set(260, "广州兴达电机股份有限公司", "");
    // The saved customer's phone in another format.
    set(100, "顺德美嘉家电有限公司", "0750 33112200");
    // The saved customer by its exact name: skipped by its natural key.
    set(120, "江门瑞丰电器有限公司", "");
    // The same phone in the last row of the first batch (rows 2–202 but the
    // skipped row 120) and in the first row of the next.
    set(202, "中山宏图五金有限公司", "+86 760-8888 1234");
    set(203, "珠海海昌贸易有限公司", "0760 88881234");
    // One name twice in one batch (a duplicate), and again in a later batch
    // (by then saved: skipped by its natural key).
    set(5, "佛山南海纺织有限公司", "");
    set(6, "佛山南海纺织有限公司", "");
    set(400, "佛山南海纺织有限公司", "");
    // Rows invalid in themselves.
    set(150, "", "");
    rows[300 - 2].1 = "robot".into();
    rows
}

storage_test!(
    duplicates_are_found_within_and_across_batches,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "江门瑞丰电器有限公司", "kind": "company", "phone": "+86 750-3311 2200"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let gm = actor(&t, "gm").await;
        let file = long_file();
        let expected = vec![
            (6, "name", "err-duplicate"),
            (40, "name", "err-duplicate"),
            (100, "phone", "err-duplicate"),
            (150, "name", "err-required"),
            (203, "phone", "err-duplicate"),
            (260, "name", "err-duplicate"),
            (300, "kind", "err-option"),
        ];

        // The dry run reports every row as the import will, and saves nothing.
        let before = footprint(&t).await;
        let dry = import(&t, &gm, &file, Policy::Skip, true).await;
        assert_eq!(errors(&dry), expected);
        assert_eq!(
            (dry.created, dry.skipped, dry.failed),
            (ROWS - 9, 2, 7),
            "{dry:?}"
        );
        assert_eq!(footprint(&t).await, before, "the dry run saved nothing");

        let run = import(&t, &gm, &file, Policy::Skip, false).await;
        assert_eq!(errors(&run), expected);
        assert_eq!((run.created, run.skipped, run.failed), (ROWS - 9, 2, 7));
        let after = footprint(&t).await;
        assert_eq!(after[0], before[0] + (ROWS - 9) as i64, "customers");
        // A name key per customer, a phone key for all but rows 2 and 5.
        assert_eq!(after[1], before[1] + 2 * (ROWS - 9) as i64 - 2, "keys");
        assert_eq!(after[4], before[4] + (ROWS - 9) as i64, "ownership history");

        // Again: every created row is now skipped by its natural key; the
        // other spellings still meet the saved customers' keys.
        let again = import(&t, &gm, &file, Policy::Skip, false).await;
        assert_eq!(again.created, 0, "{again:?}");
        assert_eq!(again.skipped, ROWS - 6, "{again:?}");
        assert_eq!(
            errors(&again),
            vec![
                (40, "name", "err-duplicate"),
                (100, "phone", "err-duplicate"),
                (150, "name", "err-required"),
                (203, "phone", "err-duplicate"),
                (260, "name", "err-duplicate"),
                (300, "kind", "err-option"),
            ]
        );
        assert_eq!(footprint(&t).await[0], after[0]);
        // The imported records (unassigned: in the pool) are found by their search keys.
        let mut gm_client = t.login("gm").await;
        let found = gm_client
            .get("/api/v1/customers?pool=1&q=0755-20000017")
            .await
            .json();
        assert_eq!(found["total"], 1, "{found}");
        let found = gm_client
            .get("/api/v1/customers?pool=1&q=%E5%B9%BF%E5%B7%9E%E5%85%B4%E8%BE%BE")
            .await
            .json();
        assert_eq!(found["total"], 1, "{found}");
    }
);

storage_test!(
    natural_keys_are_looked_up_as_the_importer_sees,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let mut ids = Vec::new();
        for (name, phone) in [
            ("江门瑞丰电器有限公司", "0750-33112200"),
            ("台山海宴渔业有限公司", ""),
        ] {
            let r = rep1
                .json(
                    Method::POST,
                    "/api/v1/customers",
                    json!({"name": name, "kind": "company", "phone": phone}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        let file = vec![
            row("江门瑞丰电器有限公司", ""),
            row("新会葵艺工艺品有限公司", "0750-66001122"),
        ];
        // rep2 does not see rep1's customer: not skipped, but refused as a duplicate.
        let rep2 = actor(&t, "rep2").await;
        let r = import(&t, &rep2, &file, Policy::Skip, true).await;
        assert_eq!((r.created, r.skipped, r.failed), (1, 0, 1));
        assert_eq!(errors(&r), vec![(2, "name", "err-duplicate")]);
        // The general manager sees it: skipped.
        let gm = actor(&t, "gm").await;
        let r = import(&t, &gm, &file, Policy::Skip, true).await;
        assert_eq!((r.created, r.skipped, r.failed), (1, 1, 0), "{r:?}");

        // Update: the created records' keys are checked (row 202 takes the
        // phone of row 2, created with the first batch), and two rows of one
        // customer update it one after the other (the second sees the
        // first's version).
        let mut file: Vec<_> = (0..200)
            .map(|i| row(&format!("江海{i}号五金有限公司"), &format!("0750-7{i:07}")))
            .collect();
        file[0] = row("恩平温泉旅业有限公司", "0750-55501234");
        file.push(row("台山海宴渔业有限公司", "0750 5550 1234"));
        file.push(row("台山海宴渔业有限公司", "0750-55505678"));
        file.push(row("台山海宴渔业有限公司", "0750-55509876"));
        let r = import(&t, &gm, &file, Policy::Update, false).await;
        assert_eq!(errors(&r), vec![(202, "phone", "err-duplicate")]);
        assert_eq!((r.created, r.updated, r.failed), (200, 2, 1));
        let got = rep1
            .get(&format!("/api/v1/customers/{}", ids[1]))
            .await
            .json();
        assert_eq!(got["phone"], "0750-55509876", "{got}");
        assert_eq!(got["version"], 3, "{got}");
    }
);

storage_test!(
    a_large_import_is_followed_by_a_vacuum,
    |t: TestApp| async move {
        // New rows are read from the table, not the index alone, until a
        // vacuum marks their pages: after a large import the server runs one.
        let gm = actor(&t, "gm").await;
        let n = acre_app::upkeep::VACUUM_AFTER as usize;
        let rows: Vec<(String, String, String)> = (0..n)
            .map(|i| {
                (
                    format!("批量导入{i:05}科技有限公司"),
                    "公司型".to_string(),
                    format!("021-5{i:07}"),
                )
            })
            .collect();
        let before = t.vacuums("customers").await;
        let report = import(&t, &gm, &rows, Policy::Skip, false).await;
        assert_eq!(report.created, n, "{:?}", report.errors.first());
        t.expect_vacuum("customers", before).await;
    }
);
