//! Probes, metrics, the OpenAPI document, first-run setup, demo loading.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Backend, TestApp};
use crate::storage_test;

storage_test!(health_readiness_and_metrics, |t: TestApp| async move {
    let mut c = t.client();
    assert_eq!(c.get("/healthz").await.status, StatusCode::OK);
    assert_eq!(c.get("/readyz").await.text, "ready");
    c.get("/login").await;
    let m = c.get("/metrics").await.text;
    assert!(
        m.contains("acre_http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"),
        "{m}"
    );
    assert!(m.contains("acre_http_request_duration_seconds_bucket"));
});

storage_test!(unknown_api_paths_answer_json_404, |t: TestApp| async move {
    let mut c = t.login("rep1").await;
    let r = c.get("/api/v1/nothing-here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.error_code(), "not_found");
    let r = c
        .json(Method::POST, "/api/v1/me/tokens", json!("not an object"))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.error_code(), "bad_request");
});

storage_test!(every_documented_route_is_served, |t: TestApp| async move {
    let mut admin = t.login("admin").await;
    let mut rep = t.login("rep1").await;
    let doc = admin.get("/api/v1/openapi.json").await.json();
    assert_eq!(doc["openapi"], "3.1.0");
    for route in acre_web::API_ROUTES {
        assert!(
            doc["paths"][route.path][route.method].is_object(),
            "{} {} documented",
            route.method,
            route.path
        );
    }
    let paths = doc["paths"].as_object().unwrap();
    assert!(
        paths.contains_key("/api/v1/products/{id}")
            && paths.contains_key("/api/v1/competitor-people/export.xlsx")
    );
    for (path, ops) in paths {
        for method in ops.as_object().unwrap().keys() {
            if path.ends_with("/logout") {
                continue;
            }
            // Administrators cannot read sales materials; a rep calls those.
            let c = if path.starts_with("/api/v1/users") || path.starts_with("/api/v1/departments")
            {
                &mut admin
            } else {
                &mut rep
            };
            let url = path
                .replace("{id}", "999999")
                .replace("{kind}", "stage_skip");
            let m = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let r = c.json(m, &url, json!({})).await;
            // Served: whatever the answer, it is not the router's "no such route".
            assert_ne!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
            if r.status == StatusCode::NOT_FOUND {
                assert_eq!(
                    r.error_code(),
                    "not_found",
                    "{method} {path} is a real route"
                );
                assert!(path.contains("{id}"), "{method} {path} answered 404");
            }
        }
    }
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_administrator_through_the_setup_link() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(t) = TestApp::start(backend, false).await else {
            continue;
        };
        let mut c = t.client();
        assert_eq!(
            c.login("gm", "demo-pass-2026").await.status,
            StatusCode::UNAUTHORIZED,
            "no demo accounts without --demo"
        );
        let token = t
            .app
            .issue_setup_token()
            .await
            .unwrap()
            .expect("empty system gets a setup link");
        assert_eq!(
            c.get("/setup/not-the-token").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            c.get(&format!("/setup/{token}")).await.status,
            StatusCode::OK
        );
        let pre = c.cookies.get("acre_pre").cloned().unwrap();
        let path = format!("/setup/{token}");
        let r = c
            .form(
                &path,
                &[
                    ("csrf_token", &pre),
                    ("username", "boss"),
                    ("display_name", "老板"),
                    ("password", "short"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = c
            .form(
                &path,
                &[
                    ("csrf_token", &pre),
                    ("username", "boss"),
                    ("display_name", "老板"),
                    ("password", "first admin pass 1"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        assert_eq!(c.get("/api/v1/me").await.json()["user"]["role"], "admin");
        // The link works once; once there is a user no new link is issued.
        assert_eq!(t.client().get(&path).await.status, StatusCode::NOT_FOUND);
        assert!(t.app.issue_setup_token().await.unwrap().is_none());
    }
}

storage_test!(demo_loading_is_idempotent, |t: TestApp| async move {
    assert!(!t.app.load_demo().await.unwrap());
    assert_eq!(acre_store::users::count(&t.app.db).await.unwrap(), 13);
});

#[test]
fn openapi_operation_ids_are_unique() {
    let doc = acre_web::openapi_document();
    let mut seen = std::collections::HashSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (m, op) in ops.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{m} {path} has an operationId"))
                .to_string();
            assert!(seen.insert(id.clone()), "duplicate operationId {id}");
        }
    }
}

storage_test!(
    a_bulk_write_keeps_its_check_plans_to_itself,
    |t: TestApp| async move {
        let db = &t.app.db;
        let pg = db.backend() == acre_store::Backend::Postgres;
        let mode = async |tx: &mut acre_store::Tx| {
            tx.fetch_all("SHOW plan_cache_mode", &[]).await.unwrap()[0].str("plan_cache_mode")
        };
        let mut tx = db.begin().await.unwrap();
        let inside = tx
            .keeping_check_plans(async |tx: &mut acre_store::Tx| {
                Ok::<_, acre_store::StoreError>(if pg { mode(tx).await } else { String::new() })
            })
            .await
            .unwrap();
        if pg {
            assert_eq!(inside, "auto");
            // The rest of the transaction, and every pooled connection
            // after it, plans the app's statements with their parameters.
            assert_eq!(mode(&mut tx).await, "force_custom_plan");
            tx.commit().await.unwrap();
            let mut held = Vec::new();
            for _ in 0..4 {
                let mut tx = db.begin().await.unwrap();
                assert_eq!(mode(&mut tx).await, "force_custom_plan");
                held.push(tx);
            }
        } else {
            tx.commit().await.unwrap();
        }
    }
);
