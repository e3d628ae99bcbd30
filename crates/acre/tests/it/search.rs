//! Customer and contact search (design.md §7): Traditional or Simplified,
//! pinyin initials and full pinyin, phones in any format, and only what the
//! searcher may see — in lists, the global search API, its page and typeahead.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::storage_test;

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Names of the customers (or contacts) the global search API answers.
async fn found(c: &mut Client, q: &str, kind: &str) -> Vec<String> {
    let r = c.get(&format!("/api/v1/search?q={}", enc(q))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    r.json()[kind]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect()
}

/// Names a registry list search answers; its count must agree with them
/// (the count is a statement of its own, planned differently).
async fn listed(c: &mut Client, res: &str, q: &str) -> Vec<String> {
    let v: Value = c.get(&format!("/api/v1/{res}?q={}", enc(q))).await.json();
    let names: Vec<String> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(v["total"], names.len(), "{res}?q={q}: {v}");
    names
}

async fn create(c: &mut Client, res: &str, body: Value) -> i64 {
    let r = c.json(Method::POST, &format!("/api/v1/{res}"), body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_i64().unwrap()
}

// The demo gives rep1 东莞华信电子有限公司.
const HUAXIN: &str = "东莞华信电子有限公司";

storage_test!(
    traditional_and_simplified_find_each_other,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        assert!(
            found(&mut rep1, "東莞華信", "customers")
                .await
                .contains(&HUAXIN.to_string())
        );
        assert!(
            listed(&mut rep1, "customers", "華信電子")
                .await
                .contains(&HUAXIN.to_string())
        );
        create(
            &mut rep1,
            "customers",
            json!({"name": "溫州鴻運機械有限公司", "kind": "company"}),
        )
        .await;
        for q in ["鸿运机械", "溫州鴻運", "运机"] {
            assert_eq!(
                found(&mut rep1, q, "customers").await,
                ["溫州鴻運機械有限公司"],
                "{q}"
            );
        }
    }
);

storage_test!(pinyin_initials_and_full_pinyin, |t: TestApp| async move {
    let mut rep1 = t.login("rep1").await;
    for q in ["hxdz", "HXDZ", "huaxin", "huaxindianzi", "dghx"] {
        assert!(
            found(&mut rep1, q, "customers")
                .await
                .contains(&HUAXIN.to_string()),
            "{q}"
        );
    }
    create(
        &mut rep1,
        "customers",
        json!({"name": "宁波华为科技有限公司", "kind": "company"}),
    )
    .await;
    assert_eq!(
        found(&mut rep1, "hwkj", "customers").await,
        ["宁波华为科技有限公司"]
    );
    assert_eq!(
        listed(&mut rep1, "customers", "huawei").await,
        ["宁波华为科技有限公司"]
    );
    // Words of both kinds together: each narrows the other.
    assert_eq!(listed(&mut rep1, "customers", "东莞 hxdz").await, [HUAXIN]);
    assert!(listed(&mut rep1, "customers", "宁波 hxdz").await.is_empty());
    // Ordinary letters still match ordinary text, and nonsense matches nothing.
    assert!(found(&mut rep1, "zzqx", "customers").await.is_empty());
});

storage_test!(phones_in_any_format, |t: TestApp| async move {
    let mut rep1 = t.login("rep1").await;
    create(
        &mut rep1,
        "customers",
        json!({"name": "台州永康五金有限公司", "kind": "company", "phone": "+86 139-2288-6611"}),
    )
    .await;
    for q in ["+86 139-2288-6611", "139 2288 6611", "13922886611", "6611"] {
        assert_eq!(
            found(&mut rep1, q, "customers").await,
            ["台州永康五金有限公司"],
            "{q}"
        );
    }
    assert_eq!(
        listed(&mut rep1, "customers", "139 2288 6611").await,
        ["台州永康五金有限公司"]
    );
    assert!(
        found(&mut rep1, "139 2288 6612", "customers")
            .await
            .is_empty()
    );
});

storage_test!(
    contacts_by_pinyin_with_their_customer,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = create(
            &mut rep1,
            "customers",
            json!({"name": "合肥瑞祥包装有限公司", "kind": "company"}),
        )
        .await;
        create(
            &mut rep1,
            "contacts",
            json!({"name": "欧阳振华", "customer_id": cid, "mobile": "137-5566-7788"}),
        )
        .await;
        for q in ["oyzh", "ouyang", "歐陽", "13755667788"] {
            let r = rep1
                .get(&format!("/api/v1/search?q={}", enc(q)))
                .await
                .json();
            let hit = &r["contacts"][0];
            assert_eq!(hit["name"], "欧阳振华", "{q}: {r}");
            assert_eq!(hit["customer_name"], "合肥瑞祥包装有限公司");
            assert_eq!(hit["customer_id"], cid);
        }
        // The results page lists both kinds.
        let page = rep1.get(&format!("/search?q={}", enc("ruixiang"))).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("合肥瑞祥包装有限公司"));
        let page = rep1.get(&format!("/search?q={}", enc("oyzh"))).await;
        assert!(page.text.contains("欧阳振华") && page.text.contains("合肥瑞祥包装有限公司"));
    }
);

storage_test!(
    search_shows_only_what_the_searcher_may_see,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = create(
            &mut rep1,
            "customers",
            json!({"name": "常州恒通物流有限公司", "kind": "company", "phone": "0519-8866 2211"}),
        )
        .await;
        create(
            &mut rep1,
            "contacts",
            json!({"name": "司马光明", "customer_id": cid}),
        )
        .await;
        let mut rep2 = t.login("rep2").await;
        let mut manager1 = t.login("manager1").await;
        let mut manager2 = t.login("manager2").await;
        for q in [
            "hxdz",
            "東莞華信",
            "htwl",
            "hengtong",
            "0519 8866 2211",
            "smgm",
        ] {
            let r = rep2
                .get(&format!("/api/v1/search?q={}", enc(q)))
                .await
                .json();
            assert_eq!(r["customers_total"], 0, "rep2 {q}: {r}");
            assert_eq!(r["contacts_total"], 0, "rep2 {q}: {r}");
            assert!(listed(&mut rep2, "customers", q).await.is_empty(), "{q}");
            // The page and the typeahead neither.
            let page = rep2.get(&format!("/search?q={}", enc(q))).await.text;
            assert!(!page.contains("恒通") && !page.contains("华信电子"), "{q}");
            rep2.htmx = true;
            let typeahead = rep2.get(&format!("/search?q={}", enc(q))).await.text;
            rep2.htmx = false;
            assert!(
                !typeahead.contains("恒通") && !typeahead.contains("司马"),
                "{q}"
            );
            // rep1's manager sees the team's; the other team's manager does not.
            let r = manager1
                .get(&format!("/api/v1/search?q={}", enc(q)))
                .await
                .json();
            assert_eq!(
                r["customers_total"].as_i64().unwrap() + r["contacts_total"].as_i64().unwrap(),
                1,
                "manager1 {q}: {r}"
            );
            let r = manager2
                .get(&format!("/api/v1/search?q={}", enc(q)))
                .await
                .json();
            assert_eq!(r["customers_total"], 0, "manager2 {q}: {r}");
        }
        // The owner's typeahead shows the customer, linked.
        rep1.htmx = true;
        let typeahead = rep1.get(&format!("/search?q={}", enc("htwl"))).await.text;
        assert!(
            typeahead.contains(&format!("/r/customers/{cid}"))
                && typeahead.contains("常州恒通物流有限公司"),
            "{typeahead}"
        );
        // No box, no results for the administrator, who works with no customers.
        let mut admin = t.login("admin").await;
        let r = admin.get("/api/v1/search?q=hxdz").await.json();
        assert_eq!(r["customers_total"], 0);
        assert!(!admin.get("/").await.text.contains("global-search"));
        assert!(rep2.get("/").await.text.contains("global-search"));
    }
);

storage_test!(an_older_index_is_rebuilt_once, |t: TestApp| async move {
    // A database indexed before pinyin keys existed: bigrams only, version 1.
    let db = &t.app.db;
    db.execute(
        "DELETE FROM search_grams WHERE gram LIKE 'py%' OR gram LIKE 'tel%'",
        &[],
    )
    .await
    .unwrap();
    db.execute("UPDATE search_index_versions SET version = 1", &[])
        .await
        .unwrap();
    let mut rep1 = t.login("rep1").await;
    assert!(found(&mut rep1, "hxdz", "customers").await.is_empty());
    assert!(t.app.ensure_search_index().await.unwrap() > 0);
    assert!(
        found(&mut rep1, "hxdz", "customers")
            .await
            .contains(&HUAXIN.to_string())
    );
    // Once: the next start finds nothing to do.
    assert_eq!(t.app.ensure_search_index().await.unwrap(), 0);
});

/// Keys of a record, as stored.
/// How many owner changes the log holds for customer `id`.
async fn history_of(t: &TestApp, id: i64) -> usize {
    t.app
        .db
        .fetch_all(
            "SELECT id FROM ownership_history WHERE customer_id = $1",
            &[id.into()],
        )
        .await
        .unwrap()
        .len()
}

async fn keys_of(t: &TestApp, id: i64) -> Vec<String> {
    t.app
        .db
        .fetch_all(
            "SELECT gram FROM search_grams WHERE resource = 'customers' AND record_id = $1",
            &[id.into()],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.str("gram"))
        .collect()
}

storage_test!(
    search_follows_edits_and_purges_across_blocks,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let a = create(
            &mut rep1,
            "customers",
            json!({"name": "苏州恒达机械有限公司", "kind": "company", "phone": "0512-6688 1234"}),
        )
        .await;
        // The next customer lands in a later block of the search index.
        let jump = match t.app.db.backend() {
            acre_store::Backend::Sqlite => {
                "UPDATE sqlite_sequence SET seq = 199999 WHERE name = 'customers'"
            }
            acre_store::Backend::Postgres => {
                "ALTER TABLE customers ALTER COLUMN id RESTART WITH 200000"
            }
        };
        t.app.db.execute(jump, &[]).await.unwrap();
        let b = create(
            &mut rep1,
            "customers",
            json!({"name": "苏州恒达精密有限公司", "kind": "company"}),
        )
        .await;
        assert_eq!(b / acre_app::registry::search::BLOCK, 200_000 / 65_536);
        let both = found(&mut rep1, "恒达", "customers").await;
        assert!(
            both.contains(&"苏州恒达机械有限公司".to_string()),
            "{both:?}"
        );
        assert!(
            both.contains(&"苏州恒达精密有限公司".to_string()),
            "{both:?}"
        );
        assert_eq!(
            listed(&mut rep1, "customers", "hdjm").await,
            vec!["苏州恒达精密有限公司"]
        );
        assert_eq!(
            listed(&mut rep1, "customers", "0512 66881234").await,
            vec!["苏州恒达机械有限公司"]
        );

        // A new name and number: the old ones find it no more.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{a}"),
                json!({"version": 1, "name": "苏州永泰机械有限公司", "phone": "0512-6688 9999"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            found(&mut rep1, "恒达", "customers").await,
            vec!["苏州恒达精密有限公司"]
        );
        assert_eq!(
            listed(&mut rep1, "customers", "ytjx").await,
            vec!["苏州永泰机械有限公司"]
        );
        assert!(
            listed(&mut rep1, "customers", "0512 66881234")
                .await
                .is_empty()
        );
        assert_eq!(
            listed(&mut rep1, "customers", "051266889999").await,
            vec!["苏州永泰机械有限公司"]
        );
        let kept = keys_of(&t, a).await;
        assert!(kept.contains(&"永泰".to_string()) && !kept.contains(&"恒达".to_string()));

        // Purged for good: none of its keys stay behind.
        assert!(!keys_of(&t, b).await.is_empty());
        assert_eq!(history_of(&t, b).await, 1, "its registration");
        let r = rep1
            .json(Method::DELETE, &format!("/api/v1/customers/{b}"), json!({}))
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let mut admin = t.login("admin").await;
        let csrf = admin.csrf.clone().unwrap();
        let r = admin
            .send(
                Method::POST,
                &format!("/r/customers/{b}/purge"),
                Some("application/x-www-form-urlencoded"),
                format!("csrf_token={csrf}").into_bytes(),
                false,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert!(keys_of(&t, b).await.is_empty());
        assert!(found(&mut rep1, "恒达", "customers").await.is_empty());
        // Its owners' history goes with it (the log keeps no foreign keys).
        assert_eq!(history_of(&t, b).await, 0);
    }
);

storage_test!(
    global_search_shows_the_most_recently_changed_first,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let older = create(
            &mut rep1,
            "customers",
            json!({"name": "绍兴瑞丰纺织有限公司", "kind": "company"}),
        )
        .await;
        create(
            &mut rep1,
            "customers",
            json!({"name": "绍兴瑞丰印染有限公司", "kind": "company"}),
        )
        .await;
        assert_eq!(
            found(&mut rep1, "瑞丰", "customers").await,
            ["绍兴瑞丰印染有限公司", "绍兴瑞丰纺织有限公司"]
        );
        // Clocks tick in milliseconds: let the edit come visibly later.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{older}"),
                json!({"version": 1, "short_name": "瑞丰纺织"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            found(&mut rep1, "瑞丰", "customers").await,
            ["绍兴瑞丰纺织有限公司", "绍兴瑞丰印染有限公司"]
        );
    }
);
