//! The department tree.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

storage_test!(
    department_tree_crud_with_its_rules,
    |t: TestApp| async move {
        let mut admin = t.login("admin").await;
        let tree = admin.get("/api/v1/departments").await.json();
        let names: Vec<&str> = tree["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            ["总经理室", "大客户部", "一组", "二组", "财务部"],
            "depth-first order"
        );
        assert_eq!(tree["items"][2]["path"], "总经理室 / 大客户部 / 一组");
        let ka = tree["items"][1]["id"].as_i64().unwrap();
        let group1 = tree["items"][2]["id"].as_i64().unwrap();

        let r = admin
            .json(
                Method::POST,
                "/api/v1/departments",
                json!({"name": "三组", "parent_id": ka}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let g3 = r.json()["id"].as_i64().unwrap();
        // Empty names and unknown parents are field errors.
        let r = admin
            .json(
                Method::POST,
                "/api/v1/departments",
                json!({"name": "  ", "parent_id": 424242}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let f = &r.json()["error"]["fields"];
        assert!(f["name"].is_string() && f["parent_id"].is_string());
        // Moving 大客户部 under its own child would make a loop.
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/departments/{ka}"),
                json!({"version": 1, "parent_id": g3}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            r.json()["error"]["fields"]["parent_id"],
            "不能把部门移到它自己或其下级部门之下。"
        );
        // A department with members cannot be deleted.
        let r = admin
            .json(
                Method::DELETE,
                &format!("/api/v1/departments/{group1}?version=1"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "in_use");
        // Rename with a stale version is refused; with the right one it works.
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/departments/{g3}"),
                json!({"version": 7, "name": "新三组"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        let r = admin
            .json(
                Method::PATCH,
                &format!("/api/v1/departments/{g3}"),
                json!({"version": 1, "name": "新三组"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let r = admin
            .json(
                Method::DELETE,
                &format!("/api/v1/departments/{g3}?version=2"),
                json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT);
        assert_eq!(
            admin.get(&format!("/api/v1/departments/{g3}")).await.status,
            StatusCode::NOT_FOUND
        );
        let h = acre_store::audit::history(&t.app.db, "department", g3, 10)
            .await
            .unwrap();
        let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
        assert!(
            actions.contains(&"deleted")
                && actions.contains(&"created")
                && actions.contains(&"updated")
        );
    }
);

storage_test!(
    everyone_reads_the_tree_only_admins_change_it,
    |t: TestApp| async move {
        let mut rep = t.login("rep4").await;
        assert_eq!(rep.get("/api/v1/departments").await.status, StatusCode::OK);
        let r = rep
            .json(Method::DELETE, "/api/v1/departments/5?version=1", json!({}))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
);
