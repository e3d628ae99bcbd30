//! One's own account: password change, language.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{DEMO_PASSWORD, TestApp};
use crate::storage_test;

storage_test!(change_own_password, |t: TestApp| async move {
    let mut here = t.login("rep1").await;
    let mut elsewhere = t.login("rep1").await;
    // Wrong current password: per-field error, nothing changes.
    let r = here
        .json(
            Method::POST,
            "/api/v1/me/password",
            json!({"current_password": "nope-nope", "new_password": "a new passphrase 2026"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["error"]["fields"]["current_password"].is_string());
    // A common password is refused with a translated reason.
    let r = here
        .json(
            Method::POST,
            "/api/v1/me/password",
            json!({"current_password": DEMO_PASSWORD, "new_password": "password123"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json()["error"]["fields"]["new_password"],
        "这是常见密码，容易被猜到，请换一个。"
    );
    // A 70-character passphrase is accepted as typed.
    let long = "田间地头一亩三分地 the quick brown fox jumps over the lazy dog again and again";
    assert!(long.chars().count() >= 64);
    let r = here
        .json(
            Method::POST,
            "/api/v1/me/password",
            json!({"current_password": DEMO_PASSWORD, "new_password": long}),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
    // This session stays, the other one ends.
    assert_eq!(here.get("/api/v1/me").await.status, StatusCode::OK);
    assert_eq!(
        elsewhere.get("/api/v1/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let mut fresh = t.client();
    assert_eq!(
        fresh.login("rep1", DEMO_PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(fresh.login("rep1", long).await.status, StatusCode::OK);
});

storage_test!(
    language_follows_the_user_then_the_browser,
    |t: TestApp| async move {
        let mut anon = t.client();
        anon.lang = Some("en-US,en;q=0.9".into());
        let r = anon.get("/api/v1/me").await;
        assert_eq!(r.json()["error"]["message"], "Please log in.");
        anon.lang = Some("zh-TW".into());
        assert_eq!(
            anon.get("/api/v1/me").await.json()["error"]["message"],
            "請先登入。"
        );
        // A signed-in user's own choice wins over the browser's.
        let mut c = t.login("rep1").await;
        c.lang = Some("en".into());
        let r = c.json(Method::POST, "/api/v1/users", json!({})).await;
        assert_eq!(r.json()["error"]["message"], "您没有执行此操作的权限。");
        c.json(Method::PATCH, "/api/v1/me", json!({"locale": "zh-TW"}))
            .await;
        let r = c.json(Method::POST, "/api/v1/users", json!({})).await;
        assert_eq!(r.json()["error"]["message"], "您沒有執行此操作的許可權。");
        let r = c
            .json(Method::PATCH, "/api/v1/me", json!({"locale": "fr"}))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
);
