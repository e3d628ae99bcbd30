//! Administrators manage users; everyone else is refused and nothing changes.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{DEMO_PASSWORD, TestApp};
use crate::storage_test;

async fn user_count(t: &TestApp) -> i64 {
    acre_store::users::count(&t.app.db).await.unwrap()
}

storage_test!(
    a_rep_gets_403_from_admin_endpoints_and_changes_nothing,
    |t: TestApp| async move {
        let before = user_count(&t).await;
        let mut rep = t.login("rep1").await;
        let body = json!({"username": "sneaky", "display_name": "X", "role": "admin", "password": "a good long password"});
        let r = rep.json(Method::POST, "/api/v1/users", body).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.error_code(), "forbidden");
        assert_eq!(rep.get("/api/v1/users").await.status, StatusCode::FORBIDDEN);
        let rep2 = t.user_id("rep2").await;
        let r = rep
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{rep2}"),
                json!({"version": 1, "active": false}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = rep
            .json(
                Method::POST,
                &format!("/api/v1/users/{rep2}/password"),
                json!({"password": "hijacked password"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = rep
            .json(
                Method::POST,
                "/api/v1/departments",
                json!({"name": "影子部门"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(user_count(&t).await, before);
        let u = acre_store::users::by_id(&t.app.db, rep2)
            .await
            .unwrap()
            .unwrap();
        assert!(u.active && u.version == 1, "rep2 untouched");
        // The HTML admin pages refuse too.
        assert_eq!(rep.get("/admin/users").await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            rep.get("/admin/departments").await.status,
            StatusCode::FORBIDDEN
        );
    }
);

storage_test!(
    creating_a_user_validates_every_field_and_saves_nothing_when_wrong,
    |t: TestApp| async move {
        let before = user_count(&t).await;
        let mut admin = t.login("admin").await;
        let bad = json!({"username": "张三", "display_name": "", "role": "king", "password": "1234", "email": "no-at-sign", "locale": "fr", "department_id": 9999});
        let r = admin.json(Method::POST, "/api/v1/users", bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let e = r.json();
        assert_eq!(e["error"]["code"], "validation_failed");
        for f in [
            "username",
            "display_name",
            "role",
            "password",
            "email",
            "locale",
            "department_id",
        ] {
            assert!(
                e["error"]["fields"][f].is_string(),
                "missing error for {f}: {e}"
            );
        }
        assert_eq!(user_count(&t).await, before);
        // A taken username is a field error, not a 500.
        let dup = json!({"username": "REP1", "display_name": "重复", "role": "rep", "password": "another fine password"});
        let r = admin.json(Method::POST, "/api/v1/users", dup).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert_eq!(
            r.json()["error"]["fields"]["username"],
            "已被占用，请换一个。"
        );
        assert_eq!(user_count(&t).await, before);
    }
);

storage_test!(create_edit_and_stale_edit, |t: TestApp| async move {
    let mut admin = t.login("admin").await;
    let group1 = acre_store::users::by_id(&t.app.db, t.user_id("rep1").await)
        .await
        .unwrap()
        .unwrap()
        .department_id;
    let body = json!({"username": "rep7", "display_name": "郑好", "role": "rep", "password": "spring field 2026",
                      "department_id": group1, "superior_id": t.user_id("manager1").await, "email": "rep7@example.cn"});
    let r = admin.json(Method::POST, "/api/v1/users", body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let id = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["version"], 1);
    // The new user can log in.
    let mut newbie = t.client();
    assert_eq!(
        newbie.login("rep7", "spring field 2026").await.status,
        StatusCode::OK
    );
    // PATCH changes what is sent and keeps the rest.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            json!({"version": 1, "display_name": "郑好好"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.json()["version"], 2);
    let u = admin.get(&format!("/api/v1/users/{id}")).await.json();
    assert_eq!(u["display_name"], "郑好好");
    assert_eq!(u["email"], "rep7@example.cn");
    // A second edit based on version 1 is refused, not merged.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            json!({"version": 1, "display_name": "覆盖"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.error_code(), "stale_version");
    assert_eq!(
        admin.get(&format!("/api/v1/users/{id}")).await.json()["display_name"],
        "郑好好"
    );
    // Missing version is a field error.
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            json!({"display_name": "x"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The history records who changed what.
    let h = acre_store::audit::history(&t.app.db, "user", id, 50)
        .await
        .unwrap();
    assert!(h.iter().any(|e| e.action == "updated"
        && e.field.as_deref() == Some("display_name")
        && e.old_value.as_deref() == Some("郑好")
        && e.new_value.as_deref() == Some("郑好好")));
    assert!(h.iter().any(|e| e.action == "created"));
});

storage_test!(
    disabling_a_user_ends_their_open_session,
    |t: TestApp| async move {
        let mut rep = t.login("rep2").await;
        assert_eq!(rep.get("/api/v1/me").await.status, StatusCode::OK);
        let mut admin = t.login("admin").await;
        let id = t.user_id("rep2").await;
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{id}"),
                json!({"version": 1, "active": false}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(rep.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            t.client().login("rep2", DEMO_PASSWORD).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
);

storage_test!(
    password_reset_ends_sessions_and_checks_policy,
    |t: TestApp| async move {
        let mut rep = t.login("rep3").await;
        let mut admin = t.login("admin").await;
        let id = t.user_id("rep3").await;
        let r = admin
            .json(
                Method::POST,
                &format!("/api/v1/users/{id}/password"),
                json!({"password": "qwertyuiop"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            rep.get("/api/v1/me").await.status,
            StatusCode::OK,
            "a refused reset changes nothing"
        );
        let r = admin
            .json(
                Method::POST,
                &format!("/api/v1/users/{id}/password"),
                json!({"password": "temporary pass 77"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(rep.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            t.client().login("rep3", "temporary pass 77").await.status,
            StatusCode::OK
        );
    }
);

storage_test!(
    an_administrator_cannot_lock_themselves_out,
    |t: TestApp| async move {
        let mut admin = t.login("admin").await;
        let id = t.user_id("admin").await;
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{id}"),
                json!({"version": 1, "active": false}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{id}"),
                json!({"version": 1, "role": "rep"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(admin.get("/api/v1/me").await.status, StatusCode::OK);
    }
);

storage_test!(superior_loops_are_refused, |t: TestApp| async move {
    let mut admin = t.login("admin").await;
    // manager1 reports to director; making director report to rep1 (who reports to manager1) is a loop.
    let director = t.user_id("director").await;
    let rep1 = t.user_id("rep1").await;
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{director}"),
            json!({"version": 1, "superior_id": rep1}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["error"]["fields"]["superior_id"].is_string());
    let r = admin
        .json(
            Method::PATCH,
            &format!("/api/v1/users/{director}"),
            json!({"version": 1, "superior_id": director}),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
});
