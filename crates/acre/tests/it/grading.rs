//! Customer grading (CU11): the questionnaire sets the grade and keeps its
//! history; a contradicting grade is flagged to the rep's manager only;
//! whoever may not edit the customer changes nothing.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::storage_test;

/// Answers that fit row C of the not-yet-computerised table.
fn c_answers() -> Value {
    json!({
        "computerised": false,
        "objective_need": true,
        "subjective_need": true,
        "resolve": "low",
        "feasibility_started": false,
        "selection_started": false,
    })
}

async fn new_customer(c: &mut Client, name: &str) -> i64 {
    let r = c
        .json(
            Method::POST,
            "/api/v1/customers",
            json!({"name": name, "kind": "company", "industry": "electronics", "revenue_band": "50m_500m"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_i64().unwrap()
}

fn flagged_ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["customer_id"].as_i64().unwrap())
        .collect()
}

storage_test!(
    a_rep_grades_their_customer_and_contradictions_reach_the_manager,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = new_customer(&mut rep1, "惠州明德电子有限公司").await;
        let url = format!("/api/v1/customers/{cid}/grading");

        // The proposal is taken when no grade is chosen.
        let r = rep1.json(Method::POST, &url, c_answers()).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let g = r.json();
        assert_eq!(g["proposed_grade"], "C");
        assert_eq!(g["chosen_grade"], "C");
        assert_eq!(g["flagged"], false);
        assert_eq!(g["close_window"]["to_months"], 12);
        let got = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
        assert_eq!(got["grade"], "C");

        // Wishful A on C answers: stored, set, and flagged.
        let mut body = c_answers();
        body["chosen_grade"] = json!("A");
        body["note"] = json!("老板说下个月就签");
        let r = rep1.json(Method::POST, &url, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        assert_eq!(r.json()["flagged"], true);
        assert_eq!(r.json()["flag"], "overrated");
        let got = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
        assert_eq!(got["grade"], "A");
        let hist = rep1.get(&url).await.json();
        assert_eq!(hist["total"], 2);
        assert_eq!(hist["items"][0]["chosen_grade"], "A");
        assert_eq!(hist["items"][0]["proposed_grade"], "C");
        assert_eq!(hist["items"][0]["flagged"], true);
        assert_eq!(hist["items"][0]["answers"]["resolve"], "low");
        assert_eq!(hist["items"][1]["flagged"], false);
        // The change is in the customer's audit history.
        let audit = rep1
            .get(&format!("/api/v1/customers/{cid}/history"))
            .await
            .text;
        assert!(audit.contains("graded"), "{audit}");

        // manager1 sees it in the flagged list; manager2 (other team) does not.
        let mut m1 = t.login("manager1").await;
        let list = m1.get("/api/v1/grading/flagged").await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.text);
        assert!(flagged_ids(&list.json()).contains(&cid));
        let page = m1.get("/grading/flagged").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("惠州明德电子"));
        let mut m2 = t.login("manager2").await;
        assert!(!flagged_ids(&m2.get("/api/v1/grading/flagged").await.json()).contains(&cid));
        assert!(
            !m2.get("/grading/flagged")
                .await
                .text
                .contains("惠州明德电子")
        );

        // Grading again consistently clears the flag.
        let r = rep1.json(Method::POST, &url, c_answers()).await;
        assert_eq!(r.json()["flagged"], false);
        assert!(!flagged_ids(&m1.get("/api/v1/grading/flagged").await.json()).contains(&cid));
    }
);

storage_test!(
    grading_a_customer_one_may_not_edit_changes_nothing,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = new_customer(&mut rep1, "江门华泰电机有限公司").await;
        let url = format!("/api/v1/customers/{cid}/grading");
        let before = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();

        // rep2 cannot see it: exactly a missing customer.
        let mut rep2 = t.login("rep2").await;
        let r = rep2.json(Method::POST, &url, c_answers()).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(rep2.get(&url).await.status, StatusCode::NOT_FOUND);
        let r = rep2
            .form(
                &format!("/r/customers/{cid}/grading"),
                &[
                    ("csrf_token", rep2.csrf.clone().unwrap().as_str()),
                    ("computerised", "no"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);

        // A read-only share lets rep2 see it but not grade it.
        let rep2_id = t.user_id("rep2").await;
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": rep2_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        assert_eq!(rep2.get(&url).await.status, StatusCode::OK);
        let r = rep2.json(Method::POST, &url, c_answers()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let after = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
        assert_eq!(before["version"], after["version"]);
        assert_eq!(after["grade"], Value::Null);
        assert_eq!(rep1.get(&url).await.json()["total"], 0);
    }
);

storage_test!(bad_answers_are_refused_per_field, |t: TestApp| async move {
    let mut rep1 = t.login("rep1").await;
    let cid = new_customer(&mut rep1, "肇庆永信化工有限公司").await;
    let url = format!("/api/v1/customers/{cid}/grading");
    let r = rep1
            .json(
                Method::POST,
                &url,
                json!({"computerised": true, "objective_need": "maybe", "resolve": "extreme", "chosen_grade": "E"}),
            )
            .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
    assert_eq!(r.error_code(), "validation_failed");
    let fields = &r.json()["error"]["fields"];
    for f in [
        "objective_need",
        "subjective_need",
        "resolve",
        "dissatisfaction",
        "selection_started",
        "chosen_grade",
    ] {
        assert!(fields[f].is_string(), "{f}: {fields}");
    }
    assert!(
        fields["feasibility_started"].is_null(),
        "not asked when computerised"
    );
    let r = rep1
        .json(Method::POST, &url, json!(["not", "an", "object"]))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // The page shows the errors beside the questions.
    let csrf = rep1.csrf.clone().unwrap();
    let r = rep1
        .form(
            &format!("/r/customers/{cid}/grading"),
            &[("csrf_token", csrf.as_str()), ("computerised", "no")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text.contains("id=\"err-resolve\""), "{}", r.text);
    assert_eq!(rep1.get(&url).await.json()["total"], 0);
    let got = rep1.get(&format!("/api/v1/customers/{cid}")).await.json();
    assert_eq!(got["grade"], Value::Null);
    assert_eq!(got["version"], 1);
});

storage_test!(
    the_grading_page_proposes_flags_and_shows_the_market,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = new_customer(&mut rep1, "汕头宏达电子有限公司").await;
        let detail = rep1.get(&format!("/r/customers/{cid}")).await;
        assert!(detail.text.contains(&format!("/r/customers/{cid}/grading")));
        let page = rep1.get(&format!("/r/customers/{cid}/grading")).await;
        assert_eq!(page.status, StatusCode::OK);
        // Medium electronics manufacturer: in the target market, 易飞.
        assert!(page.text.contains("属于目标市场"), "{}", page.text);
        assert!(page.text.contains("易飞"));
        assert!(
            page.text.contains("原设计者已离职"),
            "seed examples beside the form"
        );
        let csrf = rep1.csrf.clone().unwrap();
        let form: Vec<(&str, &str)> = vec![
            ("csrf_token", csrf.as_str()),
            ("computerised", "yes"),
            ("objective_need", "yes"),
            ("subjective_need", "yes"),
            ("dissatisfaction", "mid"),
            ("resolve", "low"),
            ("selection_started", "no"),
            ("chosen_grade", "A"),
        ];
        // The live preview: C proposed, A flagged with the seed's warning.
        let r = rep1
            .form(&format!("/r/customers/{cid}/grading/preview"), &form)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.text.contains("id=\"proposed-grade\">C<"), "{}", r.text);
        assert!(r.text.contains("别自作多情"));
        let r = rep1
            .form(&format!("/r/customers/{cid}/grading"), &form)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let page = rep1.get(&r.location()).await;
        assert!(page.text.contains("分级已保存"));
        assert!(page.text.contains("id=\"grading-flag\""));
        assert!(page.text.contains("table-danger"), "history row marked");
    }
);

storage_test!(
    the_suggested_category_is_applied_as_an_edit,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = new_customer(&mut rep1, "惠州德赛精密电子有限公司").await;
        let path = format!("/api/v1/customers/{cid}");
        // Large and a 12 % market share: two criteria met → key account.
        let got = rep1.get(&path).await.json();
        let r = rep1
            .json(
                Method::PATCH,
                &path,
                json!({"version": got["version"], "revenue_band": "gt_500m", "market_share": 12}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let version = rep1.get(&path).await.json()["version"].as_i64().unwrap();
        let apply = format!("{path}/grading/category");

        // A stale version is refused and nothing changes.
        let r = rep1
            .json(Method::POST, &apply, json!({"version": version - 1}))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        // Another rep cannot see it, so cannot apply anything either.
        let mut rep2 = t.login("rep2").await;
        let r = rep2
            .json(Method::POST, &apply, json!({"version": version}))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let got = rep1.get(&path).await.json();
        assert_ne!(got["category"], "key_account");

        // The page offers it; the owner applies it from there.
        let page = rep1.get(&format!("/r/customers/{cid}/grading")).await;
        assert!(page.text.contains("id=\"apply-category\""));
        let csrf = rep1.csrf.clone().unwrap();
        let v = version.to_string();
        let r = rep1
            .form(
                &format!("/r/customers/{cid}/grading/category"),
                &[("csrf_token", csrf.as_str()), ("version", v.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let got = rep1.get(&path).await.json();
        assert_eq!(got["category"], "key_account");
        assert_eq!(got["key_account"], true);
        let page = rep1.get(&r.location()).await;
        assert!(page.text.contains("已按建议设置客户类别"));
        assert!(
            !page.text.contains("id=\"apply-category\""),
            "nothing left to apply"
        );
    }
);
