//! Related records added, edited and deleted in place (CU1): htmx requests
//! from a record's page answer with its related card or the inline form;
//! the service decides who may change what.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::harness::{Client, Resp, TestApp};
use crate::storage_test;

/// One of rep1's demo customers (东莞华信电子有限公司).
async fn huaxin(c: &mut Client) -> i64 {
    let r = c.get("/api/v1/customers?q=%E5%8D%8E%E4%BF%A1").await.json();
    r["items"][0]["id"].as_i64().expect("rep1 sees 华信")
}

/// How many live contacts the customer has, as its owner sees them.
async fn contacts_of(c: &mut Client, customer: i64) -> i64 {
    c.get(&format!(
        "/api/v1/contacts?f.customer_id={customer}&limit=200"
    ))
    .await
    .json()["total"]
        .as_i64()
        .unwrap()
}

/// A signed-in client that sends `HX-Request`, as htmx does.
async fn htmx_login(t: &TestApp, user: &str) -> Client {
    let mut c = t.login(user).await;
    c.htmx = true;
    c
}

/// An inline form post with the session's CSRF token, as the page's form sends it.
async fn post(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Resp {
    let csrf = c.csrf.clone().unwrap();
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    c.form(path, &all).await
}

/// A contact of `customer` created through the API; returns its id.
async fn contact(c: &mut Client, customer: i64, name: &str) -> i64 {
    let r = c
        .json(
            Method::POST,
            "/api/v1/contacts",
            json!({"name": name, "customer_id": customer}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    r.json()["id"].as_i64().unwrap()
}

storage_test!(
    a_contact_is_added_in_place_from_its_customer,
    |t: TestApp| async move {
        let mut rep1 = htmx_login(&t, "rep1").await;
        let cid = huaxin(&mut rep1).await;
        let before = contacts_of(&mut rep1, cid).await;
        let parent = format!("customers:{cid}");

        // The page's card offers the inline form; the full form stays the link.
        let page = rep1.get(&format!("/r/customers/{cid}")).await.text;
        assert!(
            page.contains(&format!(
                "href=\"/r/contacts/new?customer_id={cid}\" hx-get=\"/r/contacts/new?customer_id={cid}&amp;_parent={parent}\""
            )),
            "{page}"
        );
        let form = rep1
            .get(&format!(
                "/r/contacts/new?customer_id={cid}&_parent={parent}"
            ))
            .await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(!form.text.contains("<html"), "a fragment");
        assert!(form.text.contains("id=\"contacts-new-fld-name\""));
        assert!(
            form.text
                .contains(&format!("name=\"customer_id\" value=\"{cid}\"")),
            "the customer is fixed"
        );
        assert!(
            !form.text.contains("customer_id__title"),
            "no customer picker"
        );

        let r = post(
            &mut rep1,
            "/r/contacts",
            &[
                ("version", "0"),
                ("_parent", &parent),
                ("customer_id", &cid.to_string()),
                ("name", "欧阳明"),
                ("title", "采购经理"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.headers["hx-retarget"], "#related-contacts");
        assert!(r.text.starts_with("<div id=\"related-contacts\""));
        assert!(r.text.contains("欧阳明") && r.text.contains("采购经理"));
        assert!(r.text.contains(&format!(
            "id=\"related-contacts-count\">{}</span>",
            before + 1
        )));
        // The customer's page shows its contacts as a tab: its count follows.
        assert!(r.text.contains(&format!(
            "id=\"related-contacts-tab-count\" hx-swap-oob=\"true\">{}</span>",
            before + 1
        )));
        assert_eq!(contacts_of(&mut rep1, cid).await, before + 1);
    }
);

storage_test!(
    a_bad_inline_form_is_answered_in_place_and_saves_nothing,
    |t: TestApp| async move {
        let mut rep1 = htmx_login(&t, "rep1").await;
        let cid = huaxin(&mut rep1).await;
        let before = contacts_of(&mut rep1, cid).await;
        let r = post(
            &mut rep1,
            "/r/contacts",
            &[
                ("version", "0"),
                ("_parent", &format!("customers:{cid}")),
                ("customer_id", &cid.to_string()),
                ("name", ""),
                ("email", "not-an-address"),
                ("wechat", "ouyang_m"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(!r.text.contains("<html"), "the inline form, not a page");
        assert!(r.text.contains("id=\"contacts-new-form\""));
        assert!(r.text.contains("id=\"contacts-new-err-name\">此项必填。"));
        assert!(
            r.text
                .contains("id=\"contacts-new-err-email\">电子邮箱格式不正确。")
        );
        assert!(r.text.contains("value=\"ouyang_m\""), "typed values kept");
        assert_eq!(contacts_of(&mut rep1, cid).await, before);
    }
);

storage_test!(
    an_inline_edit_saves_and_a_stale_one_is_refused,
    |t: TestApp| async move {
        let mut rep1 = htmx_login(&t, "rep1").await;
        let cid = huaxin(&mut rep1).await;
        let id = contact(&mut rep1, cid, "司马青").await;
        let parent = format!("customers:{cid}");

        // The row turns into the form, with the record's version.
        let form = rep1
            .get(&format!("/r/contacts/{id}/edit?_parent={parent}"))
            .await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.text
                .starts_with(&format!("<tr id=\"related-contacts-{id}\"")),
            "{}",
            form.text
        );
        assert!(form.text.contains("name=\"version\" value=\"1\""));
        assert!(form.text.contains("value=\"司马青\""));

        let path = format!("/r/contacts/{id}");
        let r = post(
            &mut rep1,
            &path,
            &[
                ("version", "1"),
                ("_parent", &parent),
                ("name", "司马青"),
                ("title", "总工程师"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert!(r.text.contains("总工程师"));

        // Someone else saved meanwhile: version 1 is stale now.
        let r = post(
            &mut rep1,
            &path,
            &[
                ("version", "1"),
                ("_parent", &parent),
                ("name", "司马青"),
                ("title", "厂长"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(
            r.text
                .starts_with(&format!("<tr id=\"related-contacts-{id}\""))
        );
        assert!(r.text.contains("其他人已先保存了此记录"), "{}", r.text);
        let got = rep1.get(&format!("/api/v1/contacts/{id}")).await.json();
        assert_eq!(got["title"], "总工程师");
    }
);

storage_test!(
    reps_may_not_change_what_they_may_not_edit,
    |t: TestApp| async move {
        let mut rep1 = htmx_login(&t, "rep1").await;
        let cid = huaxin(&mut rep1).await;
        let id = contact(&mut rep1, cid, "诸葛芳").await;
        let before = contacts_of(&mut rep1, cid).await;
        let parent = format!("customers:{cid}");

        // Another rep's customer: as if it did not exist.
        let mut rep2 = htmx_login(&t, "rep2").await;
        let r = rep2
            .get(&format!("/r/customers/{cid}/related/contacts"))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = post(
            &mut rep2,
            "/r/contacts",
            &[
                ("version", "0"),
                ("_parent", &parent),
                ("customer_id", &cid.to_string()),
                ("name", "插队者"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(contacts_of(&mut rep1, cid).await, before);

        // A read-only share: the card shows no row actions, and the service refuses them.
        let rep2_id = t.user_id("rep2").await;
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/customers/{cid}/shares"),
                json!({"user_id": rep2_id}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text);
        let card = rep2
            .get(&format!("/r/customers/{cid}/related/contacts"))
            .await;
        assert_eq!(card.status, StatusCode::OK);
        assert!(card.text.contains("诸葛芳"));
        assert!(!card.text.contains(&format!("edit-contacts-{id}")));
        assert!(!card.text.contains(&format!("delete-contacts-{id}")));
        let r = post(
            &mut rep2,
            &format!("/r/contacts/{id}"),
            &[("version", "1"), ("_parent", &parent), ("name", "改名")],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = post(
            &mut rep2,
            &format!("/r/contacts/{id}/delete"),
            &[("version", "1"), ("_parent", &parent)],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let got = rep1.get(&format!("/api/v1/contacts/{id}")).await.json();
        assert_eq!(
            (got["name"].as_str(), got["version"].as_i64()),
            (Some("诸葛芳"), Some(1))
        );

        // Its owner sees the actions.
        let card = rep1
            .get(&format!("/r/customers/{cid}/related/contacts"))
            .await;
        assert!(card.text.contains(&format!("id=\"edit-contacts-{id}\"")));
    }
);

storage_test!(
    deleting_in_place_moves_to_the_trash,
    |t: TestApp| async move {
        let mut rep1 = htmx_login(&t, "rep1").await;
        let cid = huaxin(&mut rep1).await;
        let id = contact(&mut rep1, cid, "慕容雪").await;
        let before = contacts_of(&mut rep1, cid).await;
        let card = rep1
            .get(&format!("/r/customers/{cid}/related/contacts"))
            .await
            .text;
        assert!(
            card.contains("hx-confirm=\"将“慕容雪”移到回收站？\""),
            "{card}"
        );

        let r = post(
            &mut rep1,
            &format!("/r/contacts/{id}/delete"),
            &[("version", "1"), ("_parent", &format!("customers:{cid}"))],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.headers["hx-retarget"], "#related-contacts");
        assert!(!r.text.contains("慕容雪"));
        assert_eq!(contacts_of(&mut rep1, cid).await, before - 1);
        assert_eq!(
            rep1.get(&format!("/api/v1/contacts/{id}")).await.status,
            StatusCode::NOT_FOUND
        );
        let trash = rep1.get("/api/v1/contacts?trash=1&limit=200").await.json();
        assert!(
            trash["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == id),
            "in the trash: {trash}"
        );

        // Without htmx the same form is the full-page delete.
        let other = contact(&mut rep1, cid, "上官云").await;
        rep1.htmx = false;
        let r = post(
            &mut rep1,
            &format!("/r/contacts/{other}/delete"),
            &[("version", "1"), ("_parent", &format!("customers:{cid}"))],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/r/contacts?done=flash-deleted");
    }
);

storage_test!(every_related_list_works_the_same, |t: TestApp| async move {
    // A product's price strategies, as the sales assistant adds one.
    let mut a = htmx_login(&t, "assistant").await;
    let r = a
        .json(
            Method::POST,
            "/api/v1/products",
            json!({"name": "智能排产系统", "code": "APS-1"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let pid = r.json()["id"].as_i64().unwrap();
    let parent = format!("products:{pid}");
    let form = a
        .get(&format!(
            "/r/price-strategies/new?product_id={pid}&_parent={parent}"
        ))
        .await;
    assert!(
        form.text
            .contains("id=\"price-strategies-new-fld-list_price\"")
    );
    let r = post(
        &mut a,
        "/r/price-strategies",
        &[
            ("version", "0"),
            ("_parent", &parent),
            ("name", "年度框架价"),
            ("list_price", "98000"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text);
    assert_eq!(r.headers["hx-retarget"], "#related-price-strategies");
    assert!(r.text.contains("年度框架价"));
    // A child type the parent does not list is no related card.
    let r = a.get(&format!("/r/products/{pid}/related/contacts")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
});
