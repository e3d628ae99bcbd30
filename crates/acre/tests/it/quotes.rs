//! Quotes (SP6): only after 交流; lines priced from a product's price
//! strategy, totals with tax, numbered per day; the supervisor approves
//! (a price under the floor adds the director) before it is sent; nothing
//! changes while under approval; the requester cannot approve it.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::harness::{Client, TestApp};
use crate::{selling, storage_test};

/// An opportunity of rep1's, moved one stage at a time to `stage`.
async fn opportunity_at(c: &mut Client, name: &str, stages: &[&str]) -> i64 {
    selling::opportunity_at(c, json!({"name": name, "kind": "company"}), stages)
        .await
        .1
}

/// A product with a price strategy: list ¥12,000.00, floor ¥10,000.00.
async fn priced_product(c: &mut Client) -> (i64, i64) {
    let r = c
        .json(
            Method::POST,
            "/api/v1/products",
            json!({"name": "一亩 CRM 标准版", "code": "YM-CRM-STD-Q"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    let product = r.json()["id"].as_i64().unwrap();
    let r = c
        .json(
            Method::POST,
            "/api/v1/price-strategies",
            json!({"name": "CRM 标准价 Q", "product_id": product, "list_price": "12000", "floor_price": "10000"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
    (product, r.json()["id"].as_i64().unwrap())
}

async fn quote(c: &mut Client, id: i64) -> Value {
    c.get(&format!("/api/v1/quotes/{id}")).await.json()
}

storage_test!(
    a_formal_quote_is_refused_before_the_exchange_is_done,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let early = opportunity_at(
            &mut rep1,
            "佛山南海宏图铝业有限公司",
            &["first_visit", "exchange"],
        )
        .await;
        let before = rep1.get("/api/v1/quotes").await.json()["total"].clone();
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "铝业 ERP 报价", "opportunity_id": early}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        assert!(
            r.json()["error"]["fields"]["opportunity_id"]
                .as_str()
                .unwrap()
                .contains("交流"),
            "{}",
            r.text
        );
        assert_eq!(
            rep1.get("/api/v1/quotes").await.json()["total"],
            before,
            "nothing half-saved"
        );
        let ready = opportunity_at(
            &mut rep1,
            "佛山三水广顺陶瓷有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "陶瓷 ERP 报价", "opportunity_id": ready, "tax_rate": "13"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let q = quote(&mut rep1, r.json()["id"].as_i64().unwrap()).await;
        let today = acre_app::registry::value::today().replace('-', "");
        let number = q["number"].as_str().unwrap().to_string();
        assert!(number.starts_with(&format!("QT-{today}-")), "{number}");
        let seq: u32 = number[number.len() - 4..].parse().unwrap();
        assert_eq!(q["status"], "draft");
        // The customer comes from the opportunity: rep2 sees nothing.
        let mut rep2 = t.login("rep2").await;
        assert_eq!(
            rep2.get(&format!("/api/v1/quotes/{}", q["id"]))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        // The next quote of the day is numbered after it.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "陶瓷 MES 报价", "opportunity_id": ready}),
            )
            .await;
        let q2 = quote(&mut rep1, r.json()["id"].as_i64().unwrap()).await;
        assert_eq!(q2["number"], format!("QT-{today}-{:04}", seq + 1));
    }
);

storage_test!(
    lines_are_priced_from_the_strategy_and_the_quote_totals_with_tax,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let (product, strategy) = priced_product(&mut rep1).await;
        let opp = opportunity_at(
            &mut rep1,
            "东莞长安精密模具有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "模具 CRM 报价", "opportunity_id": opp, "tax_rate": "13"}),
            )
            .await;
        let qid = r.json()["id"].as_i64().unwrap();
        // Price and name from the product and its strategy: 3 × 12,000 less 10 %.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quote-lines",
                json!({"quote_id": qid, "product_id": product, "price_strategy_id": strategy, "quantity": "3", "discount": "10"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let line = rep1
            .get(&format!("/api/v1/quote-lines/{}", r.json()["id"]))
            .await
            .json();
        assert_eq!(line["description"], "一亩 CRM 标准版");
        assert_eq!(line["unit_price"], "12000.00");
        assert_eq!(line["amount"], "32400.00");
        assert_eq!(line["below_floor"], false);
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["subtotal"], "32400.00");
        assert_eq!(q["tax"], "4212.00");
        assert_eq!(q["total"], "36612.00");
        assert_eq!(q["below_floor"], false);
        // A service line typed by hand.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quote-lines",
                json!({"quote_id": qid, "description": "实施顾问服务（人天）", "quantity": "5", "unit_price": "2500"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["subtotal"], "44900.00");
        assert_eq!(q["total"], "50737.00");
        // Changing the tax rate recomputes the total.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/quotes/{qid}"),
                json!({"version": q["version"], "tax_rate": "6"}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["tax"], "2694.00");
        assert_eq!(q["total"], "47594.00");
    }
);

storage_test!(
    the_supervisor_approves_a_quote_before_it_is_sent_and_nothing_changes_meanwhile,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let (product, strategy) = priced_product(&mut rep1).await;
        let opp = opportunity_at(
            &mut rep1,
            "惠州大亚湾石化配件有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "石化配件 CRM 报价", "opportunity_id": opp}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        // An empty quote is not sent for approval.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/submit"),
                json!({"version": 1}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "rule_refused");
        // 30 % off goes under the floor: the director must also approve.
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quote-lines",
                json!({"quote_id": qid, "product_id": product, "price_strategy_id": strategy, "quantity": "1", "discount": "30"}),
            )
            .await;
        let line = r.json()["id"].as_i64().unwrap();
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["below_floor"], true);
        // Not sent before approval.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/sent"),
                json!({"version": q["version"]}),
            )
            .await;
        assert_eq!(r.error_code(), "rule_refused");
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/submit"),
                json!({"version": q["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        let aid = r.json()["approval_id"].as_i64().unwrap();
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["status"], "under_approval");
        // Locked: neither the quote nor its lines change, none is added.
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/quotes/{qid}"),
                json!({"version": q["version"], "title": "改"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.error_code(), "rule_refused");
        let lv = rep1
            .get(&format!("/api/v1/quote-lines/{line}"))
            .await
            .json()["version"]
            .clone();
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/quote-lines/{line}"),
                json!({"version": lv, "discount": "0"}),
            )
            .await;
        assert_eq!(r.error_code(), "rule_refused", "{}", r.text);
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quote-lines",
                json!({"quote_id": qid, "description": "加项", "quantity": "1", "unit_price": "1"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text);
        // rep1 cannot approve their own quote.
        let url = format!("/api/v1/approvals/{aid}/decision");
        let r = rep1
            .json(
                Method::POST,
                &url,
                json!({"version": 1, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // manager1, then the director.
        let mut m1 = t.login("manager1").await;
        let r = m1
            .json(
                Method::POST,
                &url,
                json!({"version": 1, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.json()["state"], "pending", "{}", r.text);
        assert_eq!(quote(&mut rep1, qid).await["status"], "under_approval");
        let mut director = t.login("director").await;
        let r = director
            .json(
                Method::POST,
                &url,
                json!({"version": 2, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.json()["state"], "approved", "{}", r.text);
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["status"], "approved");
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/sent"),
                json!({"version": q["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(quote(&mut rep1, qid).await["status"], "sent");
    }
);

storage_test!(
    a_returned_quote_is_changed_and_sent_again,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let opp = opportunity_at(
            &mut rep1,
            "中山火炬开发区联合光电有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "光电 ERP 报价", "opportunity_id": opp}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = rep1
            .json(Method::POST, "/api/v1/quote-lines", json!({"quote_id": qid, "description": "ERP 授权", "quantity": "20", "unit_price": "3000"}))
            .await;
        let line = r.json()["id"].as_i64().unwrap();
        let aid = selling::submit(&mut rep1, "quotes", qid).await;
        let mut m1 = t.login("manager1").await;
        let r = selling::decide(&mut m1, aid, 1, "return", "授权数改为 15").await;
        assert_eq!(r["state"], "returned");
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["status"], "draft");
        let lv = rep1
            .get(&format!("/api/v1/quote-lines/{line}"))
            .await
            .json()["version"]
            .clone();
        let r = rep1
            .json(
                Method::PATCH,
                &format!("/api/v1/quote-lines/{line}"),
                json!({"version": lv, "quantity": "15"}),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text);
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["subtotal"], "45000.00");
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/submit"),
                json!({"version": q["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text);
        assert_eq!(r.json()["approval_id"], aid, "the same request, sent again");
        assert_eq!(quote(&mut rep1, qid).await["status"], "under_approval");
        let r = m1
            .json(
                Method::POST,
                &format!("/api/v1/approvals/{aid}/decision"),
                json!({"version": 3, "decision": "approve"}),
            )
            .await;
        assert_eq!(r.json()["state"], "approved", "{}", r.text);
        assert_eq!(quote(&mut rep1, qid).await["status"], "approved");
    }
);

storage_test!(
    a_revision_keeps_the_sent_quote_and_copies_it_into_a_new_draft,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let (product, strategy) = priced_product(&mut rep1).await;
        let opp = opportunity_at(
            &mut rep1,
            "江门新会葵艺家具有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "家具 CRM 报价", "opportunity_id": opp, "tax_rate": "13", "payment_terms": "签约付 30%"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let r = rep1
            .json(
                Method::POST,
                "/api/v1/quote-lines",
                json!({"quote_id": qid, "product_id": product, "price_strategy_id": strategy, "quantity": "2", "discount": "5"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        // A draft is edited, not revised.
        let draft = quote(&mut rep1, qid).await;
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/revise"),
                json!({"version": draft["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text);
        assert_eq!(r.error_code(), "rule_refused");
        let aid = selling::submit(&mut rep1, "quotes", qid).await;
        let mut m1 = t.login("manager1").await;
        let r = selling::decide(&mut m1, aid, 1, "approve", "").await;
        assert_eq!(r["state"], "approved", "{r}");
        let sent = quote(&mut rep1, qid).await;
        // rep3 does not see rep1's customers: no revision for them.
        let mut other = t.login("rep3").await;
        let r = other
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/revise"),
                json!({"version": sent["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text);
        // A stale version is refused.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/revise"),
                json!({"version": 1}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.error_code(), "stale_version");
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/revise"),
                json!({"version": sent["version"]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        let new = r.json()["id"].as_i64().unwrap();
        // The approved quote is kept as it was, only superseded.
        let old = quote(&mut rep1, qid).await;
        assert_eq!(old["status"], "superseded");
        assert_eq!(old["total"], sent["total"]);
        assert_eq!(old["number"], sent["number"]);
        // The revision is a draft with its own number, the terms and lines.
        let q = quote(&mut rep1, new).await;
        assert_eq!(q["status"], "draft");
        assert_eq!(q["revision"], 2);
        assert_eq!(q["revision_of"], qid);
        assert_ne!(q["number"], sent["number"]);
        assert_eq!(q["payment_terms"], "签约付 30%");
        assert_eq!(q["total"], sent["total"]);
        let lines = rep1
            .get(&format!("/api/v1/quote-lines?f.quote_id={new}"))
            .await
            .json();
        let before = rep1
            .get(&format!("/api/v1/quote-lines?f.quote_id={qid}"))
            .await
            .json();
        assert_eq!(lines["total"], 1, "{lines}");
        for k in [
            "description",
            "quantity",
            "unit_price",
            "discount",
            "amount",
        ] {
            assert_eq!(lines["items"][0][k], before["items"][0][k], "{k}");
        }
        // The superseded sheet says so; the new draft's says it is a draft.
        let page = rep1.get(&format!("/r/quotes/{qid}/sheet")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text.contains("一亩软件（深圳）有限公司"), "letterhead");
        assert!(page.text.contains("本报价单已被新版本取代"));
        let page = rep1.get(&format!("/r/quotes/{new}/sheet")).await;
        assert!(page.text.contains("草稿：尚未经主管核准"));
        assert!(page.text.contains("第 2 版"));
        // A superseded quote is not revised twice.
        let r = rep1
            .json(
                Method::POST,
                &format!("/api/v1/quotes/{qid}/revise"),
                json!({"version": old["version"]}),
            )
            .await;
        assert_eq!(r.error_code(), "rule_refused");
    }
);

storage_test!(
    the_quote_sheet_prints_and_exports_to_word_under_our_letterhead,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let opp = opportunity_at(
            &mut rep1,
            "珠海香洲海纳电子有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "海纳 MES 报价", "opportunity_id": opp, "tax_rate": "13",
                       "valid_until": "2027-01-31", "payment_terms": "签约付 30%，上线付 60%，验收付 10%"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        for (d, q, p) in [
            ("MES 授权 <b>", "10", "8000"),
            ("实施服务（人天）", "20", "2000"),
        ] {
            let r = rep1
                .json(
                    Method::POST,
                    "/api/v1/quote-lines",
                    json!({"quote_id": qid, "description": d, "quantity": q, "unit_price": p}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let aid = selling::submit(&mut rep1, "quotes", qid).await;
        let mut m1 = t.login("manager1").await;
        selling::decide(&mut m1, aid, 1, "approve", "").await;
        let number = quote(&mut rep1, qid).await["number"]
            .as_str()
            .unwrap()
            .to_string();
        // ¥120,000.00 + 13 % = ¥135,600.00.
        let r = rep1.get(&format!("/api/v1/quotes/{qid}/quote.docx")).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains(&format!("{number}.docx"))
        );
        let bytes = rep1.get_bytes(&format!("/r/quotes/{qid}/quote.docx")).await;
        let header = selling::docx_part(&bytes, "word/header1.xml");
        assert!(header.contains("一亩软件（深圳）有限公司"), "{header}");
        let doc = selling::docx_part(&bytes, "word/document.xml");
        for s in [
            "珠海香洲海纳电子有限公司",
            number.as_str(),
            "2027-01-31",
            "MES 授权 &lt;b&gt;",
            "¥120,000.00",
            "¥15,600.00",
            "¥135,600.00",
            "人民币壹拾叁万伍仟陆佰元整",
            "签约付 30%",
            "陈静",
        ] {
            assert!(doc.contains(s), "{s} in the document");
        }
        assert!(
            !doc.contains("草稿"),
            "an approved quote carries no draft mark"
        );
        // The printable page: the same sheet, escaped.
        let page = rep1.get(&format!("/r/quotes/{qid}/sheet")).await;
        assert!(page.text.contains("MES 授权 &"), "escaped");
        assert!(!page.text.contains("授权 <b>"));
        assert!(page.text.contains("人民币壹拾叁万伍仟陆佰元整"));
        // Nobody outside rep1's sight gets it.
        let mut rep4 = t.login("rep4").await;
        for path in [
            format!("/api/v1/quotes/{qid}/quote.docx"),
            format!("/r/quotes/{qid}/sheet"),
        ] {
            assert_eq!(
                rep4.get(&path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
);

storage_test!(
    a_line_takes_the_discount_tier_its_quantity_reaches_unless_given_one,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let (product, strategy) = priced_product(&mut rep1).await;
        // The director sets the tiers: from 10 units 5 % off, from 50 units 10 %.
        let mut director = t.login("director").await;
        for (q, d) in [("10", "5"), ("50", "10")] {
            let r = director
                .json(
                    Method::POST,
                    "/api/v1/price-tiers",
                    json!({"name": format!("{q} 台起"), "price_strategy_id": strategy, "min_quantity": q, "discount": d}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        // A tier without its discount is refused, field by field.
        let r = director
            .json(
                Method::POST,
                "/api/v1/price-tiers",
                json!({"name": "100 台起", "price_strategy_id": strategy, "min_quantity": "100"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.json()["error"]["fields"]["discount"].is_string(),
            "{}",
            r.text
        );
        let opp = opportunity_at(
            &mut rep1,
            "汕头澄海玩具实业有限公司",
            &["first_visit", "exchange", "research"],
        )
        .await;
        let qid = rep1
            .json(
                Method::POST,
                "/api/v1/quotes",
                json!({"title": "玩具 ERP 报价", "opportunity_id": opp, "tax_rate": "13"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let line = |quantity: &'static str, discount: Option<&'static str>| {
            let mut body = json!({"quote_id": qid, "product_id": product, "price_strategy_id": strategy, "quantity": quantity});
            if let Some(d) = discount {
                body["discount"] = json!(d);
            }
            body
        };
        let mut amounts = Vec::new();
        for body in [
            line("3", None),
            line("20", None),
            line("60", None),
            line("60", Some("2")),
        ] {
            let r = rep1.json(Method::POST, "/api/v1/quote-lines", body).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
            let l = rep1
                .get(&format!("/api/v1/quote-lines/{}", r.json()["id"]))
                .await
                .json();
            amounts.push(l["amount"].as_str().unwrap().to_string());
        }
        // 3 × 12,000; 20 × 11,400; 60 × 10,800; 60 × 11,760 (2 % given).
        assert_eq!(amounts, ["36000.00", "228000.00", "648000.00", "705600.00"]);
        // ¥1,617,600.00 + 13 % tax ¥210,288.00.
        let q = quote(&mut rep1, qid).await;
        assert_eq!(q["subtotal"], "1617600.00");
        assert_eq!(q["tax"], "210288.00");
        assert_eq!(q["total"], "1827888.00");
    }
);
