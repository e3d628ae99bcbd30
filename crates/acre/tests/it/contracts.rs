//! Contracts and payments (SP15): only from an approved quote; approval
//! before signing; the .docx comes out of the template with the customer's
//! name and the amount in capitals; payments keep the collection rate and
//! the installments; overdue installments show; nothing of another rep's.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::{selling, storage_test};

/// rep1's quote, approved by manager1.
async fn approved_quote(t: &TestApp, rep1: &mut Client, name: &str) -> i64 {
    let (_, opp) = selling::opportunity_at(
        rep1,
        json!({"name": name, "kind": "company", "address": "广东省东莞市长安镇振安路 88 号", "legal_representative": "李国强"}),
        &["first_visit", "exchange", "research"],
    )
    .await;
    let qid = rep1
        .json(
            Method::POST,
            "/api/v1/quotes",
            json!({"title": "ERP 报价", "opportunity_id": opp, "tax_rate": "13"}),
        )
        .await
        .json()["id"]
        .as_i64()
        .unwrap();
    let r = rep1
        .json(Method::POST, "/api/v1/quote-lines", json!({"quote_id": qid, "description": "ERP 标准版授权", "quantity": "10", "unit_price": "10000"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let aid = selling::submit(rep1, "quotes", qid).await;
    let mut m1 = t.login("manager1").await;
    let r = selling::decide(&mut m1, aid, 1, "approve", "").await;
    assert_eq!(r["state"], "approved", "{r}");
    qid
}

async fn template(c: &mut Client) -> i64 {
    let r = c
        .json(
            Method::POST,
            "/api/v1/contract-templates",
            json!({"name": "软件销售合同（测试）", "contract_type": "sales",
                   "body": "合同编号：{{contract.number}}\n甲方：{{customer.name}}\n地址：{{customer.address}}\n{{quote.lines}}\n合同金额：{{contract.amount}}（{{contract.amount_in_words}}）\n乙方：{{our.company}}\n{{contract.unknown}}"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_i64().unwrap()
}

async fn contract(c: &mut Client, id: i64) -> Value {
    c.get(&format!("/api/v1/contracts/{id}")).await.json()
}

storage_test!(
    a_contract_comes_from_an_approved_quote_and_its_template,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        // A draft quote does not make a contract.
        let cid = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "临时客户有限公司", "kind": "company"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let _ = cid;
        let qid = approved_quote(&t, &mut rep1, "东莞长安振安五金有限公司").await;
        let tid = template(&mut rep1).await;
        let r = rep1
            .json(Method::POST, "/api/v1/contracts", json!({"title": "振安五金 ERP 合同", "quote_id": qid, "template_id": tid, "sign_date": "2026-12-01"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let id = r.json()["id"].as_i64().unwrap();
        let c = contract(&mut rep1, id).await;
        let today = acre_app::registry::value::today().replace('-', "");
        let number = c["number"].as_str().unwrap().to_string();
        assert!(number.starts_with(&format!("HT-{today}-")), "{number}");
        assert_eq!(c["amount"], "113000.00", "the quote's total with tax");
        assert_eq!(c["owner_id"], t.user_id("rep1").await);
        assert_eq!(c["status"], "draft");

        let bytes = rep1
            .get_bytes(&format!("/r/contracts/{id}/contract.docx"))
            .await;
        let xml = selling::docx_part(&bytes, "word/document.xml");
        assert!(
            xml.contains("东莞长安振安五金有限公司"),
            "customer name in the document"
        );
        assert!(xml.contains("广东省东莞市长安镇振安路 88 号"));
        assert!(
            xml.contains("¥113,000.00") || xml.contains("¥113000.00"),
            "{xml}"
        );
        assert!(xml.contains("人民币壹拾壹万叁仟元整"));
        assert!(
            xml.contains("ERP 标准版授权"),
            "the quote's lines as a table"
        );
        assert!(xml.contains(&number));
        assert!(
            xml.contains("{{contract.unknown}}"),
            "unknown placeholders stay visible"
        );
        // rep2 sees neither the contract nor its document.
        let mut rep2 = t.login("rep2").await;
        assert_eq!(
            rep2.get(&format!("/api/v1/contracts/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            rep2.get(&format!("/r/contracts/{id}/contract.docx"))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
);

storage_test!(
    a_contract_is_approved_before_signing_and_payments_update_the_collection_rate,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let qid = approved_quote(&t, &mut rep1, "中山古镇明辉灯饰有限公司").await;
        let id = rep1
            .json(
                Method::POST,
                "/api/v1/contracts",
                json!({"title": "明辉灯饰 ERP 合同", "quote_id": qid, "amount": "100000"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let c = contract(&mut rep1, id).await;
        // Not signed before approval.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/contracts/{id}/status"),
                json!({"version": c["version"], "status": "signed"}),
            )
            .await;
        assert_eq!(r.error_code(), "rule_refused");
        let aid = rep1
            .json(
                Method::POST,
                &format!("/api/v1/contracts/{id}/submit"),
                json!({"version": c["version"]}),
            )
            .await
            .json()["approval_id"]
            .as_i64()
            .unwrap();
        let c = contract(&mut rep1, id).await;
        assert_eq!(c["status"], "under_approval");
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/contracts/{id}"),
                json!({"version": c["version"], "amount": "1"}),
            )
            .await;
        assert_eq!(
            r.error_code(),
            "rule_refused",
            "locked while under approval"
        );
        let mut m1 = t.login("manager1").await;
        m1.json(
            Method::POST,
            &format!("/api/v1/approvals/{aid}/decision"),
            json!({"version": 1, "decision": "approve"}),
        )
        .await;
        for to in ["signed", "executing"] {
            let c = contract(&mut rep1, id).await;
            let r = rep1
                .json(
                    Method::POST,
                    &format!("/api/v1/contracts/{id}/status"),
                    json!({"version": c["version"], "status": to}),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{to}: {}", r.text);
        }
        // A plan of two installments, the first overdue.
        let mut inst = Vec::new();
        for (name, due, amount) in [
            ("首付款", "2026-01-10", "30000"),
            ("验收款", "2099-06-30", "70000"),
        ] {
            let r = rep1
                .json(
                    Method::POST,
                    "/api/v1/installments",
                    json!({"name": name, "contract_id": id, "due_date": due, "amount": amount}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            inst.push(r.json()["id"].as_i64().unwrap());
        }
        let page = rep1.get(&format!("/r/contracts/{id}")).await.text;
        assert!(
            page.contains("contract-overdue") && page.contains("首付款"),
            "overdue shown"
        );
        let collected = |col: Value, owner: i64| {
            col["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["owner_id"] == owner)
                .map(|r| r["received"].as_i64().unwrap())
                .unwrap_or(0)
        };
        let rep1_id = t.user_id("rep1").await;
        let before = collected(m1.get("/api/v1/pipeline/collection").await.json(), rep1_id);
        // A payment of 30,000 on the first installment.
        let r = rep1
            .json(Method::POST, "/api/v1/payments", json!({"contract_id": id, "installment_id": inst[0], "received_on": "2026-01-12", "amount": "30000", "reference": "BK-001"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let c = contract(&mut rep1, id).await;
        assert_eq!(c["received"], "30000.00");
        assert_eq!(c["collection_rate"], 30.0);
        let first = rep1
            .get(&format!("/api/v1/installments/{}", inst[0]))
            .await
            .json();
        assert_eq!(first["paid_off"], true);
        let page = rep1.get(&format!("/r/contracts/{id}")).await.text;
        assert!(
            !page.contains("contract-overdue"),
            "paid off, no longer overdue"
        );
        // Collection per owner, in the manager's sight too.
        let after = collected(m1.get("/api/v1/pipeline/collection").await.json(), rep1_id);
        assert_eq!(after - before, 3_000_000);
        // Deleting the payment takes it back.
        let pid = rep1
            .get(&format!("/api/v1/payments?f.contract_id={id}"))
            .await
            .json()["items"][0]["id"]
            .clone();
        rep1.json(
            Method::DELETE,
            &format!("/api/v1/payments/{pid}"),
            json!({}),
        )
        .await;
        assert_eq!(contract(&mut rep1, id).await["collection_rate"], 0.0);
    }
);

storage_test!(
    a_contract_needs_an_approved_quote,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let cid = rep1
            .json(
                Method::POST,
                "/api/v1/customers",
                json!({"name": "江门蓬江华龙摩托配件厂", "kind": "company"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let opp = rep1
            .json(
                Method::POST,
                "/api/v1/opportunities",
                json!({"name": "ERP", "customer_id": cid}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let mut v = 1;
        for s in ["first_visit", "exchange", "research"] {
            v = rep1
                .json(
                    Method::POST,
                    &format!("/api/v1/opportunities/{opp}/stage"),
                    json!({"version": v, "stage": s}),
                )
                .await
                .json()["version"]
                .as_i64()
                .unwrap();
        }
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "草稿报价", "opportunity_id": opp}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/contracts",
                json!({"title": "合同", "quote_id": qid}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["fields"]["quote_id"].is_string(),
            "{}",
            r.text
        );
        let _ = t;
    }
);
