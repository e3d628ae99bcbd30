//! The business-card book (CU3): each person's own cards, by hand or kept
//! from the contacts they add, following the contact's later edits.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::storage_test;

storage_test!(
    a_contact_becomes_a_card_in_its_creators_book,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let customers = rep1.get("/api/v1/customers?q=华信").await.json();
        let cid = customers["items"][0]["id"].as_i64().unwrap();
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/contacts",
                json!({"name": "周晓兰", "customer_id": cid, "title": "采购经理", "mobile": "139 2288 7766"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let contact = r.json()["id"].as_i64().unwrap();

        let book = rep1.get("/api/v1/business-cards?q=周晓兰").await.json();
        assert_eq!(book["total"], 1, "{book}");
        let card = &book["items"][0];
        assert_eq!(card["company"], "东莞华信电子有限公司");
        assert_eq!(card["title"], "采购经理");
        assert_eq!(card["contact_id"], contact, "it says where it came from");
        let card_id = card["id"].as_i64().unwrap();

        // The contact's later edits carry over.
        let v = rep1
            .get(&format!("/api/v1/contacts/{contact}"))
            .await
            .json()["version"]
            .clone();
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/contacts/{contact}"),
                json!({"version": v, "title": "采购总监"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let card = rep1
            .get(&format!("/api/v1/business-cards/{card_id}"))
            .await
            .json();
        assert_eq!(card["title"], "采购总监");

        // Cards by hand; the link to a contact is not typed.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/business-cards",
                json!({"name": "何先生", "company": "展会认识", "contact_id": contact}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let hand = r.json()["id"].as_i64().unwrap();
        assert!(
            rep1.get(&format!("/api/v1/business-cards/{hand}"))
                .await
                .json()["contact_id"]
                .is_null()
        );

        // A book is its owner's alone: not the manager's, not the general manager's.
        for who in ["rep2", "manager1", "gm"] {
            let mut c = t.login(who).await;
            let theirs = c.get("/api/v1/business-cards?limit=200").await.json();
            assert!(
                theirs["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|i| i["id"] != card_id && i["id"] != hand),
                "{who}: {theirs}"
            );
            assert_eq!(
                c.get(&format!("/api/v1/business-cards/{card_id}"))
                    .await
                    .status,
                StatusCode::NOT_FOUND,
                "{who}"
            );
        }
        assert!(rep1.get("/r/business-cards").await.text.contains("何先生"));
    }
);
