//! Logging in and out, throttling, CSRF, session lifetime.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Backend, DEMO_PASSWORD, TestApp};
use crate::storage_test;

storage_test!(login_me_logout, |t: TestApp| async move {
    let mut c = t.login("rep1").await;
    let me = c.get("/api/v1/me").await;
    assert_eq!(me.status, StatusCode::OK);
    let body = me.json();
    assert_eq!(body["user"]["username"], "rep1");
    assert_eq!(body["scope"], "own");
    assert_eq!(body["supervisor"]["username"], "manager1");
    assert!(
        body["user"].get("password_hash").is_none(),
        "the hash never leaves the server"
    );
    let out = c.json(Method::POST, "/api/v1/auth/logout", json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    // The old cookie no longer works even if replayed: the session is gone on the server.
    let mut replay = t.client();
    replay.cookies.insert("acre_session".into(), "x".into());
    let me = c.get("/api/v1/me").await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.error_code(), "unauthenticated");
});

storage_test!(
    unknown_user_and_wrong_password_answer_alike,
    |t: TestApp| async move {
        let mut c = t.client();
        let wrong = c.login("rep1", "not-the-password").await;
        let unknown = c.login("nobody-here", "not-the-password").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.text, unknown.text, "no user enumeration");
        assert_eq!(wrong.error_code(), "invalid_credentials");
    }
);

storage_test!(
    too_many_failures_throttle_the_account,
    |t: TestApp| async move {
        let mut c = t.client();
        for _ in 0..acre_app::auth::MAX_FAILURES_PER_ACCOUNT {
            assert_eq!(
                c.login("rep2", "wrong-password-x").await.status,
                StatusCode::UNAUTHORIZED
            );
        }
        // Even the right password is refused while throttled, and unknown names throttle alike.
        let r = c.login("rep2", DEMO_PASSWORD).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(r.error_code(), "too_many_requests");
        for _ in 0..acre_app::auth::MAX_FAILURES_PER_ACCOUNT {
            c.login("ghost", "wrong-password-x").await;
        }
        assert_eq!(
            c.login("ghost", "wrong-password-x").await.status,
            StatusCode::TOO_MANY_REQUESTS
        );
        // Another account is unaffected.
        assert_eq!(c.login("rep3", DEMO_PASSWORD).await.status, StatusCode::OK);
    }
);

storage_test!(
    state_changes_without_csrf_token_are_refused,
    |t: TestApp| async move {
        let mut c = t.login("rep1").await;
        let r = c
            .json_no_csrf(Method::PATCH, "/api/v1/me", json!({"locale": "en"}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.error_code(), "csrf_failed");
        // A wrong token is refused too.
        let good = c.csrf.replace("0".repeat(64));
        assert_eq!(
            c.json(Method::PATCH, "/api/v1/me", json!({"locale": "en"}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        c.csrf = good;
        let me = c.get("/api/v1/me").await.json();
        assert_eq!(me["user"]["locale"], "zh-CN", "nothing changed");
        // An HTML form post without the field is refused as well.
        let r = c.form("/locale", &[("locale", "en"), ("next", "/")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // With the token it works.
        assert_eq!(
            c.json(Method::PATCH, "/api/v1/me", json!({"locale": "en"}))
                .await
                .status,
            StatusCode::NO_CONTENT
        );
        assert_eq!(c.get("/api/v1/me").await.json()["user"]["locale"], "en");
    }
);

storage_test!(
    anonymous_login_needs_json_or_form_token,
    |t: TestApp| async move {
        let mut c = t.client();
        // A cross-site form cannot send JSON; a form-encoded API login is refused.
        let r = c
            .form(
                "/api/v1/auth/login",
                &[("username", "rep1"), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // The HTML login form needs the token from the login page's cookie.
        let r = c
            .form(
                "/login",
                &[("username", "rep1"), ("password", DEMO_PASSWORD)],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        c.get("/login").await;
        let pre = c
            .cookies
            .get("acre_pre")
            .cloned()
            .expect("login page sets the form token");
        let r = c
            .form(
                "/login",
                &[
                    ("csrf_token", &pre),
                    ("username", "rep1"),
                    ("password", DEMO_PASSWORD),
                    ("next", "/settings"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/settings");
        assert!(c.cookies.contains_key("acre_session"));
    }
);

storage_test!(
    login_issues_a_new_session_id_each_time,
    |t: TestApp| async move {
        let mut c = t.client();
        c.login("rep1", DEMO_PASSWORD).await;
        let first = c.cookies.get("acre_session").cloned();
        c.login("rep1", DEMO_PASSWORD).await;
        assert_ne!(
            first,
            c.cookies.get("acre_session").cloned(),
            "no session fixation"
        );
    }
);

storage_test!(
    cookies_are_http_only_and_same_site,
    |t: TestApp| async move {
        let mut c = t.client();
        let r = c.login("rep1", DEMO_PASSWORD).await;
        let cookie = r
            .headers
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(!cookie.contains("Secure"), "plain http in tests");
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_sessions_end() {
    let Some(t) = TestApp::start_with(Backend::Sqlite, true, |c| c.session_idle_minutes = 1).await
    else {
        return;
    };
    let mut c = t.login("rep1").await;
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::OK);
    // Pretend the last request was two minutes ago.
    t.app
        .db
        .execute(
            "UPDATE sessions SET last_seen_at = last_seen_at - 120000",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
}

storage_test!(absolute_session_limit, |t: TestApp| async move {
    let mut c = t.login("rep1").await;
    t.app
        .db
        .execute("UPDATE sessions SET expires_at = 0", &[])
        .await
        .unwrap();
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
});

storage_test!(security_headers_on_every_page, |t: TestApp| async move {
    let mut c = t.client();
    for path in ["/login", "/api/v1/openapi.json", "/healthz"] {
        let r = c.get(path).await;
        let csp = r
            .headers
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(r.headers.get("referrer-policy").unwrap(), "same-origin");
    }
});
