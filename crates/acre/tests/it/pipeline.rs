//! Opportunities through the nine stages (SP4, SP5) with the approval engine
//! (AC9): moves one stage at a time, skips refused (NO) or sent to the
//! supervisor (NO*), who approves or rejects; nobody approves their own
//! request; visibility follows the customer; closing needs a reason; the
//! concession log's rule; the forecast list.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::storage_test;

async fn customer(c: &mut Client, name: &str) -> i64 {
    let r = c
        .json(
            Method::POST,
            "/api/v1/customers",
            json!({"name": name, "kind": "company", "grade": "B"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_i64().unwrap()
}

async fn opportunity(c: &mut Client, customer: i64, name: &str) -> Value {
    let id = c
        .create(
            "/api/v1/opportunities",
            json!({"name": name, "customer_id": customer, "amount": "380000", "close_date": "2027-03-15"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    c.get(&format!("/api/v1/opportunities/{id}")).await.json()
}

async fn move_to(c: &mut Client, id: i64, version: i64, stage: &str) -> crate::harness::Resp {
    c.json(
        Method::POST,
        &format!("/api/v1/opportunities/{id}/stage"),
        json!({"version": version, "stage": stage}),
    )
    .await
}

async fn get(c: &mut Client, id: i64) -> Value {
    c.get(&format!("/api/v1/opportunities/{id}")).await.json()
}

storage_test!(
    an_opportunity_starts_open_at_the_lead_list_with_the_customers_owner_and_grade,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "东莞华丰五金制品有限公司").await;
        let o = opportunity(&mut rep1, cid, "华丰 ERP 项目").await;
        assert_eq!(o["stage"], "lead_list");
        assert_eq!(o["status"], "open");
        assert_eq!(o["grade"], "B", "grade defaults from the customer");
        assert_eq!(o["owner_id"], t.user_id("rep1").await);
        // Stage and status are not typed: the generic edit ignores them.
        let id = o["id"].as_i64().unwrap();
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/opportunities/{id}"),
                json!({"version": o["version"], "stage": "signing", "status": "won", "products": "易飞ERP"}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let o = get(&mut rep1, id).await;
        assert_eq!(o["stage"], "lead_list");
        assert_eq!(o["status"], "open");
        assert_eq!(o["products"], "易飞ERP");
    }
);

storage_test!(visibility_follows_the_customer, |t: TestApp| async move {
    let mut rep1 = t.login("rep1").await;
    let cid = customer(&mut rep1, "佛山顺德美达电器有限公司").await;
    let o = opportunity(&mut rep1, cid, "美达 MES").await;
    let id = o["id"].as_i64().unwrap();
    let mut rep2 = t.login("rep2").await;
    assert_eq!(
        rep2.get(&format!("/api/v1/opportunities/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let list = rep2.get("/api/v1/opportunities").await.json();
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["id"] != id)
    );
    let r = move_to(&mut rep2, id, o["version"].as_i64().unwrap(), "first_visit").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // rep2 cannot hang an opportunity on rep1's customer either.
    let r = rep2
        .json(
            Method::POST,
            "/api/v1/opportunities",
            json!({"name": "抢单", "customer_id": cid}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    // Their manager sees it.
    let mut m1 = t.login("manager1").await;
    assert_eq!(
        m1.get(&format!("/api/v1/opportunities/{id}")).await.status,
        StatusCode::OK
    );
    // Handing the customer over hands its opportunities over: rep2 sees it
    // on the kanban, rep1 no longer does.
    let rep2_id = t.user_id("rep2").await;
    let r = rep1
        .json(
            Method::POST,
            "/api/v1/customer-moves",
            json!({"action": "transfer", "ids": [cid], "to_user": rep2_id, "reason": "handed_over"}),
        )
        .await;
    assert!(r.status.is_success(), "{}", r.text);
    let on_board = |board: &Value| {
        board["columns"][0]["cards"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id)
    };
    assert!(on_board(&rep2.get("/api/v1/pipeline/board").await.json()));
    assert!(!on_board(&rep1.get("/api/v1/pipeline/board").await.json()));
    assert_eq!(
        rep1.get(&format!("/api/v1/opportunities/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&mut rep2, id).await["customer_owner_id"], rep2_id);
});

storage_test!(
    the_kanban_pages_each_column_and_counts_what_the_actor_sees,
    |t: TestApp| async move {
        let mut rep4 = t.login("rep4").await;
        let cid = customer(&mut rep4, "中山小榄星光灯饰有限公司").await;
        let before = rep4.get("/api/v1/pipeline/board").await.json();
        let lead = before["columns"][0]["count"].as_i64().unwrap();
        for i in 0..23 {
            opportunity(&mut rep4, cid, &format!("星光灯饰 第{i}期")).await;
        }
        let board = rep4.get("/api/v1/pipeline/board?grade=B").await.json();
        assert_eq!(board["columns"].as_array().unwrap().len(), 9);
        let col = &board["columns"][0];
        assert_eq!(col["stage"], "lead_list");
        assert_eq!(col["cards"].as_array().unwrap().len(), 20);
        assert_eq!(col["has_next"], true);
        assert_eq!(col["cards"][0]["name"], "星光灯饰 第22期", "newest first");
        assert_eq!(col["cards"][0]["customer"], "中山小榄星光灯饰有限公司");
        let all = rep4.get("/api/v1/pipeline/board").await.json();
        assert_eq!(all["columns"][0]["count"].as_i64().unwrap(), lead + 23);
        // The next page of one column.
        let next = rep4
            .get("/api/v1/pipeline/board?grade=B&stage=lead_list&page=1")
            .await
            .json();
        let cards = next["columns"][0]["cards"].as_array().unwrap();
        assert!(cards.len() >= 3, "{next}");
        assert!(cards.iter().all(|c| c["grade"] == "B"));
        // rep1, in the other team, sees none of them; their manager all.
        let mut rep1 = t.login("rep1").await;
        let theirs = rep1
            .get("/api/v1/pipeline/board?stage=lead_list")
            .await
            .json();
        assert!(
            theirs["columns"][0]["cards"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["customer_id"] != cid)
        );
        let mut m2 = t.login("manager2").await;
        let team = m2
            .get("/api/v1/pipeline/board?stage=lead_list")
            .await
            .json();
        assert!(team["columns"][0]["count"].as_i64().unwrap() >= 23);
        let page = rep4.get("/pipeline?f.grade=B").await;
        assert!(page.text.contains("星光灯饰 第22期"));
        // Reclaimed to the pool, the customer's opportunities leave the
        // team's board (nobody works them) but stay open to the manager.
        let r = m2
            .json(
                Method::POST,
                "/api/v1/customer-moves",
                json!({"action": "reclaim", "ids": [cid], "reason": "reallocated"}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let team = m2
            .get("/api/v1/pipeline/board?stage=lead_list&grade=B")
            .await
            .json();
        let first = col["cards"][0]["id"].as_i64().unwrap();
        assert!(
            team["columns"][0]["cards"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["customer_id"] != cid)
        );
        assert_eq!(
            m2.get(&format!("/api/v1/opportunities/{first}"))
                .await
                .status,
            StatusCode::OK
        );
        // An unknown stage is a field error, not an empty board.
        let r = rep4.get("/api/v1/pipeline/board?stage=nowhere").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        // The page shows the column's cards (the customer is in the pool now:
        // rep4 sees none of it).
        let page = m2.get("/pipeline?f.grade=B").await;
        assert!(!page.text.contains("星光灯饰 第22期"));
    }
);

storage_test!(
    a_rep_walks_all_nine_stages_and_the_history_records_each,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "江门新会精工机械有限公司").await;
        let o = opportunity(&mut rep1, cid, "精工 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let mut v = o["version"].as_i64().unwrap();
        for stage in [
            "first_visit",
            "exchange",
            "research",
            "demo",
            "quote",
            "objections",
            "negotiation",
            "signing",
        ] {
            let r = move_to(&mut rep1, id, v, stage).await;
            assert_eq!(r.status, StatusCode::OK, "{stage}: {}", r.text);
            assert_eq!(r.json()["result"], "done");
            v = r.json()["version"].as_i64().unwrap();
        }
        let o = get(&mut rep1, id).await;
        assert_eq!(o["stage"], "signing");
        assert_eq!(o["probability"], 90.0);
        let h = rep1
            .get(&format!("/api/v1/opportunities/{id}/stages"))
            .await
            .json();
        let stages: Vec<&str> = h["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["stage"].as_str().unwrap())
            .collect();
        assert_eq!(stages.len(), 9);
        assert_eq!(stages[0], "lead_list");
        assert_eq!(stages[8], "signing");
        assert!(h["items"][0]["left_at"].is_i64() && h["items"][8]["left_at"].is_null());
        // Backwards is allowed and recorded.
        let r = move_to(&mut rep1, id, v, "demo").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let h = rep1
            .get(&format!("/api/v1/opportunities/{id}/stages"))
            .await
            .json();
        assert_eq!(h["items"].as_array().unwrap().len(), 10);
        // A stale version is refused, not merged.
        let r = move_to(&mut rep1, id, v, "quote").await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "stale_version");
    }
);

storage_test!(
    skipping_the_first_visit_is_refused_and_nothing_changes,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "中山小榄永盛灯饰有限公司").await;
        let o = opportunity(&mut rep1, cid, "永盛 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let v = o["version"].as_i64().unwrap();
        let asked = rep1.get("/api/v1/approvals?box=mine").await.json()["total"].clone();
        let r = move_to(&mut rep1, id, v, "exchange").await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.error_code(), "rule_refused");
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("初访"),
            "{}",
            r.text
        );
        let o = get(&mut rep1, id).await;
        assert_eq!(o["stage"], "lead_list");
        assert_eq!(o["version"], v);
        let mine = rep1.get("/api/v1/approvals?box=mine").await.json();
        assert_eq!(mine["total"], asked, "a refusal asks nobody");
    }
);

storage_test!(
    skipping_the_exchange_asks_the_manager_who_approves_and_it_moves,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "珠海斗门华南塑胶有限公司").await;
        let o = opportunity(&mut rep1, cid, "华南塑胶 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let r = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "first_visit").await;
        let v = r.json()["version"].as_i64().unwrap();
        let r = move_to(&mut rep1, id, v, "research").await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        assert_eq!(r.json()["result"], "requested");
        let aid = r.json()["approval_id"].as_i64().unwrap();
        // Not moved yet, and held: no further moves while pending.
        assert_eq!(get(&mut rep1, id).await["stage"], "first_visit");
        let r = move_to(&mut rep1, id, v, "exchange").await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "rule_refused");
        // The requester cannot approve their own request.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/decision"),
                json!({"version": 1, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Nor can a colleague, nor another team's manager.
        for who in ["rep2", "manager2"] {
            let mut c = t.login(who).await;
            let r = c
                .json(
                    Method::POST,
                    &format!("/api/v1/approvals/{aid}/decision"),
                    json!({"version": 1, "decision": "approve"}),
                )
                .await;
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{who}: {}",
                r.status
            );
        }
        assert_eq!(get(&mut rep1, id).await["stage"], "first_visit");
        // manager1 sees it waiting, with a notification, and approves.
        let mut m1 = t.login("manager1").await;
        let inbox = m1.get("/api/v1/approvals?box=todo").await.json();
        let waiting = inbox["total"].as_i64().unwrap();
        assert_eq!(inbox["items"][0]["id"], aid, "newest first");
        assert_eq!(inbox["items"][0]["kind"], "stage_skip");
        let n = m1.get("/api/v1/notifications").await.json();
        assert_eq!(n["items"][0]["link"], format!("/approvals/{aid}"));
        assert!(n["unread"].as_i64().unwrap() >= 1);
        let r = m1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/decision"),
                json!({"version": 1, "decision": "approve", "comment": "客户已看过演示"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["state"], "approved");
        let o = get(&mut rep1, id).await;
        assert_eq!(o["stage"], "research");
        let h = rep1
            .get(&format!("/api/v1/opportunities/{id}/stages"))
            .await
            .json();
        let last = h["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["stage"], "research");
        assert_eq!(last["approval_id"], aid);
        // The requester hears of it; the inbox is empty again.
        let n = rep1.get("/api/v1/notifications").await.json();
        assert_eq!(n["items"][0]["kind"], "approval_approved");
        assert_eq!(
            m1.get("/api/v1/approvals").await.json()["total"],
            waiting - 1
        );
        let mine = rep1.get("/api/v1/approvals?box=mine").await.json();
        assert_eq!(mine["items"][0]["state"], "approved");
        let d = rep1.get(&format!("/api/v1/approvals/{aid}")).await.json();
        let actions: Vec<&str> = d["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["submitted", "approved"]);
        // Deciding twice is refused.
        let r = m1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/decision"),
                json!({"version": 2, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
);

storage_test!(
    a_rejected_skip_needs_a_reason_and_leaves_the_stage,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "惠州仲恺宏达电子有限公司").await;
        let o = opportunity(&mut rep1, cid, "宏达 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let r = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "first_visit").await;
        let v = r.json()["version"].as_i64().unwrap();
        let aid = move_to(&mut rep1, id, v, "research").await.json()["approval_id"]
            .as_i64()
            .unwrap();
        let mut m1 = t.login("manager1").await;
        let url = format!("/api/v1/approvals/{aid}/decision");
        let r = m1
            .json(
                Method::POST,
                &url,
                json!({"version": 1, "decision": "reject"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["fields"]["comment"].is_string(),
            "{}",
            r.text
        );
        let r = m1
            .json(
                Method::POST,
                &url,
                json!({"version": 1, "decision": "reject", "comment": "先做交流"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let o = get(&mut rep1, id).await;
        assert_eq!(o["stage"], "first_visit");
        let d = rep1.get(&format!("/api/v1/approvals/{aid}")).await.json();
        assert_eq!(d["request"]["state"], "rejected");
        assert_eq!(d["request"]["reason"], "先做交流");
        // Free to move on one stage at a time.
        let r = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "exchange").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
);

storage_test!(
    a_returned_request_is_resubmitted_or_withdrawn_by_its_requester,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "肇庆高要金利五金厂").await;
        let o = opportunity(&mut rep1, cid, "金利 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let v = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "first_visit")
            .await
            .json()["version"]
            .as_i64()
            .unwrap();
        let aid = move_to(&mut rep1, id, v, "research").await.json()["approval_id"]
            .as_i64()
            .unwrap();
        let mut m1 = t.login("manager1").await;
        let r = m1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/decision"),
                json!({"version": 1, "decision": "return", "comment": "补充交流纪要"}),
            )
            .await;
        assert_eq!(r.json()["state"], "returned");
        // Someone else cannot resubmit it.
        let r = m1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/resubmit"),
                json!({"version": 2}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/resubmit"),
                json!({"version": 2, "comment": "已补充"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let todo = m1.get("/api/v1/approvals").await.json();
        assert_eq!(todo["items"][0]["id"], aid);
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/withdraw"),
                json!({"version": 3}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let after = m1.get("/api/v1/approvals").await.json();
        assert_eq!(
            after["total"].as_i64(),
            todo["total"].as_i64().map(|n| n - 1)
        );
        // Withdrawn: the opportunity is free again.
        let o = get(&mut rep1, id).await;
        let r = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "exchange").await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
);

storage_test!(
    the_administrator_edits_the_skip_rules_and_they_apply_at_once,
    |t: TestApp| async move {
        let mut admin = t.login("admin").await;
        let r = admin.get("/api/v1/stage-rules").await.json();
        assert_eq!(r["first_visit"], "no");
        assert_eq!(r["exchange"], "supervisor");
        // A rep may read but not change them.
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(
                Method::PUT,
                "/api/v1/stage-rules",
                json!({"first_visit": "ok"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = admin
            .json(
                Method::PUT,
                "/api/v1/stage-rules",
                json!({"first_visit": "maybe"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = admin
            .json(
                Method::PUT,
                "/api/v1/stage-rules",
                json!({"first_visit": "ok"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let cid = customer(&mut rep1, "清远英德恒通建材有限公司").await;
        let o = opportunity(&mut rep1, cid, "恒通 ERP").await;
        let r = move_to(
            &mut rep1,
            o["id"].as_i64().unwrap(),
            o["version"].as_i64().unwrap(),
            "exchange",
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    }
);

storage_test!(
    closing_needs_a_reason_and_a_lost_customer_is_logged_on_the_territory,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "汕头澄海玩具实业有限公司").await;
        let o = opportunity(&mut rep1, cid, "澄海玩具 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let url = format!("/api/v1/opportunities/{id}/close");
        let v = o["version"].as_i64().unwrap();
        let r = rep1
            .json(
                Method::POST,
                &url,
                json!({"version": v, "outcome": "lost", "reason": "  "}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(get(&mut rep1, id).await["status"], "open");
        let r = rep1
            .json(
                Method::POST,
                &url,
                json!({"version": v, "outcome": "lost", "reason": "价格高于竞争对手 20%"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let o = get(&mut rep1, id).await;
        assert_eq!(o["status"], "lost");
        assert_eq!(o["close_reason"], "价格高于竞争对手 20%");
        assert_eq!(o["probability"], 0.0);
        // Closed: no more moves or closing.
        let r = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "first_visit").await;
        assert_eq!(r.error_code(), "rule_refused");
        let rep1_id = t.user_id("rep1").await;
        let changes = rep1
            .get(&format!("/api/v1/territories/{rep1_id}/changes"))
            .await
            .json();
        let lost = changes["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["customer_id"] == cid && c["reason"] == "lost");
        assert!(lost, "{changes}");
    }
);

storage_test!(
    concessions_larger_than_the_last_or_for_nothing_are_flagged,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "韶关曲江冶金设备有限公司").await;
        let o = opportunity(&mut rep1, cid, "冶金设备 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let add = |subject: &'static str,
                   on: &'static str,
                   amount: &'static str,
                   back: &'static str| {
            json!({"subject": subject, "opportunity_id": id, "given_on": on, "amount": amount, "asked_back": back})
        };
        for body in [
            add("首次让价", "2027-01-05", "20000", "首付款提高到 40%"),
            add("第二次让价", "2027-01-12", "10000", "签约提前到月底"),
            add("第三次让价", "2027-01-19", "15000", ""),
        ] {
            let r = rep1.json(Method::POST, "/api/v1/concessions", body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let list = rep1
            .get(&format!(
                "/api/v1/concessions?f.opportunity_id={id}&sort=given_on"
            ))
            .await
            .json();
        let items = list["items"].as_array().unwrap();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0]["larger_than_before"], false);
        assert_eq!(items[1]["larger_than_before"], false);
        assert_eq!(items[2]["larger_than_before"], true, "{list}");
        assert_eq!(items[2]["nothing_back"], true);
        assert_eq!(items[0]["nothing_back"], false);
        // The concession inherits the opportunity's customer: rep2 sees none.
        let first = items[0]["id"].as_i64().unwrap();
        let one = rep1
            .get(&format!("/api/v1/concessions/{first}"))
            .await
            .json();
        assert_eq!(one["customer_id"], cid);
        let mut rep2 = t.login("rep2").await;
        let other = rep2
            .get(&format!("/api/v1/concessions?f.opportunity_id={id}"))
            .await
            .json();
        assert_eq!(other["items"].as_array().unwrap().len(), 0);
        // Deleting the middle one re-checks the rest: 15,000 > 20,000 no more.
        let mid = items[1]["id"].as_i64().unwrap();
        let r = rep1
            .json(
                Method::DELETE,
                &format!("/api/v1/concessions/{mid}"),
                json!({}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let list = rep1
            .get(&format!(
                "/api/v1/concessions?f.opportunity_id={id}&sort=given_on"
            ))
            .await
            .json();
        assert_eq!(list["items"][1]["larger_than_before"], false, "{list}");
    }
);

storage_test!(
    the_decision_map_places_people_in_quadrants_and_warns,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "河源源城东江电子有限公司").await;
        let o = opportunity(&mut rep1, cid, "东江 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let url = format!("/api/v1/opportunities/{id}/decision-map");
        let m = rep1.get(&url).await.json();
        assert_eq!(m["warn_few"], true);
        assert_eq!(m["warn_heads"], true);
        let contact = |name: &'static str, title: &'static str| {
            let body = json!({"name": name, "customer_id": cid, "title": title});
            (body, name)
        };
        let people = [contact("王总", "总经理"), contact("李会计", "财务经理")];
        let mut ids = Vec::new();
        for (body, _) in people {
            let r = rep1.json(Method::POST, "/api/v1/contacts", body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            ids.push(r.json()["id"].as_i64().unwrap());
        }
        // The accountant reports to the general manager.
        for (contact, influence, support, reports_to) in [
            (ids[0], "high", "low", None),
            (ids[1], "low", "high", Some(ids[0])),
        ] {
            let r = rep1
                .json(
                    Method::POST,
                    "/api/v1/decision-map",
                    json!({"opportunity_id": id, "contact_id": contact, "influence": influence, "support": support, "reports_to": reports_to}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let m = rep1.get(&url).await.json();
        assert_eq!(m["warn_few"], false);
        assert_eq!(m["warn_heads"], false, "{m}");
        let quadrants: Vec<&str> = m["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["quadrant"].as_str().unwrap())
            .collect();
        assert_eq!(quadrants, ["devil", "sweetie"]);
        // The page draws the org chart: the accountant a level under 王总.
        let page = rep1.get(&format!("/r/opportunities/{id}")).await.text;
        let chart = &page[page.find("id=\"org-chart\"").expect("the chart")..];
        let boss = chart
            .find("org-depth-0 quadrant-devil")
            .expect("王总 at the top");
        let under = chart
            .find("org-depth-1 quadrant-sweetie")
            .expect("李会计 under");
        assert!(boss < under);
        assert!(chart[boss..].find("王总").unwrap() < chart[boss..].find("李会计").unwrap());
    }
);

storage_test!(
    the_forecast_lists_open_a_and_b_by_close_month_within_sight,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = customer(&mut rep1, "茂名电白海洋食品有限公司").await;
        for (name, grade, close, amount) in [
            ("海洋食品 ERP", "A", "2031-02-10", "500000"),
            ("海洋食品 WMS", "B", "2031-02-20", "200000"),
            ("海洋食品 POS", "C", "2031-02-25", "90000"),
            ("海洋食品 HR", "A", "2031-04-01", "120000"),
        ] {
            rep1.create(
                "/api/v1/opportunities",
                json!({"name": name, "customer_id": cid, "grade": grade, "close_date": close, "amount": amount, "probability": "50"}),
            )
            .await;
        }
        let f = rep1
            .get("/api/v1/pipeline/forecast?from=2031-01")
            .await
            .json();
        let items = f["items"].as_array().unwrap();
        assert_eq!(items.len(), 3, "{f}");
        assert_eq!(items[0]["month"], "2031-02");
        assert_eq!(items[0]["grade"], "A");
        assert_eq!(items[0]["total"], 50_000_000);
        assert_eq!(items[0]["weighted"], 25_000_000);
        assert_eq!(items[1]["grade"], "B");
        assert_eq!(items[2]["month"], "2031-04");
        // The split counts every open one, the demo's included.
        assert!(f["split"]["close"].as_i64().unwrap() >= 2);
        assert!(f["split"]["nurture"].as_i64().unwrap() >= 2);
        // Another team's rep sees none of it.
        let f = t
            .login("rep4")
            .await
            .get("/api/v1/pipeline/forecast?from=2031-01")
            .await
            .json();
        assert_eq!(f["items"].as_array().unwrap().len(), 0);
    }
);

storage_test!(
    the_administrator_configures_a_chain_and_new_requests_follow_it,
    |t: TestApp| async move {
        let mut admin = t.login("admin").await;
        let url = "/api/v1/approval-flows/stage_skip";
        let f = admin.get(url).await.json();
        assert_eq!(f["steps"][0]["approver"], "superior");
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(
                Method::PUT,
                url,
                json!({"steps": [{"approver": "superior"}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = admin
            .json(
                Method::PUT,
                url,
                json!({"steps": [{"approver": "role", "role": "nobody"}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        // Supervisor, then the director.
        let r = admin
            .json(
                Method::PUT,
                url,
                json!({"steps": [{"approver": "superior"}, {"approver": "role", "role": "director"}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["steps"][1]["role"], "director");
        let cid = customer(&mut rep1, "揭阳榕城金兴不锈钢制品厂").await;
        let o = opportunity(&mut rep1, cid, "金兴 ERP").await;
        let id = o["id"].as_i64().unwrap();
        let v = move_to(&mut rep1, id, o["version"].as_i64().unwrap(), "first_visit")
            .await
            .json()["version"]
            .as_i64()
            .unwrap();
        let aid = move_to(&mut rep1, id, v, "research").await.json()["approval_id"]
            .as_i64()
            .unwrap();
        let d = rep1.get(&format!("/api/v1/approvals/{aid}")).await.json();
        assert_eq!(d["steps"].as_array().unwrap().len(), 2);
        assert_eq!(d["steps"][0]["approver_id"], t.user_id("manager1").await);
        assert_eq!(d["steps"][1]["approver_role"], "director");
        let mut m1 = t.login("manager1").await;
        let decision = format!("/api/v1/approvals/{aid}/decision");
        let r = m1
            .json(
                Method::POST,
                &decision,
                json!({"version": 1, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.json()["state"], "pending");
        assert_eq!(get(&mut rep1, id).await["stage"], "first_visit", "not yet");
        // The director's turn: manager1 cannot answer it twice.
        let r = m1
            .json(
                Method::POST,
                &decision,
                json!({"version": 2, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let mut director = t.login("director").await;
        let r = director
            .json(
                Method::POST,
                &decision,
                json!({"version": 2, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.json()["state"], "approved", "{}", r.text);
        assert_eq!(get(&mut rep1, id).await["stage"], "research");
    }
);

storage_test!(
    the_administrator_edits_approval_chains_on_their_page,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        assert_eq!(
            rep1.get("/admin/approval-flows").await.status,
            StatusCode::FORBIDDEN
        );
        let mut admin = t.login("admin").await;
        let page = admin.get("/admin/approval-flows").await;
        assert_eq!(page.status, StatusCode::OK);
        for id in ["flow-stage_skip", "flow-quote", "flow-contract"] {
            assert!(page.text.contains(id), "{id}");
        }
        let csrf = admin.csrf.clone().unwrap();
        let director = t.user_id("director").await.to_string();
        // Supervisor always; finance from ¥500,000; the director by name
        // under a floor price; the blank row is dropped.
        let r = admin
            .form(
                "/admin/approval-flows/quote",
                &[
                    ("csrf_token", &csrf),
                    ("s0.approver", "superior"),
                    ("s1.approver", "role"),
                    ("s1.role", "finance"),
                    ("s1.min_amount", "500000"),
                    ("s2.approver", "user"),
                    ("s2.user_id", &director),
                    ("s2.flag", "below_floor"),
                    ("s3.approver", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let f = admin.get("/api/v1/approval-flows/quote").await.json();
        let steps = f["steps"].as_array().unwrap();
        assert_eq!(steps.len(), 3, "{f}");
        assert_eq!(steps[1]["role"], "finance");
        assert_eq!(steps[1]["min_amount"], 50_000_000);
        assert_eq!(steps[2]["user_id"].to_string(), director);
        assert_eq!(steps[2]["flag"], "below_floor");
        let page = admin.get("/admin/approval-flows").await;
        assert!(page.text.contains("500000.00"), "the amount shows as saved");
        assert!(
            page.text.contains("李明"),
            "the named approver shows by name"
        );
        // A role step without its role, or a bad amount: shown again with
        // the error, and nothing saved.
        for bad in [
            vec![("s0.approver", "role"), ("s0.role", "")],
            vec![("s0.approver", "superior"), ("s0.min_amount", "五万")],
        ] {
            let mut fields = vec![("csrf_token", csrf.as_str())];
            fields.extend(bad);
            let r = admin.form("/admin/approval-flows/quote", &fields).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
            assert!(r.text.contains("quote-s0-error"), "the row's error shows");
            assert_eq!(
                admin.get("/api/v1/approval-flows/quote").await.json()["steps"]
                    .as_array()
                    .unwrap()
                    .len(),
                3
            );
        }
        // Without the CSRF token nothing changes.
        let r = admin
            .form(
                "/admin/approval-flows/quote",
                &[("s0.approver", "superior")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A kind that does not exist.
        let r = admin
            .form(
                "/admin/approval-flows/nothing",
                &[("csrf_token", &csrf), ("s0.approver", "superior")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
);

storage_test!(
    the_pipeline_views_filter_by_grade_owner_team_source_and_close_month,
    |t: TestApp| async move {
        let mut rep5 = t.login("rep5").await;
        let cid = customer(&mut rep5, "云浮新兴翔顺不锈钢有限公司").await;
        for (name, grade, source, close) in [
            ("翔顺 ERP", "A", "event", "2032-05-10"),
            ("翔顺 MES", "B", "customer_referral", "2032-05-20"),
            ("翔顺 WMS", "C", "event", "2032-06-01"),
        ] {
            rep5.create(
                "/api/v1/opportunities",
                json!({"name": name, "customer_id": cid, "grade": grade, "source": source, "close_date": close, "amount": "100000"}),
            )
            .await;
        }
        let names = |board: &Value| -> Vec<String> {
            board["columns"][0]["cards"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["customer_id"] == cid)
                .map(|c| c["name"].as_str().unwrap().to_string())
                .collect()
        };
        let mut m2 = t.login("manager2").await;
        let b = m2
            .get("/api/v1/pipeline/board?stage=lead_list&source=event&close_month=2032-05")
            .await
            .json();
        assert_eq!(names(&b), ["翔顺 ERP"]);
        let b = m2
            .get("/api/v1/pipeline/board?stage=lead_list&grade=A,B")
            .await
            .json();
        assert_eq!(names(&b), ["翔顺 MES", "翔顺 ERP"]);
        let rep5_id = t.user_id("rep5").await;
        let b = m2
            .get(&format!(
                "/api/v1/pipeline/board?stage=lead_list&owner_id={rep5_id}&grade=C"
            ))
            .await
            .json();
        assert_eq!(names(&b), ["翔顺 WMS"]);
        // By team: rep5's department holds them, manager1's does not.
        let dept = |u: &Value| u["department_id"].as_i64().unwrap();
        let me = rep5.get("/api/v1/me").await.json();
        let theirs = dept(&me["user"]);
        let b = m2
            .get(&format!(
                "/api/v1/pipeline/board?stage=lead_list&team={theirs}&grade=C"
            ))
            .await
            .json();
        assert_eq!(names(&b), ["翔顺 WMS"]);
        let mut m1 = t.login("manager1").await;
        let other = dept(&m1.get("/api/v1/me").await.json()["user"]);
        let b = m2
            .get(&format!(
                "/api/v1/pipeline/board?stage=lead_list&team={other}"
            ))
            .await
            .json();
        assert!(names(&b).is_empty());
        // The forecast narrows the same way: May 2032, A and B, events only.
        let f = m2
            .get("/api/v1/pipeline/forecast?from=2032-01&source=event")
            .await
            .json();
        let items = f["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{f}");
        assert_eq!(items[0]["grade"], "A");
        assert_eq!(items[0]["total"], 10_000_000);
        // A bad filter is a field error, not an empty view.
        for q in ["grade=E", "source=radio", "close_month=2032-13", "team=x"] {
            let r = m2.get(&format!("/api/v1/pipeline/board?{q}")).await;
            assert_eq!(
                r.status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{q}: {}",
                r.text
            );
        }
        // The pages carry the filter bar with what was chosen.
        let page = m2
            .get("/pipeline/forecast?from=2032-01&f.source=event")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains(r#"value="2032-01""#));
        let page = m2
            .get("/pipeline?f.source=event&f.close_month=2032-05")
            .await;
        assert!(page.text.contains("翔顺 ERP"));
        assert!(!page.text.contains("翔顺 MES"));
    }
);
