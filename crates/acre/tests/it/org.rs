//! Data scope predicate and supervisor resolution (ORG1, design.md §5).

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

async fn team(t: &TestApp, who: &str) -> Vec<String> {
    let mut c = t.login(who).await;
    let r = c.get("/api/v1/me/team?limit=200").await;
    assert_eq!(r.status, StatusCode::OK);
    let mut names: Vec<String> = r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

storage_test!(each_role_sees_its_scope, |t: TestApp| async move {
    assert_eq!(team(&t, "rep1").await, ["rep1"]);
    assert_eq!(
        team(&t, "manager1").await,
        ["manager1", "rep1", "rep2", "rep3"]
    );
    assert_eq!(
        team(&t, "manager2").await,
        ["manager2", "rep4", "rep5", "rep6"]
    );
    assert_eq!(team(&t, "gm").await.len(), 13);
    assert_eq!(team(&t, "director").await.len(), 13);
});

storage_test!(
    moving_a_rep_changes_scope_on_the_next_request,
    |t: TestApp| async move {
        let mut m2 = t.login("manager2").await;
        let mut admin = t.login("admin").await;
        let rep1 = t.user_id("rep1").await;
        let group2 = acre_store::users::by_id(&t.app.db, t.user_id("rep4").await)
            .await
            .unwrap()
            .unwrap()
            .department_id;
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{rep1}"),
                json!({"version": 1, "department_id": group2}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let r = m2.get("/api/v1/me/team?q=rep1").await.json();
        assert_eq!(r["total"], 1);
        assert_eq!(team(&t, "manager1").await, ["manager1", "rep2", "rep3"]);
    }
);

storage_test!(
    supervisor_is_the_direct_superior_or_the_department_head,
    |t: TestApp| async move {
        let rep1 = acre_store::users::by_id(&t.app.db, t.user_id("rep1").await)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            t.app.supervisor_of(&rep1).await.unwrap().unwrap().username,
            "manager1"
        );
        // Without a direct superior the head of the department answers…
        let mut admin = t.login("admin").await;
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{}", rep1.id),
                json!({"version": 1, "superior_id": null}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let rep1 = acre_store::users::by_id(&t.app.db, rep1.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            t.app.supervisor_of(&rep1).await.unwrap().unwrap().username,
            "manager1"
        );
        // …and a head's supervisor is the head of the department above.
        let m1 = acre_store::users::by_id(&t.app.db, t.user_id("manager1").await)
            .await
            .unwrap()
            .unwrap();
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/users/{}", m1.id),
                json!({"version": 1, "superior_id": null}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let m1 = acre_store::users::by_id(&t.app.db, m1.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            t.app.supervisor_of(&m1).await.unwrap().unwrap().username,
            "director"
        );
        let gm = acre_store::users::by_id(&t.app.db, t.user_id("gm").await)
            .await
            .unwrap()
            .unwrap();
        assert!(t.app.supervisor_of(&gm).await.unwrap().is_none());
    }
);
