//! Personal API tokens.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

storage_test!(
    bearer_tokens_work_without_csrf_and_can_be_revoked,
    |t: TestApp| async move {
        let mut c = t.login("manager1").await;
        let r = c
            .json(
                Method::POST,
                "/api/v1/me/tokens",
                json!({"name": "报表脚本"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let token = r.json()["token"].as_str().unwrap().to_string();
        let id = r.json()["id"].as_i64().unwrap();
        let list = c.get("/api/v1/me/tokens").await.json();
        assert_eq!(list["items"][0]["name"], "报表脚本");
        assert!(
            !list.to_string().contains(&token),
            "the token is shown once only"
        );
        // Stored hashed.
        let stored = t
            .app
            .db
            .fetch_all("SELECT token_hash FROM api_tokens", &[])
            .await
            .unwrap();
        assert!(stored.iter().all(|r| r.str("token_hash") != token));

        let mut script = t.client();
        script.bearer = Some(token.clone());
        assert_eq!(
            script.get("/api/v1/me").await.json()["user"]["username"],
            "manager1"
        );
        // No CSRF header needed: a Bearer token is not sent by browsers on their own.
        let r = script
            .json_no_csrf(Method::PATCH, "/api/v1/me", json!({"locale": "en"}))
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        // Same permissions as the user: not an administrator.
        assert_eq!(
            script.get("/api/v1/users").await.status,
            StatusCode::FORBIDDEN
        );

        assert_eq!(
            c.json(
                Method::DELETE,
                &format!("/api/v1/me/tokens/{id}"),
                json!({})
            )
            .await
            .status,
            StatusCode::NO_CONTENT
        );
        let r = script.get("/api/v1/me").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        // Someone else's token id is not found.
        let mut other = t.login("rep1").await;
        assert_eq!(
            other
                .json(
                    Method::DELETE,
                    &format!("/api/v1/me/tokens/{id}"),
                    json!({})
                )
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
);

storage_test!(a_garbage_bearer_token_is_401, |t: TestApp| async move {
    let mut c = t.client();
    c.bearer = Some("acre_nonsense".into());
    let r = c.get("/api/v1/me").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.error_code(), "unauthenticated");
});
