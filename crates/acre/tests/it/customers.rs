//! Customer visibility (CU2, design.md §5): one predicate on every list,
//! search, count, export, print, lookup and link check.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Client, TestApp};
use crate::storage_test;

storage_test!(
    a_rep_sees_only_their_customers_and_their_contacts,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let rep2_id = t.user_id("rep2").await;
        // A rep registers customers for themselves, whatever owner they send.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "中山启明光电有限公司", "kind": "company", "owner_id": rep2_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let cid = r.json()["id"].as_i64().unwrap();
        let got = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
        assert_eq!(got["owner_id"], t.user_id("rep1").await);
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/contacts",
                json!({"name": "王经理", "customer_id": cid, "mobile": "138 0013 8000"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let contact = r.json()["id"].as_i64().unwrap();

        // rep2: not in lists, search, exports or print; by id exactly like a missing record.
        let mut rep2 = t.login("rep2").await;
        assert_eq!(
            rep2.get("/api/v1/customers?q=%E5%90%AF%E6%98%8E")
                .await
                .json()["total"],
            0
        );
        assert_eq!(
            rep2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            rep2.get(&format!("/api/v1/customers/{cid}")).await.text,
            rep2.get("/api/v1/customers/99999999").await.text
        );
        assert_eq!(
            rep2.get(&format!("/api/v1/contacts/{contact}"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let theirs = rep2.get("/api/v1/contacts?limit=200").await.json();
        assert!(
            theirs["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["id"] != contact),
            "rep1's contact is not in rep2's list"
        );
        let sheet = acre_docs::import::read_xlsx(&rep2.get_bytes("/r/customers/export.xlsx").await)
            .unwrap();
        assert!(
            sheet.rows.iter().all(|r| !r.join(",").contains("启明")),
            "export shows nothing of rep1's"
        );
        assert!(!rep2.get("/r/customers/print").await.text.contains("启明"));
        assert!(
            rep2.get("/r/customers/pick?q=%E5%90%AF%E6%98%8E")
                .await
                .text
                == "[]",
            "pickers too"
        );
        // …and cannot hang a contact on it, nor edit it.
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/contacts",
                json!({"name": "插队者", "customer_id": cid}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["error"]["fields"]["customer_id"].is_string());
        let r = rep2
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "name": "改名"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // rep1 cannot hand the customer over by editing the owner; nothing
        // of that edit is saved.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "owner_id": rep2_id, "grade": "B"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let got = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
        assert_eq!(got["owner_id"], t.user_id("rep1").await);
        assert!(got["grade"].is_null());
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "grade": "B"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);

        // Managers see their team's customers, not the other team's; the GM all.
        let mut m1 = t.login("manager1").await;
        assert_eq!(
            m1.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            m1.get(&format!("/api/v1/contacts/{contact}")).await.status,
            StatusCode::OK
        );
        let mut m2 = t.login("manager2").await;
        assert_eq!(
            m2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        let mut gm = t.login("gm").await;
        assert_eq!(
            gm.get("/api/v1/customers?q=%E5%90%AF%E6%98%8E")
                .await
                .json()["total"],
            1
        );
        // A manager edits a team member's customer; the owner changes only
        // by assigning it, which keeps the ownership history.
        let r = m1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 2, "owner_id": t.user_id("rep3").await}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.json()["error"]["fields"]["owner_id"].is_string());
        let r = m1
            .json(
                Method::POST,
                "/api/v1/customer-moves",
                json!({"action": "assign", "ids": [cid], "to_user": t.user_id("rep3").await}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            rep1.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND,
            "moved on the next request"
        );
        let mut rep3 = t.login("rep3").await;
        assert_eq!(
            rep3.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::OK
        );
    }
);

storage_test!(
    company_and_individual_files_validate_like_forms,
    |t: TestApp| async move {
        let mut rep = t.login("rep4").await;
        let r = rep
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "", "kind": "corporation", "credit_code": "91440300MA5F1234567890"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let f = &r.json()["error"]["fields"];
        assert!(
            f["name"].is_string() && f["kind"].is_string() && f["credit_code"].is_string(),
            "{f}"
        );
        let r = rep.json(Method::POST, "/api/v1/customers", json!({"name": "李先生", "kind": "individual", "gender": "male", "birthday": "1980-05-06", "income_band": "high"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let page = rep
            .get(&format!("/r/customers/{}", r.json()["id"]))
            .await
            .text;
        assert!(
            page.contains("家庭型") || page.contains("個人"),
            "kind shown with its label"
        );
    }
);

storage_test!(
    sharing_read_only_read_write_expiry_and_removal,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let rep2 = t.user_id("rep2").await;
        let cid = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "珠海共享测试有限公司", "kind": "company"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let mut r2 = t.login("rep2").await;
        assert_eq!(
            r2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        // Read-only: rep2 sees it (and its contacts) on the next request but cannot change it.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": rep2}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(
            r2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            r2.get("/api/v1/customers?q=%E5%85%B1%E4%BA%AB")
                .await
                .json()["total"],
            1
        );
        // So do rep2's scripts, which sign in with an API token.
        let mut script = t.client();
        script.bearer = r2
            .json(Method::POST, "/api/v1/me/tokens", json!({"name": "同步"}))
            .await
            .json()["token"]
            .as_str()
            .map(str::to_string);
        let shared_list = "/api/v1/customers?q=%E5%85%B1%E4%BA%AB";
        assert_eq!(script.get(shared_list).await.json()["total"], 1);
        let r = r2
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "grade": "A"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = r2
            .json(
                Method::POST,
                "/api/v1/contacts",
                json!({"name": "只读者", "customer_id": cid}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "a visible customer can be linked: {}",
            r.text
        );
        // Read-write: rep2 edits it; it stays rep1's.
        rep1.json(
            Method::POST,
            &format!("/api/v1/customers/{cid}/shares"),
            json!({"user_id": rep2, "can_write": true}),
        )
        .await;
        let r = r2
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "grade": "A"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            rep1.get(&format!("/api/v1/customers/{cid}")).await.json()["grade"],
            "A"
        );
        let shares = rep1
            .get(&format!("/api/v1/customers/{cid}/shares"))
            .await
            .json();
        assert_eq!(shares["items"][0]["can_write"], true);
        // An expired share is no share.
        rep1.json(
            Method::POST,
            &format!("/api/v1/customers/{cid}/shares"),
            json!({"user_id": rep2, "expires": "2020-01-01"}),
        )
        .await;
        assert_eq!(
            r2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        rep1.json(
            Method::POST,
            &format!("/api/v1/customers/{cid}/shares"),
            json!({"user_id": rep2, "expires": "2099-12-31"}),
        )
        .await;
        assert_eq!(
            r2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::OK
        );
        // Removing the share takes effect on the next request; strangers cannot share or unshare.
        let mut rep3 = t.login("rep3").await;
        assert_eq!(
            rep3.json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": t.user_id("rep3").await})
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            rep1.json(
                Method::DELETE,
                &format!("/api/v1/customers/{cid}/shares/{rep2}"),
                json!({})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(
            r2.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(script.get(shared_list).await.json()["total"], 0);
        assert_eq!(
            script.get(&format!("/api/v1/customers/{cid}")).await.status,
            StatusCode::NOT_FOUND
        );
        // Sharing with the owner is refused with a reason.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": t.user_id("rep1").await}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let h = rep1
            .get(&format!("/api/v1/customers/{cid}/history"))
            .await
            .json();
        let actions: Vec<&str> = h["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"shared") && actions.contains(&"unshared"),
            "{actions:?}"
        );
    }
);

storage_test!(
    the_same_company_spelled_differently_is_refused,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let r = rep1.json(Method::POST, "/api/v1/customers", json!({"name": "江门瑞丰电器有限公司", "kind": "company", "phone": "+86 750-3311 2200"})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let mut rep2 = t.login("rep2").await;
        // Traditional characters and full-width brackets: the same company.
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "江門瑞豐電器（中国）有限公司", "kind": "company"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        let e = r.json();
        assert_eq!(e["error"]["code"], "duplicate_customer");
        let msg = e["error"]["message"].as_str().unwrap();
        assert!(
            msg.contains("陈静") && msg.contains("一组"),
            "names the owner and department: {msg}"
        );
        assert!(!msg.contains("750"), "no private data");
        // The same phone in another format.
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "另一家公司", "kind": "company", "phone": "0750 33112200"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.json()["error"]["fields"]["phone"].is_string());
        // Renaming into a duplicate is refused as well; an unrelated name passes.
        let id = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "开平新光灯饰有限公司", "kind": "company"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = rep2
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{id}"),
                json!({"version": 1, "name": "江门瑞丰电器股份有限公司"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        // A deleted customer no longer blocks the name.
        let rid = rep1
            .get("/api/v1/customers?q=%E7%91%9E%E4%B8%B0")
            .await
            .json()["items"][0]["id"]
            .as_i64()
            .unwrap();
        assert_eq!(
            rep1.json(
                Method::DELETE,
                &format!("/api/v1/customers/{rid}"),
                json!({})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        let r = rep2
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "江门瑞丰电器有限公司", "kind": "company"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
);

storage_test!(
    company_and_family_files_show_their_own_sections,
    |t: TestApp| async move {
        let mut rep = t.login("rep5").await;
        let co = rep
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "湖州织造有限公司", "kind": "company"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let person = rep
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "周女士", "kind": "individual"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let company_page = rep.get(&format!("/r/customers/{co}")).await.text;
        assert!(
            company_page.contains("现有系统") && !company_page.contains("个人/家庭"),
            "company file sections"
        );
        let person_page = rep.get(&format!("/r/customers/{person}")).await.text;
        assert!(
            person_page.contains("个人/家庭") && !person_page.contains("现有系统"),
            "family file sections"
        );
        // The edit form keeps every section but hides those of the other kind.
        let form = rep.get(&format!("/r/customers/{person}/edit")).await.text;
        assert!(
            form.contains("d-none\" data-variant-field=\"kind\""),
            "other kind's sections hidden"
        );
    }
);

storage_test!(
    completeness_and_last_follow_up_keep_themselves,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "江门力拓五金有限公司", "kind": "company", "phone": "0750-3388123", "completeness": 100}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json()["id"].as_i64().unwrap();
        let path = format!("/api/v1/customers/{id}");
        // Two of the twenty key fields of a company file; the sent value is ignored.
        let got = rep1.get(&path).await.json();
        assert_eq!(got["completeness"], 10);
        let r = rep1
            .json(
                Method::PATCH,
                &path,
                json!({"version": got["version"], "industry": "hardware", "grade": "C"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(rep1.get(&path).await.json()["completeness"], 20);
        // An individual's file has fourteen key fields.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "林志明", "kind": "individual", "gender": "male"}),
            )
            .await;
        let person = r.json()["id"].as_i64().unwrap();
        assert_eq!(
            rep1.get(&format!("/api/v1/customers/{person}"))
                .await
                .json()["completeness"],
            14
        );
        // Filter and sort by it.
        let list = rep1
            .get("/api/v1/customers?f.completeness.min=15&sort=-completeness")
            .await
            .json();
        let names: Vec<&str> = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&"江门力拓五金有限公司") && !names.contains(&"林志明"));

        // A contact's last contact date is the customer's last follow-up, only ever later.
        for (who, day) in [("李工", "2026-11-20"), ("王总", "2026-10-01")] {
            let r = rep1
                .json(
                    Method::POST,
                    "/api/v1/contacts",
                    json!({"name": who, "customer_id": id, "last_contact": day}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let got = rep1.get(&path).await.json();
        let expected = acre_app::registry::value::parse_datetime("2026-11-20 00:00:00").unwrap();
        assert_eq!(got["last_followup_at"], expected);
        assert_eq!(got["completeness"], 20, "follow-ups are not file fields");
        // Every customer name links to the customer: here, in the contact list.
        let page = rep1.get("/r/contacts?q=%E6%9D%8E%E5%B7%A5").await.text;
        assert!(
            page.contains(&format!("href=\"/r/customers/{id}\"")),
            "{page}"
        );
    }
);

storage_test!(
    the_target_market_follows_industry_and_revenue,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "佛山顺德恒力电机有限公司", "kind": "company", "industry": "motors",
                       "revenue_band": "50m_500m", "target_market": "out"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json()["id"].as_i64().unwrap();
        let path = format!("/api/v1/customers/{id}");
        // A medium manufacturer is offered 易飞; the sent value is ignored.
        let got = rep1.get(&path).await.json();
        assert_eq!(got["target_market"], "yifei");
        let listed = |v: serde_json::Value| -> Vec<i64> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_i64().unwrap())
                .collect()
        };
        let yifei = rep1
            .get("/api/v1/customers?f.target_market=yifei")
            .await
            .json();
        assert!(listed(yifei).contains(&id));
        // Growing past RMB 5 亿 moves it to TIPTOP; an industry outside the
        // market takes it out; without an industry it is to be completed.
        for (change, expected) in [
            (json!({"revenue_band": "gt_500m"}), "tiptop"),
            (json!({"industry": "other"}), "out"),
            (json!({"industry": null}), "unknown"),
        ] {
            let version = rep1.get(&path).await.json()["version"].clone();
            let mut body = change.clone();
            body["version"] = version;
            let r = rep1.json(Method::PATCH, &path, body).await;
            assert_eq!(r.status, StatusCode::OK, "{change}: {}", r.text);
            assert_eq!(
                rep1.get(&path).await.json()["target_market"],
                expected,
                "{change}"
            );
        }
        let unknown = rep1
            .get("/api/v1/customers?f.target_market=unknown")
            .await
            .json();
        assert!(listed(unknown).contains(&id));
        let yifei = rep1
            .get("/api/v1/customers?f.target_market=yifei")
            .await
            .json();
        assert!(!listed(yifei).contains(&id));
        // The list offers it as a filter, in Chinese.
        let page = rep1.get("/r/customers").await.text;
        assert!(page.contains("目标市场"), "filter offered");
    }
);

storage_test!(
    only_managers_register_a_duplicate_anyway,
    |t: TestApp| async move {
        let body = json!({"name": "東莞華信電子（中國）有限公司", "kind": "company", "_register_anyway": true});
        let mut rep2 = t.login("rep2").await;
        let before = rep2.get("/api/v1/customers").await.json()["total"].clone();
        let r = rep2
            .json(Method::POST, "/api/v1/customers", body.clone())
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);
        assert_eq!(rep2.get("/api/v1/customers").await.json()["total"], before);
        // Without asking, a manager is told who owns it, like anyone.
        let mut m1 = t.login("manager1").await;
        let mut plain = body.clone();
        plain.as_object_mut().unwrap().remove("_register_anyway");
        let r = m1.json(Method::POST, "/api/v1/customers", plain).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "duplicate_customer");
        let r = m1.json(Method::POST, "/api/v1/customers", body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    }
);

storage_test!(
    a_reps_list_counts_the_same_on_every_page,
    |t: TestApp| async move {
        // A rep's own list in its default order brings its count with the page.
        let mut rep1 = t.login("rep1").await;
        let first = rep1.get("/api/v1/customers?limit=1").await.json();
        let n = first["total"].as_i64().unwrap();
        assert!(n >= 2, "the demo gives rep1 customers: {first}");
        assert_eq!(first["items"].as_array().unwrap().len(), 1);
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "丽水青田石雕有限公司", "kind": "company"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let last = rep1
            .get(&format!("/api/v1/customers?limit=1&offset={n}"))
            .await
            .json();
        assert_eq!(last["total"], n + 1, "{last}");
        assert!(last["items"][0]["name"].as_str().is_some(), "{last}");
        // Past the end there is no row to carry the count; it is still told.
        let past = rep1
            .get(&format!("/api/v1/customers?limit=5&offset={}", n + 10))
            .await
            .json();
        assert_eq!(past["total"], n + 1, "{past}");
        assert!(past["items"].as_array().unwrap().is_empty());
        // Filtered by an owner-indexed field: the count follows the filter.
        let b = rep1.get("/api/v1/customers?f.grade=B&limit=1").await.json();
        let all_b = rep1
            .get("/api/v1/customers?f.grade=B&limit=200")
            .await
            .json();
        assert_eq!(b["total"], all_b["items"].as_array().unwrap().len(), "{b}");
    }
);

/// A list's count (read from the kept tallies where it can be) against its
/// rows: `total` equals the rows on a page big enough for all of them.
async fn counted_as_listed(c: &mut Client, path: &str) -> i64 {
    let page = c.get(&format!("{path}&limit=200")).await.json();
    let n = page["total"].as_i64().expect("a total");
    assert_eq!(
        n as usize,
        page["items"].as_array().unwrap().len(),
        "{path}: {page}"
    );
    n
}

storage_test!(
    list_counts_follow_every_change_of_their_customers,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let mut rep2 = t.login("rep2").await;
        let mut m1 = t.login("manager1").await;
        let mut gm = t.login("gm").await;
        let rep1_id = t.user_id("rep1").await;
        let rep2_id = t.user_id("rep2").await;
        let of_rep1 = format!("/api/v1/customers?f.owner_id={rep1_id}&f.source=event");
        let b = counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=B").await;
        let ab = counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=A,B").await;
        let team = counted_as_listed(&mut m1, "/api/v1/customers?f.source=event").await;
        let gm_rep1 = counted_as_listed(&mut gm, &of_rep1).await;
        let pool_c = counted_as_listed(&mut gm, "/api/v1/customers?pool=1&f.grade=C").await;

        // Registered: counted for its owner, its team and the whole company.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "衢州江山蜂业有限公司", "kind": "company", "grade": "B", "source": "event"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let cid = r.json()["id"].as_i64().unwrap();
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=B").await,
            b + 1
        );
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=A,B").await,
            ab + 1
        );
        assert_eq!(
            counted_as_listed(&mut m1, "/api/v1/customers?f.source=event").await,
            team + 1
        );
        assert_eq!(counted_as_listed(&mut gm, &of_rep1).await, gm_rep1 + 1);

        // Re-graded by an edit: it leaves B and joins C.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{cid}"),
                json!({"version": 1, "grade": "C"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=B").await,
            b
        );
        let c = counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=C").await;

        // Shared with rep2: counted in rep2's lists, and no longer once the share ends.
        let rep2_c = counted_as_listed(&mut rep2, "/api/v1/customers?f.grade=C").await;
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": rep2_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep2, "/api/v1/customers?f.grade=C").await,
            rep2_c + 1
        );
        assert_eq!(
            counted_as_listed(
                &mut rep2,
                &format!("/api/v1/customers?f.owner_id={rep1_id}&f.grade=C")
            )
            .await,
            1
        );
        let r = rep1
            .json(
                Method::DELETE,
                &format!("/api/v1/customers/{cid}/shares/{rep2_id}"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep2, "/api/v1/customers?f.grade=C").await,
            rep2_c
        );

        // Deleted, then restored.
        let r = rep1
            .json(
                Method::DELETE,
                &format!("/api/v1/customers/{cid}"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=C").await,
            c - 1
        );
        assert_eq!(counted_as_listed(&mut gm, &of_rep1).await, gm_rep1);
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/restore"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=C").await,
            c
        );

        // Reclaimed by grade: the team's C customers go to the pool.
        let r = m1
            .json(
                Method::POST,
                "/api/v1/customer-moves",
                json!({"action": "reclaim", "filter": {"f.grade": "C"}, "reason": "reallocated"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let moved = r.json()["moved"].as_i64().unwrap();
        assert!(moved >= c, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=C").await,
            0
        );
        assert_eq!(
            counted_as_listed(&mut gm, "/api/v1/customers?pool=1&f.grade=C").await,
            pool_c + moved
        );
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?pool=1&f.grade=C").await,
            pool_c + moved
        );
        // An owner's customers in the pool: none.
        assert_eq!(
            counted_as_listed(
                &mut gm,
                &format!("/api/v1/customers?pool=1&f.owner_id={rep1_id}")
            )
            .await,
            0
        );
        // Assigning them back: the preview counts the pool's as having no owner.
        let rep3_id = t.user_id("rep3").await;
        let assign = json!({"action": "assign", "filter": {"f.grade": "C"}, "to_user": rep3_id});
        let p = m1
            .json(
                Method::POST,
                "/api/v1/customer-moves/preview",
                assign.clone(),
            )
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        let preview = p.json();
        assert_eq!(preview["count"], pool_c + moved, "{preview}");
        let from_pool = preview["by_owner"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["owner_id"].is_null())
            .expect("the pool's share");
        assert_eq!(from_pool["count"], pool_c + moved, "{preview}");
        let mut run = assign.clone();
        run["expected"] = preview["count"].clone();
        let r = m1.json(Method::POST, "/api/v1/customer-moves", run).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(
            counted_as_listed(&mut gm, "/api/v1/customers?pool=1&f.grade=C").await,
            0
        );

        // Bulk actions on a selection: a grade set on all of rep1's, then deleted.
        let mine = rep1.get("/api/v1/customers?limit=200").await.json();
        let ids: Vec<i64> = mine["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect();
        assert!(ids.len() >= 2, "{mine}");
        let picked: String = ids.iter().map(|id| format!("&ids={id}")).collect();
        for action in ["action=set&field=grade&value=D", "action=delete"] {
            let body = format!("csrf_token={}&{action}{picked}", rep1.csrf.clone().unwrap());
            let r = rep1
                .send(
                    Method::POST,
                    "/r/customers/bulk",
                    Some("application/x-www-form-urlencoded"),
                    body.into_bytes(),
                    false,
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}: {}", r.text);
            if action.starts_with("action=set") {
                assert_eq!(
                    counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=D").await,
                    ids.len() as i64
                );
            }
        }
        assert_eq!(
            counted_as_listed(&mut rep1, "/api/v1/customers?f.grade=D").await,
            0
        );
        assert_eq!(counted_as_listed(&mut gm, &of_rep1).await, 0);
    }
);
