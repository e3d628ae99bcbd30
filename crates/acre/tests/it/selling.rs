//! Steps the selling tests share: a customer's opportunity put at a stage,
//! a record sent for approval, a decision on it.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::Client;

/// A new customer (`customer`: its fields) and an opportunity on it, moved
/// one stage at a time through `stages`: `(customer id, opportunity id)`.
pub async fn opportunity_at(c: &mut Client, customer: Value, stages: &[&str]) -> (i64, i64) {
    let name = customer["name"].as_str().unwrap_or("客户").to_string();
    let cid = c.create("/api/v1/customers", customer).await["id"]
        .as_i64()
        .unwrap();
    let id = c
        .create(
            "/api/v1/opportunities",
            json!({"name": format!("{name} ERP"), "customer_id": cid}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let mut v = 1;
    for s in stages {
        let r = c
            .json(
                Method::POST,
                &format!("/api/v1/opportunities/{id}/stage"),
                json!({"version": v, "stage": s}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{s}: {}", r.text);
        v = r.json()["version"].as_i64().unwrap();
    }
    (cid, id)
}

/// Send a held record (`quotes`, `contracts`) for approval at its current
/// version: the request's id.
pub async fn submit(c: &mut Client, resource: &str, id: i64) -> i64 {
    let v = c.get(&format!("/api/v1/{resource}/{id}")).await.json()["version"].clone();
    let r = c
        .json(
            Method::POST,
            &format!("/api/v1/{resource}/{id}/submit"),
            json!({"version": v}),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
    r.json()["approval_id"].as_i64().unwrap()
}

/// Decide request `aid` at `version` (`approve`, `reject`, `return`, with
/// an optional comment): the request as it then is.
pub async fn decide(
    c: &mut Client,
    aid: i64,
    version: i64,
    decision: &str,
    comment: &str,
) -> Value {
    c.json(
        Method::POST,
        &format!("/api/v1/approvals/{aid}/decision"),
        json!({"version": version, "decision": decision, "comment": comment}),
    )
    .await
    .json()
}

/// One part of a .docx (`word/document.xml`, `word/header1.xml`) as text.
pub fn docx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a docx is a zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("the part is there")
        .read_to_string(&mut s)
        .unwrap();
    s
}
