//! The benchmark customer base (`acre gen --customers`): generated customers
//! behave like registered ones — their owners see them, search finds them,
//! the duplicate check knows them, and each has contacts and a history.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

storage_test!(
    generated_customers_are_like_registered_ones,
    |t: TestApp| async move {
        let added = t.app.generate_customers(200, 7).await.unwrap();
        assert_eq!(added, 200);
        let rep1_id = t.user_id("rep1").await;
        let mut rep1 = t.login("rep1").await;
        let mut gm = t.login("gm").await;

        // The general manager sees every owned customer, and the pool besides.
        let all = gm.get("/api/v1/customers?limit=200").await.json();
        let pool = gm.get("/api/v1/customers?pool=1&limit=200").await.json();
        let owned = all["total"].as_i64().unwrap();
        let pooled = pool["total"].as_i64().unwrap();
        assert_eq!(owned + pooled, 210, "200 generated + 10 demo customers");
        assert!(
            (5..=40).contains(&pooled),
            "about a tenth in the pool: {pooled}"
        );

        // A rep sees exactly their own, and each of those has three contacts.
        let mine = rep1.get("/api/v1/customers?limit=200").await.json();
        let items = mine["items"].as_array().unwrap();
        assert!(items.len() > 10, "rep1 owns a share: {}", items.len());
        assert!(items.iter().all(|c| c["owner_id"] == rep1_id));
        // Demo customers are the most recently updated; generated ones come after.
        let generated = items.iter().rev().find(|c| c["kind"] == "company").unwrap();
        let id = generated["id"].as_i64().unwrap();
        let name = generated["name"].as_str().unwrap().to_string();
        let contacts = rep1
            .get(&format!("/api/v1/contacts?f.customer_id={id}"))
            .await
            .json();
        assert_eq!(contacts["total"], 3, "{contacts}");
        let history = rep1
            .get(&format!("/api/v1/customers/{id}/ownership"))
            .await
            .json();
        assert_eq!(history["items"][0]["action"], "registered", "{history}");

        // Someone else's is invisible to rep1.
        let others = gm
            .get(&format!(
                "/api/v1/customers?f.owner_id={}&limit=1",
                t.user_id("rep2").await
            ))
            .await
            .json();
        let theirs = others["items"][0]["id"].as_i64().unwrap();
        assert_eq!(
            rep1.get(&format!("/api/v1/customers/{theirs}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );

        // Search finds it by a substring of its name.
        let term: String = name.chars().skip(2).take(2).collect();
        let found = rep1
            .get(&format!(
                "/api/v1/customers?q={}&limit=200",
                urlencoding(&term)
            ))
            .await
            .json();
        assert!(
            found["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == id),
            "{term} finds {name}: {found}"
        );

        // Registering it again is refused as a duplicate, whoever tries.
        let mut rep2 = t.login("rep2").await;
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": name, "kind": "company"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.error_code(), "duplicate_customer");
        let phone = generated["phone"].as_str().unwrap();
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "全新名称测试有限公司", "kind": "company", "phone": phone}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "same phone: {}", r.text);
    }
);

fn urlencoding(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

storage_test!(
    a_search_matching_thousands_counts_up_to_two_thousand,
    |t: TestApp| async move {
        t.app.generate_customers(3000, 11).await.unwrap();
        let mut gm = t.login("gm").await;

        // Nearly every generated company is a 有限公司: far more than 2,000 match.
        let common = urlencoding("公司");
        let r = gm
            .get(&format!("/api/v1/customers?q={common}"))
            .await
            .json();
        assert_eq!(r["total"], 2000, "{}", r["total"]);
        assert_eq!(r["total_exact"], false);
        let items = r["items"].as_array().unwrap();
        assert_eq!(items.len(), 50);
        let stamps: Vec<i64> = items
            .iter()
            .map(|c| c["updated_at"].as_i64().unwrap())
            .collect();
        assert!(
            stamps.windows(2).all(|w| w[0] >= w[1]),
            "newest first: {stamps:?}"
        );
        // Found row by row (past 2,000 the page walks the sort's index).
        assert!(
            items
                .iter()
                .all(|c| c["name"].as_str().unwrap().contains("公司")),
            "{items:?}"
        );
        // Pages go on past the count.
        let far = gm
            .get(&format!(
                "/api/v1/customers?q={common}&limit=200&offset=2000"
            ))
            .await
            .json();
        assert_eq!(far["items"].as_array().unwrap().len(), 200);

        // The list says "more than", and offers the next page beyond the 40th.
        let page = gm.get(&format!("/r/customers?q={common}&page=40")).await;
        assert!(page.text.contains("超过 2,000 条"), "{}", page.text);
        assert!(page.text.contains("id=\"next-page\""));
        let search = gm.get(&format!("/api/v1/search?q={common}")).await.json();
        assert_eq!(search["customers_more"], true, "{search}");

        // Contacts seen through a team's customers are counted the same way;
        // the general manager's, seen without a lookup, exactly.
        let mut manager1 = t.login("manager1").await;
        let team = manager1.get("/api/v1/contacts").await.json();
        assert_eq!(team["total"], 2000, "{}", team["total"]);
        assert_eq!(team["total_exact"], false);
        assert_eq!(team["items"].as_array().unwrap().len(), 50);
        let all = gm.get("/api/v1/contacts").await.json();
        assert_eq!(all["total_exact"], true);
        assert!(all["total"].as_i64().unwrap() > 9000, "{}", all["total"]);

        // A rarer term is counted exactly.
        let one = items[0]["name"].as_str().unwrap();
        let r = gm
            .get(&format!("/api/v1/customers?q={}", urlencoding(one)))
            .await
            .json();
        assert_eq!(r["total_exact"], true, "{r}");
        assert!(r["total"].as_i64().unwrap() >= 1);
    }
);

storage_test!(
    generated_opportunities_carry_their_customers_owner,
    |t: TestApp| async move {
        // Who sees an opportunity follows its copy of the customer's owner,
        // so generated ones must hold it as saved ones do.
        t.app.generate_customers(100, 3).await.unwrap();
        let made = t
            .app
            .generate(&acre_app::opportunities::OPPORTUNITIES, 150, 5)
            .await
            .unwrap();
        assert_eq!(made, 150);
        let row = t
            .app
            .db
            .fetch_optional(
                "SELECT COUNT(*) AS n FROM opportunities o JOIN customers c ON c.id = o.customer_id \
                 WHERE o.customer_owner_id IS DISTINCT FROM c.owner_id",
                &[],
            )
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.i64("n"), 0);
    }
);
