//! Allocation, transfer and the pool (CU4, CU5): counts before running, one
//! transaction, ownership history, the pool's limits and the idle rule.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, Resp, TestApp};
use crate::storage_test;

/// The id of a demo customer by (part of) its name, as seen by `c`.
async fn customer_id(c: &mut Client, name: &str, pool: bool) -> Option<i64> {
    let path = format!(
        "/api/v1/customers?limit=200{}",
        if pool { "&pool=1" } else { "" }
    );
    let list = c.get(&path).await.json();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"].as_str().unwrap_or("").contains(name))
        .and_then(|i| i["id"].as_i64())
}

/// `POST /api/v1/customer-moves` as `c`.
async fn run_move(c: &mut Client, body: Value) -> Resp {
    c.json(Method::POST, "/api/v1/customer-moves", body).await
}

fn names(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap_or("").to_string())
        .collect()
}

storage_test!(
    a_manager_reclaims_by_grade_and_assigns_from_the_pool,
    |t: TestApp| async move {
        let mut m1 = t.login("manager1").await;
        let mut rep1 = t.login("rep1").await;
        let rep3 = t.user_id("rep3").await;
        let move_b =
            json!({"action": "reclaim", "filter": {"f.grade": "B"}, "reason": "reallocated"});

        // The count comes first, by owner, and only within the manager's team.
        let p = m1
            .json(
                Method::POST,
                "/api/v1/customer-moves/preview",
                move_b.clone(),
            )
            .await;
        assert_eq!(p.status, StatusCode::OK, "{}", p.text);
        assert_eq!(
            p.json()["count"],
            2,
            "锐达 (rep1) and 穗丰 (rep2), not 云裳 of team 2"
        );
        assert_eq!(p.json()["by_owner"].as_array().unwrap().len(), 2);
        let mut m2 = t.login("manager2").await;
        let p2 = m2
            .json(
                Method::POST,
                "/api/v1/customer-moves/preview",
                move_b.clone(),
            )
            .await;
        assert_eq!(p2.json()["count"], 1);

        // A rep may not reclaim; nothing changes.
        let r = run_move(&mut rep1, move_b.clone()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(customer_id(&mut rep1, "锐达", false).await.is_some());

        // A count that changed since the preview stops the run.
        let mut stale = move_b.clone();
        stale["expected"] = json!(5);
        let r = run_move(&mut m1, stale).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert!(customer_id(&mut rep1, "锐达", false).await.is_some());

        let mut ok = move_b.clone();
        ok["expected"] = json!(2);
        let r = run_move(&mut m1, ok).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["moved"], 2);

        // Out of rep1's list, into the pool every rep sees.
        assert!(customer_id(&mut rep1, "锐达", false).await.is_none());
        let pool = rep1.get("/api/v1/customers?pool=1").await.json();
        assert_eq!(pool["total"], 2, "{pool}");
        let ruida = customer_id(&mut rep1, "锐达", true).await.unwrap();
        let got = rep1.get(&format!("/api/v1/customers/{ruida}")).await;
        assert_eq!(
            got.status,
            StatusCode::OK,
            "a pool customer can be looked at"
        );
        assert!(got.json()["owner_id"].is_null());
        // …but only those who allocate maintain it.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/customers/{ruida}"),
                json!({"version": got.json()["version"], "region": "华北"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.text);

        // Select assign: chosen pool customers to rep3 — not to another team's rep.
        let rep4 = t.user_id("rep4").await;
        let r = run_move(
            &mut m1,
            json!({"action": "assign", "ids": [ruida], "to_user": rep4}),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(r.json()["error"]["fields"]["to_user"].is_string());
        let r = run_move(
            &mut m1,
            json!({"action": "assign", "ids": [ruida], "to_user": rep3}),
        )
        .await;
        assert_eq!(r.json()["moved"], 1, "{}", r.text);
        let mut r3 = t.login("rep3").await;
        assert!(customer_id(&mut r3, "锐达", false).await.is_some());

        // The history says who, when and why.
        let h = rep1
            .get(&format!("/api/v1/customers/{ruida}/ownership"))
            .await;
        assert_eq!(h.status, StatusCode::NOT_FOUND, "rep1 no longer sees it");
        let h = r3
            .get(&format!("/api/v1/customers/{ruida}/ownership"))
            .await
            .json();
        let actions: Vec<&str> = h["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["action"].as_str().unwrap())
            .collect();
        assert_eq!(actions, ["assigned", "reclaimed", "registered"]);
        assert_eq!(h["items"][1]["from_user"], "陈静");
        assert_eq!(h["items"][1]["by_user"], "张伟");
        assert_eq!(h["items"][0]["to_user"], "赵磊");
    }
);

storage_test!(
    a_rep_transfers_own_customers_with_a_reason,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let mut rep2 = t.login("rep2").await;
        let rep2_id = t.user_id("rep2").await;
        let huaxin = customer_id(&mut rep1, "华信", false).await.unwrap();
        let suifeng = customer_id(&mut rep2, "穗丰", false).await.unwrap();

        let r = run_move(
            &mut rep1,
            json!({"action": "transfer", "ids": [huaxin], "to_user": rep2_id}),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["error"]["fields"]["reason"].is_string());

        // Only their own: rep2's customer is not rep1's to hand over.
        let rep3 = t.user_id("rep3").await;
        let r = run_move(&mut rep1, json!({"action": "transfer", "ids": [suifeng], "to_user": rep3, "reason": "handed_over"})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(customer_id(&mut rep2, "穗丰", false).await.is_some());

        let r = run_move(&mut rep1, json!({"action": "transfer", "filter": {"f.grade": "A"}, "to_user": rep2_id, "reason": "exchange", "note": "换区"})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["moved"], 1);
        assert!(customer_id(&mut rep1, "华信", false).await.is_none());
        assert!(customer_id(&mut rep2, "华信", false).await.is_some());
        let h = rep2
            .get(&format!("/api/v1/customers/{huaxin}/ownership"))
            .await
            .json();
        assert_eq!(h["items"][0]["reason"], "exchange");
        assert_eq!(h["items"][0]["note"], "换区");

        // Both territories log it, newest first: rep1's as a customer that
        // left (to rep2), rep2's as one that joined (from rep1).
        let rep1_id = t.user_id("rep1").await;
        let left = rep1
            .get(&format!("/api/v1/territories/{rep1_id}/changes"))
            .await
            .json();
        assert_eq!(left["total"], 3, "two registrations and the transfer");
        assert_eq!(left["items"][0]["customer_id"], huaxin);
        assert_eq!(left["items"][0]["joined"], false);
        assert_eq!(left["items"][0]["other"], "杨帆");
        assert_eq!(left["items"][1]["joined"], true);
        let newest = rep1
            .get(&format!("/api/v1/territories/{rep1_id}/changes?limit=1"))
            .await
            .json();
        assert_eq!(newest["total"], 1);
        assert_eq!(newest["items"][0]["customer_id"], huaxin);
        let joined = rep2
            .get(&format!("/api/v1/territories/{rep2_id}/changes"))
            .await
            .json();
        assert_eq!(joined["items"][0]["customer_id"], huaxin);
        assert_eq!(joined["items"][0]["joined"], true);
        assert_eq!(joined["items"][0]["other"], "陈静");
    }
);

storage_test!(
    claiming_from_the_pool_keeps_to_its_limits,
    |t: TestApp| async move {
        let mut m1 = t.login("manager1").await;
        let rules = json!({"daily_claim_limit": 1, "cooldown_days": 30, "holding_cap": null,
            "idle_days": [null, null, null, null, null], "warn_days": 7});
        let r = m1.json(Method::PUT, "/api/v1/pool/rules", rules).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let mut rep1 = t.login("rep1").await;
        let r = rep1
            .json(Method::PUT, "/api/v1/pool/rules", json!({"warn_days": 1}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "reps do not set the rules");

        let rep2_id = t.user_id("rep2").await;
        let r = run_move(
            &mut m1,
            json!({"action": "reclaim", "filter": {"f.owner_id": rep2_id.to_string()}}),
        )
        .await;
        assert_eq!(r.json()["moved"], 2, "{}", r.text);
        let pool = rep1.get("/api/v1/customers?pool=1").await.json();
        let ids: Vec<i64> = pool["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 2, "{:?}", names(&pool));

        // The former owner waits out the cooldown.
        let mut rep2 = t.login("rep2").await;
        let r = run_move(&mut rep2, json!({"action": "claim", "ids": [ids[0]]})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.error_code(), "limit_reached");

        // One claim a day.
        let r = run_move(&mut rep1, json!({"action": "claim", "ids": [ids[0]]})).await;
        assert_eq!(r.json()["moved"], 1, "{}", r.text);
        let r = run_move(&mut rep1, json!({"action": "claim", "ids": [ids[1]]})).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.json()["error"]["message"].as_str().unwrap().contains('1'));
        // Someone else's claim of a customer no longer in the pool moves nothing.
        let mut rep3 = t.login("rep3").await;
        let r = run_move(&mut rep3, json!({"action": "claim", "ids": [ids[0]]})).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);

        // The holding cap: rep1 holds three now.
        let rules = json!({"daily_claim_limit": null, "cooldown_days": null, "holding_cap": 3,
            "idle_days": [null, null, null, null, null], "warn_days": 7});
        m1.json(Method::PUT, "/api/v1/pool/rules", rules).await;
        let r = run_move(&mut rep1, json!({"action": "claim", "ids": [ids[1]]})).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        // Releasing one makes room.
        let r = run_move(
            &mut rep1,
            json!({"action": "release", "ids": [ids[0]], "reason": "closed_down"}),
        )
        .await;
        assert_eq!(r.json()["moved"], 1, "{}", r.text);
        let r = run_move(&mut rep1, json!({"action": "claim", "ids": [ids[1]]})).await;
        assert_eq!(r.json()["moved"], 1, "{}", r.text);
    }
);

storage_test!(
    idle_customers_return_to_the_pool_on_one_instance,
    |t: TestApp| async move {
        let app = &t.app;
        let mut m1 = t.login("manager1").await;
        let rules = json!({"daily_claim_limit": null, "cooldown_days": null, "holding_cap": null,
            "idle_days": [null, null, null, 30, null], "warn_days": 7});
        let r = m1.json(Method::PUT, "/api/v1/pool/rules", rules).await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let day = 24 * 3600 * 1000;
        let now = acre_app::store::now_ms();
        // rep3's D customer was last followed up 25 days ago: warned, not taken.
        app.db
            .execute(
                "UPDATE customers SET owned_since = $1 WHERE grade = 'D'",
                &[(now - 25 * day).into()],
            )
            .await
            .unwrap();
        assert_eq!(app.run_idle_rule(now).await.unwrap(), 0);
        let rep3 = acre_app::Actor::new(
            acre_store::users::by_id(&app.db, t.user_id("rep3").await)
                .await
                .unwrap()
                .unwrap(),
            None,
        );
        let warned = app.idle_warnings(&rep3).await.unwrap();
        assert_eq!(warned.len(), 1, "{warned:?}");
        assert!(warned[0].name.contains("海润"));
        // Five days later it is taken (and 台州恒达, rep6's D, with it).
        assert_eq!(app.run_idle_rule(now + 6 * day).await.unwrap(), 2);
        let mut rep1 = t.login("rep1").await;
        let pool = rep1.get("/api/v1/customers?pool=1").await.json();
        assert_eq!(pool["total"], 2, "{:?}", names(&pool));

        // One instance holds the lease until it expires.
        assert!(app.take_lease("idle_rule", "a", 60_000).await.unwrap());
        assert!(!app.take_lease("idle_rule", "b", 60_000).await.unwrap());
        assert!(app.take_lease("idle_rule", "a", 60_000).await.unwrap());
        // An expired lease passes to whoever asks.
        assert!(app.take_lease("other", "a", -1).await.unwrap());
        assert!(app.take_lease("other", "b", 60_000).await.unwrap());
    }
);

storage_test!(
    territories_show_size_target_and_changes_to_whom_they_belong,
    |t: TestApp| async move {
        let rep1 = t.user_id("rep1").await;
        let mut m1 = t.login("manager1").await;
        let r = m1
            .json(
                Method::PUT,
                &format!("/api/v1/territories/{rep1}/target"),
                json!({"target_size": 5}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let team = m1.get("/api/v1/territories").await.json();
        let row = team["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["user_id"] == rep1)
            .cloned()
            .unwrap();
        assert_eq!(row["held"], 2);
        assert_eq!(row["target"], 5);
        assert_eq!(
            team["items"].as_array().unwrap().len(),
            4,
            "manager1 and rep1–3"
        );

        // Another team's manager and the reps themselves may not set targets.
        let mut m2 = t.login("manager2").await;
        let r = m2
            .json(
                Method::PUT,
                &format!("/api/v1/territories/{rep1}/target"),
                json!({"target_size": 50}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let mut r1 = t.login("rep1").await;
        let r = r1
            .json(
                Method::PUT,
                &format!("/api/v1/territories/{rep1}/target"),
                json!({"target_size": 1}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        // A rep sees their own territory only; its changes say why.
        let mine = r1.get("/api/v1/territories").await.json();
        assert_eq!(mine["total"], 1);
        assert_eq!(mine["items"][0]["target"], 5);
        let changes = r1
            .get(&format!("/api/v1/territories/{rep1}/changes"))
            .await
            .json();
        assert_eq!(changes["total"], 2);
        assert_eq!(changes["items"][0]["reason"], "new_development");
        assert_eq!(changes["items"][0]["joined"], true);
        let mut r2 = t.login("rep2").await;
        assert_eq!(
            r2.get(&format!("/api/v1/territories/{rep1}/changes"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // The page prompts a supplement: 2 of 5.
        let page = r1.get("/territories").await.text;
        assert!(page.contains("id=\"supplement\""), "{page}");
    }
);

storage_test!(
    a_large_move_is_followed_by_a_vacuum,
    |t: TestApp| async move {
        // On PostgreSQL a move of many customers leaves their old rows
        // behind, and lists read the table for every changed page until a
        // vacuum: the server runs one by itself after a large move.
        t.app
            .generate_customers(acre_app::upkeep::VACUUM_AFTER as usize + 300, 9)
            .await
            .unwrap();
        let before = t.vacuums("customers").await;
        let mut gm = t.login("gm").await;
        let r = run_move(&mut gm, json!({"action": "reclaim", "filter": {}})).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let moved = r.json()["moved"].as_i64().unwrap();
        assert!(moved >= acre_app::upkeep::VACUUM_AFTER, "{moved}");
        t.expect_vacuum("customers", before).await;
        // The pool now holds them all, and lists still answer.
        let pool = gm.get("/api/v1/customers?pool=1&limit=1").await.json();
        assert!(pool["total"].as_i64().unwrap() >= moved, "{pool}");
    }
);
