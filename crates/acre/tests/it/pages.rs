//! The HTML pages, driven like a browser without JavaScript.

use axum::http::StatusCode;

use crate::harness::{Client, DEMO_PASSWORD, TestApp};
use crate::storage_test;

/// Log in through the HTML form, as a person would.
async fn form_login(t: &TestApp, user: &str) -> Client {
    let mut c = t.client();
    c.get("/login").await;
    let pre = c.cookies.get("acre_pre").cloned().unwrap();
    let r = c
        .form(
            "/login",
            &[
                ("csrf_token", &pre),
                ("username", user),
                ("password", DEMO_PASSWORD),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
    c
}

/// The CSRF token the page embeds for its forms.
fn page_csrf(html: &str) -> String {
    let i = html.find("data-csrf=\"").expect("page has a CSRF token") + 11;
    html[i..i + 64].to_string()
}

storage_test!(
    signed_out_visitors_are_sent_to_login,
    |t: TestApp| async move {
        let mut c = t.client();
        for p in ["/", "/settings", "/admin/users"] {
            let r = c.get(p).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{p}");
            assert_eq!(r.location(), "/login");
        }
        let r = c.get("/login").await;
        assert!(
            r.text.contains("demo-pass-2026"),
            "demo mode shows the accounts"
        );
    }
);

storage_test!(home_page_shows_who_i_am, |t: TestApp| async move {
    let mut c = form_login(&t, "manager1").await;
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.text.contains("您好，张伟"));
    assert!(home.text.contains("大客户经理"));
    assert!(home.text.contains("总经理室 / 大客户部 / 一组"));
    assert!(home.text.contains("李明"), "supervisor shown");
    assert!(
        !home.text.contains("/admin/users"),
        "no admin navigation for a manager"
    );
});

storage_test!(
    switching_language_and_logging_out,
    |t: TestApp| async move {
        let mut c = form_login(&t, "rep1").await;
        let home = c.get("/").await;
        let csrf = page_csrf(&home.text);
        let r = c
            .form(
                "/locale",
                &[("csrf_token", &csrf), ("locale", "en"), ("next", "/")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(c.get("/").await.text.contains("Hello, 陈静"));
        c.form(
            "/locale",
            &[("csrf_token", &csrf), ("locale", "zh-TW"), ("next", "/")],
        )
        .await;
        assert!(c.get("/").await.text.contains("退出登入"));
        let r = c.form("/logout", &[("csrf_token", &csrf)]).await;
        assert_eq!(r.location(), "/login");
        assert_eq!(c.get("/").await.location(), "/login");
        // The language stays after logging out.
        assert!(c.get("/login").await.text.contains("登入"));
    }
);

storage_test!(
    login_form_errors_are_shown_in_place,
    |t: TestApp| async move {
        let mut c = t.client();
        c.get("/login").await;
        let pre = c.cookies.get("acre_pre").cloned().unwrap();
        let r = c
            .form(
                "/login",
                &[
                    ("csrf_token", &pre),
                    ("username", "rep1"),
                    ("password", "wrong-password"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert!(r.text.contains("用户名或密码不正确"));
        assert!(r.text.contains("value=\"rep1\""), "username kept");
    }
);

storage_test!(open_redirects_are_refused, |t: TestApp| async move {
    let mut c = t.client();
    c.get("/login").await;
    let pre = c.cookies.get("acre_pre").cloned().unwrap();
    let r = c
        .form(
            "/login",
            &[
                ("csrf_token", &pre),
                ("username", "rep1"),
                ("password", DEMO_PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/");
});

storage_test!(
    admin_user_form_shows_field_errors_and_escapes_input,
    |t: TestApp| async move {
        let mut c = form_login(&t, "admin").await;
        let page = c.get("/admin/users/new").await;
        assert_eq!(page.status, StatusCode::OK);
        let csrf = page_csrf(&page.text);
        let evil = "<script>alert(1)</script>";
        let r = c
            .form(
                "/admin/users",
                &[
                    ("csrf_token", &csrf),
                    ("username", "x"),
                    ("display_name", evil),
                    ("role", "rep"),
                    ("password", "123"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.text.contains("用户名长度应为 2–32 个字符。"));
        assert!(r.text.contains("密码至少需要 8 个字符。"));
        assert!(!r.text.contains(evil), "typed text is escaped");
        assert!(r.text.contains("&#60;script&#62;") || r.text.contains("&lt;script&gt;"));
        // A valid form creates the user; the list escapes the name too.
        let r = c
            .form(
                "/admin/users",
                &[
                    ("csrf_token", &csrf),
                    ("username", "xss"),
                    ("display_name", evil),
                    ("role", "rep"),
                    ("password", "valid pass 2026"),
                    ("active", "true"),
                    ("locale", "zh-CN"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let list = c.get("/admin/users?q=xss").await;
        assert!(list.text.contains("xss") && !list.text.contains(evil));
    }
);

storage_test!(
    stale_edit_in_the_form_is_refused_with_a_message,
    |t: TestApp| async move {
        let mut c = form_login(&t, "admin").await;
        let id = t.user_id("rep5").await;
        let page = c.get(&format!("/admin/users/{id}")).await;
        let csrf = page_csrf(&page.text);
        let fields = |name: &'static str| {
            vec![
                ("csrf_token", csrf.clone()),
                ("version", "1".to_string()),
                ("username", "rep5".into()),
                ("display_name", name.to_string()),
                ("role", "rep".into()),
                ("locale", "zh-CN".into()),
                ("active", "true".into()),
            ]
        };
        let first: Vec<(&str, String)> = fields("周强强");
        let pairs: Vec<(&str, &str)> = first.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            c.form(&format!("/admin/users/{id}"), &pairs).await.status,
            StatusCode::SEE_OTHER
        );
        let second = fields("别人的修改");
        let pairs: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = c.form(&format!("/admin/users/{id}"), &pairs).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.text.contains("其他人已先保存了此记录"));
    }
);
