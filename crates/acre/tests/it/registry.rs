//! The registry walk: every registered record type goes through every
//! operation, so a new type cannot miss one. Runs on both databases.

use std::collections::HashMap;
use std::io::Read;

use acre_app::registry::{self, Kind, RecordType};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::harness::{Client, TestApp};

/// Distinct numbers for sample records (unique fields must not collide).
static SEQ: AtomicUsize = AtomicUsize::new(1000);
use crate::storage_test;

const XSS: &str = "<script>alert('x')</script>&";
/// Short enough for any text field; must never reach a page unescaped.
const TAG: &str = "<u>&\"";

/// A valid value of every field, creating linked records as needed.
fn sample<'a>(
    c: &'a mut Client,
    rt: &'static RecordType,
    n: usize,
    users: &'a HashMap<&str, i64>,
    db: &'a acre_store::Db,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Value> + Send + 'a>> {
    Box::pin(async move {
        let mut body = serde_json::Map::new();
        for f in rt.fields.iter().filter(|f| !f.derived) {
            let v = match f.kind {
                Kind::Text if f.key == rt.title => json!(format!("{} 样例{n} {XSS}", rt.key)),
                Kind::Text => json!(format!("{n}{TAG}")),
                Kind::LongText => json!(format!("第一行\n第二行 =SUM(A1) {XSS}")),
                Kind::Integer => json!(42),
                Kind::Decimal => json!(3.5),
                Kind::Money => json!("1234.50"),
                Kind::Percent => json!(12.5),
                Kind::Date => json!("2026-11-27"),
                Kind::DateTime => json!("2026-11-27 09:30"),
                Kind::Enum => json!(f.options[0]),
                Kind::MultiEnum => json!([f.options[0], f.options[1]]),
                Kind::Link => {
                    let target = registry::find(f.link.unwrap()).unwrap();
                    let tb = sample(c, target, SEQ.fetch_add(1, Ordering::SeqCst), users, db).await;
                    let r = c
                        .json(Method::POST, &format!("/api/v1/{}", target.key), tb)
                        .await;
                    assert_eq!(r.status, StatusCode::CREATED, "{}: {}", target.key, r.text);
                    let id = r.json()["id"].as_i64().unwrap();
                    if f.link_rule.is_some() && target.key == "opportunities" {
                        // A quote's opportunity must be past 交流.
                        let mut v = 1;
                        for stage in ["first_visit", "exchange", "research"] {
                            let r = c
                                .json(
                                    Method::POST,
                                    &format!("/api/v1/opportunities/{id}/stage"),
                                    json!({"version": v, "stage": stage}),
                                )
                                .await;
                            assert_eq!(r.status, StatusCode::OK, "{}", r.text);
                            v = r.json()["version"].as_i64().unwrap();
                        }
                    }
                    if f.link_rule.is_some_and(|r| r.sql.contains("'approved'")) {
                        // A contract's quote must be approved: arranged here
                        // directly (tests/it/quotes.rs goes through approval).
                        db.execute(
                            "UPDATE quotes SET status = 'approved' WHERE id = $1",
                            &[acre_store::Value::from(id)],
                        )
                        .await
                        .unwrap();
                    }
                    json!(id)
                }
                Kind::User => json!(users["rep1"]),
                Kind::Bool => json!(true),
                Kind::Phone => json!(format!("0755-{:08}", 10_000_000 + n)),
                Kind::Email => json!("sales@acre.example.cn"),
                Kind::Url => json!("https://acre.example.cn/a"),
                // Files are uploaded to their field, not sent with the record.
                Kind::File => continue,
            };
            body.insert(f.key.to_string(), v);
        }
        Value::Object(body)
    })
}

/// The staged import job named in the mapping page's form action.
fn import_job(html: &str, res: &str) -> i64 {
    html.split(&format!("/r/{res}/import/"))
        .nth(1)
        .and_then(|s| s.split('"').next())
        .and_then(|s| s.parse().ok())
        .expect("the mapping page names its job")
}

fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("docx is a zip");
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

storage_test!(
    every_type_through_every_operation,
    |t: TestApp| async move {
        let mut users = HashMap::new();
        users.insert("rep1", t.user_id("rep1").await);
        let mut c = t.login("assistant").await;
        for (idx, rt) in registry::all().iter().enumerate() {
            // A number of its own per type: a contact's card is named like its contact.
            let n = 101 + idx;
            let mark = format!("样例{n}");
            let q_mark = format!("%E6%A0%B7%E4%BE%8B{n}");
            let res = rt.key;
            // The demo organisation comes with sample materials: count from here.
            let base = c.get(&format!("/api/v1/{res}")).await.json()["total"]
                .as_i64()
                .unwrap();
            // Create: an empty form names every required field and saves nothing.
            let r = c
                .json(Method::POST, &format!("/api/v1/{res}"), json!({}))
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{res}");
            for f in rt.fields.iter().filter(|f| f.required) {
                assert!(
                    r.json()["error"]["fields"][f.key].is_string(),
                    "{res}.{} required",
                    f.key
                );
            }
            assert_eq!(
                c.get(&format!("/api/v1/{res}")).await.json()["total"],
                base,
                "{res}: nothing half-saved"
            );
            let pre_search = c.get(&format!("/api/v1/{res}?q={q_mark}")).await.json()["total"]
                .as_i64()
                .unwrap();
            let pre_filter = c
                .get(&format!("/api/v1/{res}?f.{}=%E6%A0%B7%E4%BE%8B", rt.title))
                .await
                .json()["total"]
                .as_i64()
                .unwrap();
            let body = sample(&mut c, rt, n, &users, &t.app.db).await;
            let r = c
                .json(Method::POST, &format!("/api/v1/{res}"), body.clone())
                .await;
            assert_eq!(r.status, StatusCode::CREATED, "{res}: {}", r.text);
            let id = r.json()["id"].as_i64().unwrap();
            let title = body[rt.title].as_str().unwrap().to_string();

            // Read back every field as sent.
            let got = c.get(&format!("/api/v1/{res}/{id}")).await.json();
            // Every key field is filled: the file is complete.
            if let Some(comp) = rt.completeness {
                assert_eq!(got[comp.field], 100, "{res} completeness");
            }
            for f in rt.fields.iter().filter(|f| !f.derived) {
                let sent = &body[f.key];
                let back = &got[f.key];
                match f.kind {
                    Kind::DateTime => assert!(back.is_i64(), "{res}.{}", f.key),
                    Kind::Decimal | Kind::Percent => {
                        assert_eq!(back.as_f64(), sent.as_f64(), "{res}.{}", f.key)
                    }
                    Kind::Integer | Kind::Link | Kind::User => {
                        assert_eq!(back.as_i64(), sent.as_i64(), "{res}.{}", f.key)
                    }
                    _ => assert_eq!(back, sent, "{res}.{}", f.key),
                }
            }

            // List: search by a Chinese substring, filter, sort.
            // Search by this record's mark.
            let l = c.get(&format!("/api/v1/{res}?q={q_mark}")).await.json();
            assert_eq!(l["total"], pre_search + 1, "{res} search");
            let l = c
                .get(&format!("/api/v1/{res}?q=nothing-like-this"))
                .await
                .json();
            assert_eq!(l["total"], 0, "{res} search miss");
            let l = c
                .get(&format!(
                    "/api/v1/{res}?f.{}=%E6%A0%B7%E4%BE%8B&sort=-{}",
                    rt.title, rt.title
                ))
                .await;
            assert_eq!(l.status, StatusCode::OK, "{res}: {}", l.text);
            assert_eq!(l.json()["total"], pre_filter + 1, "{res} filter");
            let page = c.get(&format!("/r/{res}")).await;
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                !page.text.contains(XSS) && page.text.contains("&#60;script&#62;"),
                "{res}: list escapes"
            );

            // Edit, then a stale edit is refused.
            let r = c
                .json(
                    Method::PATCH,
                    &format!("/api/v1/{res}/{id}"),
                    json!({"version": 1, rt.title: format!("{title} 改")}),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{res}: {}", r.text);
            let r = c
                .json(
                    Method::PATCH,
                    &format!("/api/v1/{res}/{id}"),
                    json!({"version": 1, rt.title: "覆盖"}),
                )
                .await;
            assert_eq!(r.status, StatusCode::CONFLICT, "{res}");
            let h = c.get(&format!("/api/v1/{res}/{id}/history")).await.json();
            let actions: Vec<&str> = h["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["action"].as_str().unwrap())
                .collect();
            assert!(
                actions.contains(&"created") && actions.contains(&"updated"),
                "{res}: {actions:?}"
            );

            // Detail and print views escape text too.
            for path in [
                format!("/r/{res}/{id}"),
                format!("/r/{res}/{id}/print"),
                format!("/r/{res}/print"),
            ] {
                let p = c.get(&path).await;
                assert_eq!(p.status, StatusCode::OK, "{path}");
                assert!(
                    !p.text.contains(XSS) && !p.text.contains("<u>"),
                    "{path} escapes"
                );
                assert!(p.text.contains(&mark), "{path} shows the record");
            }

            // Excel export, read back cell by cell; formulas neutralised.
            let x = c.get(&format!("/api/v1/{res}/export.xlsx")).await;
            assert_eq!(x.status, StatusCode::OK);
            let bytes = c
                .get_bytes(&format!("/r/{res}/export.xlsx?q={q_mark}"))
                .await;
            let sheet = acre_docs::import::read_xlsx(&bytes).expect("xlsx reads back");
            assert_eq!(sheet.rows.len(), 1, "{res}");
            let title_label = t.app_label(rt, rt.title);
            let col = sheet
                .headers
                .iter()
                .position(|h| *h == title_label)
                .expect("title column");
            assert_eq!(
                sheet.rows[0][col],
                format!("{title} 改"),
                "{res} title cell"
            );
            let docx = c
                .get_bytes(&format!("/r/{res}/export.docx?q={q_mark}"))
                .await;
            let xml = docx_text(&docx);
            assert!(
                xml.contains(&mark) && xml.contains("&lt;script&gt;"),
                "{res} docx"
            );
            let one = c.get_bytes(&format!("/r/{res}/{id}/export.docx")).await;
            assert!(
                docx_text(&one).contains(&t.app_label(rt, rt.title)),
                "{res} record docx"
            );
            let one = c.get_bytes(&format!("/r/{res}/{id}/export.xlsx")).await;
            assert!(
                acre_docs::import::read_xlsx(&one).is_ok(),
                "{res} record xlsx"
            );

            // Re-importing the exported file with "skip" creates nothing new.
            let job = c
                .upload(
                    &format!("/r/{res}/import"),
                    "file",
                    &format!("{res}.xlsx"),
                    &bytes,
                )
                .await;
            assert_eq!(job.status, StatusCode::OK, "{res}: {}", job.text);
            let job_id = import_job(&job.text, res);
            let mut fields: Vec<(String, String)> = vec![
                ("csrf_token".into(), c.csrf.clone().unwrap()),
                ("policy".into(), "skip".into()),
                ("mode".into(), "run".into()),
            ];
            for (i, h) in sheet.headers.iter().enumerate() {
                if let Some(f) = rt.fields.iter().find(|f| t.app_label(rt, f.key) == *h) {
                    fields.push((format!("map.{i}"), f.key.to_string()));
                }
            }
            let pairs: Vec<(&str, &str)> = fields
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            let r = c.form(&format!("/r/{res}/import/{job_id}"), &pairs).await;
            assert_eq!(r.status, StatusCode::OK, "{res}: {}", r.text);
            assert_eq!(
                c.get(&format!("/api/v1/{res}")).await.json()["total"]
                    .as_i64()
                    .unwrap(),
                base + 1,
                "{res}: re-import with skip created nothing"
            );

            // Delete to the trash, restore.
            assert_eq!(
                c.json(
                    Method::DELETE,
                    &format!("/api/v1/{res}/{id}?version=2"),
                    json!({})
                )
                .await
                .status,
                StatusCode::NO_CONTENT
            );
            assert_eq!(
                c.get(&format!("/api/v1/{res}/{id}")).await.status,
                StatusCode::NOT_FOUND
            );
            assert_eq!(
                c.get(&format!("/api/v1/{res}?trash=1")).await.json()["total"],
                1
            );
            assert_eq!(
                c.json(
                    Method::POST,
                    &format!("/api/v1/{res}/{id}/restore"),
                    json!({})
                )
                .await
                .status,
                StatusCode::NO_CONTENT
            );
            assert_eq!(
                c.get(&format!("/api/v1/{res}/{id}")).await.status,
                StatusCode::OK
            );
        }
    }
);

storage_test!(
    sales_materials_are_read_by_all_edited_by_author_or_managers,
    |t: TestApp| async move {
        let mut assistant = t.login("assistant").await;
        let r = assistant
            .json(
                Method::POST,
                "/api/v1/products",
                json!({"name": "条码采集终端", "code": "PDA-1"}),
            )
            .await;
        let id = r.json()["id"].as_i64().unwrap();
        let mut rep = t.login("rep1").await;
        assert_eq!(
            rep.get(&format!("/api/v1/products/{id}")).await.status,
            StatusCode::OK,
            "reps read"
        );
        let r = rep
            .json(
                Method::PATCH,
                &format!("/api/v1/products/{id}"),
                json!({"version": 1, "name": "改名"}),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "a rep cannot edit another's product"
        );
        assert_eq!(
            rep.json(Method::DELETE, &format!("/api/v1/products/{id}"), json!({}))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            rep.get(&format!("/api/v1/products/{id}")).await.json()["name"],
            "条码采集终端",
            "unchanged"
        );
        // A rep edits what they wrote; a manager edits anyone's.
        let r = rep
            .json(
                Method::POST,
                "/api/v1/products",
                json!({"name": "我的产品"}),
            )
            .await;
        let mine = r.json()["id"].as_i64().unwrap();
        assert_eq!(
            rep.json(
                Method::PATCH,
                &format!("/api/v1/products/{mine}"),
                json!({"version": 1, "unit": "套"})
            )
            .await
            .status,
            StatusCode::OK
        );
        let mut m = t.login("manager1").await;
        assert_eq!(
            m.json(
                Method::PATCH,
                &format!("/api/v1/products/{id}"),
                json!({"version": 1, "unit": "台"})
            )
            .await
            .status,
            StatusCode::OK
        );
        // Bulk delete skips what the rep may not touch.
        let body = format!(
            "csrf_token={}&action=delete&ids={id}&ids={mine}",
            rep.csrf.clone().unwrap()
        );
        let r = rep
            .send(
                Method::POST,
                "/r/products/bulk",
                Some("application/x-www-form-urlencoded"),
                body.into_bytes(),
                false,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            rep.get(&format!("/api/v1/products/{id}")).await.status,
            StatusCode::OK
        );
        assert_eq!(
            rep.get(&format!("/api/v1/products/{mine}")).await.status,
            StatusCode::NOT_FOUND
        );
        // Purging is for administrators only.
        assert_eq!(
            m.send(
                Method::POST,
                &format!("/r/products/{mine}/purge"),
                Some("application/x-www-form-urlencoded"),
                format!("csrf_token={}", m.csrf.clone().unwrap()).into_bytes(),
                false
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        // The administrator (no selling role) does not see sales materials.
        let mut admin = t.login("admin").await;
        assert_eq!(
            admin.get("/api/v1/products").await.status,
            StatusCode::FORBIDDEN
        );
    }
);

storage_test!(csv_in_gbk_and_big5_imports, |t: TestApp| async move {
    let mut c = t.login("assistant").await;
    let base = c.get("/api/v1/competitors").await.json()["total"]
        .as_i64()
        .unwrap();
    for (enc, text) in [
        (
            encoding_rs::GBK,
            "名称,竞争对手网站,规模\n金算盘软件,https://jsp.example.cn,large\n",
        ),
        (
            encoding_rs::BIG5,
            "名稱,網站,規模\n鼎新資訊,https://dx.example.tw,listed\n",
        ),
    ] {
        let (bytes, _, _) = enc.encode(text);
        let r = c
            .upload("/r/competitors/import", "file", "竞争对手.csv", &bytes)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        let job: i64 = import_job(&r.text, "competitors");
        let csrf = c.csrf.clone().unwrap();
        let pairs = [
            ("csrf_token", csrf.as_str()),
            ("map.0", "name"),
            ("map.1", "website"),
            ("map.2", "size"),
            ("policy", "skip"),
            ("mode", "run"),
        ];
        let r = c
            .form(&format!("/r/competitors/import/{job}"), &pairs)
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let l = c
        .get("/api/v1/competitors?sort=name&limit=200")
        .await
        .json();
    let names: Vec<&str> = l["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"金算盘软件") && names.contains(&"鼎新資訊"),
        "{names:?}"
    );
    // A bad row is reported with its row number and field, and nothing of it is saved.
    let (bytes, _, _) = encoding_rs::GBK.encode("名称,规模\n,huge\n好公司,small\n");
    let r = c
        .upload("/r/competitors/import", "file", "bad.csv", &bytes)
        .await;
    let job: i64 = import_job(&r.text, "competitors");
    let csrf = c.csrf.clone().unwrap();
    let pairs = [
        ("csrf_token", csrf.as_str()),
        ("map.0", "name"),
        ("map.1", "size"),
        ("policy", "skip"),
    ];
    let r = c
        .form(&format!("/r/competitors/import/{job}/errors.csv"), &pairs)
        .await;
    assert!(r.text.contains("\r\n2,"), "row 2 reported: {}", r.text);
    assert_eq!(
        c.get("/api/v1/competitors").await.json()["total"]
            .as_i64()
            .unwrap(),
        base + 2,
        "the dry run saved nothing"
    );
});

storage_test!(
    the_price_in_force_is_marked_on_the_product,
    |t: TestApp| async move {
        let mut c = t.login("assistant").await;
        let p = c
            .json(
                Method::POST,
                "/api/v1/products",
                json!({"name": "价格测试产品"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        for (name, from, to) in [
            ("旧价", "2020-01-01", "2020-12-31"),
            ("现行价", "2021-01-01", ""),
            ("未来价", "2099-01-01", ""),
        ] {
            let r = c.json(Method::POST, "/api/v1/price-strategies", json!({"name": name, "product_id": p, "list_price": "100", "valid_from": from, "valid_to": to})).await;
            assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        }
        let page = c.get(&format!("/r/products/{p}")).await.text;
        let marked: Vec<&str> = page
            .split("table-success")
            .skip(1)
            .filter_map(|s| s.split("\">").nth(2))
            .map(|s| s.split('<').next().unwrap_or(""))
            .collect();
        assert_eq!(marked, ["现行价"], "only the current strategy is in force");
        // The link filter the related list's "more" link uses.
        assert_eq!(
            c.get(&format!("/api/v1/price-strategies?f.product_id={p}"))
                .await
                .json()["total"],
            3
        );
        assert_eq!(
            c.get(&format!(
                "/api/v1/price-strategies?f.product_id={p}&f.valid_to.empty=1"
            ))
            .await
            .json()["total"],
            2
        );
    }
);

storage_test!(
    attachments_upload_download_delete_and_limit,
    |t: TestApp| async move {
        let mut c = t.login("assistant").await;
        let id = c
            .json(
                Method::POST,
                "/api/v1/contract-templates",
                json!({"name": "标准销售合同", "contract_type": "sales"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        let body = "合同范本 {{customer.name}}".as_bytes();
        let r = c
            .upload(
                &format!("/r/contract-templates/{id}/attachments"),
                "file",
                "销售合同.docx",
                body,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let page = c.get(&format!("/r/contract-templates/{id}")).await.text;
        let aid: i64 = page
            .split("/attachments/")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .expect("attachment link");
        assert_eq!(c.get_bytes(&format!("/attachments/{aid}")).await, body);
        let dl = c.get(&format!("/attachments/{aid}")).await;
        assert!(
            dl.headers
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("attachment;"),
            "never inline"
        );
        // A rep may download but not delete the assistant's attachment.
        let mut rep = t.login("rep1").await;
        assert_eq!(
            rep.get(&format!("/attachments/{aid}")).await.status,
            StatusCode::OK
        );
        let csrf = rep.csrf.clone().unwrap();
        assert_eq!(
            rep.form(
                &format!("/attachments/{aid}/delete"),
                &[("csrf_token", &csrf)]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        // Too large: a clear error, nothing stored.
        let big = vec![b'x'; acre_app::attachments::MAX_ATTACHMENT_BYTES + 1];
        let r = c
            .upload(
                &format!("/r/contract-templates/{id}/attachments"),
                "file",
                "big.bin",
                &big,
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            r.text.contains("文件太大"),
            "{}",
            &r.text[..r.text.len().min(400)]
        );
        let csrf = c.csrf.clone().unwrap();
        assert_eq!(
            c.form(
                &format!("/attachments/{aid}/delete"),
                &[("csrf_token", &csrf)]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(
            c.get(&format!("/attachments/{aid}")).await.status,
            StatusCode::NOT_FOUND
        );
    }
);

storage_test!(
    saved_views_are_personal_or_shared,
    |t: TestApp| async move {
        let mut rep1 = t.login("rep1").await;
        let csrf = rep1.csrf.clone().unwrap();
        for (name, shared) in [("我的软件", false), ("团队共享", true)] {
            let mut f = vec![
                ("csrf_token", csrf.as_str()),
                ("name", name),
                ("query", "f.category=software&sort=name"),
            ];
            if shared {
                f.push(("shared", "1"));
            }
            assert_eq!(
                rep1.form("/r/products/views", &f).await.status,
                StatusCode::SEE_OTHER
            );
        }
        let mine = rep1.get("/r/products").await.text;
        assert!(mine.contains("我的软件") && mine.contains("团队共享"));
        let mut rep2 = t.login("rep2").await;
        let theirs = rep2.get("/r/products").await.text;
        assert!(
            !theirs.contains("我的软件") && theirs.contains("团队共享"),
            "personal views stay personal"
        );
        // Only the owner deletes a view.
        let id: i64 = mine
            .split("/r/products/views/")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        let csrf2 = rep2.csrf.clone().unwrap();
        assert_eq!(
            rep2.form(
                &format!("/r/products/views/{id}/delete"),
                &[("csrf_token", &csrf2)]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            rep1.form(
                &format!("/r/products/views/{id}/delete"),
                &[("csrf_token", &csrf)]
            )
            .await
            .status,
            StatusCode::SEE_OTHER
        );
    }
);

storage_test!(
    a_contract_template_keeps_its_document_in_a_file_field,
    |t: TestApp| async move {
        let mut c = t.login("assistant").await;
        let id = c
            .json(
                Method::POST,
                "/api/v1/contract-templates",
                json!({"name": "框架协议", "contract_type": "framework"}),
            )
            .await
            .json()["id"]
            .as_i64()
            .unwrap();
        // Files are uploaded, never typed: a value sent as text is ignored.
        let r = c
            .json(
                Method::PATCH,
                &format!("/api/v1/contract-templates/{id}"),
                json!({"version": 1, "template_file": 123}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            c.get(&format!("/api/v1/contract-templates/{id}"))
                .await
                .json()["template_file"]
                .is_null()
        );
        let doc = b"PK\x03\x04 docx bytes {{customer.name}}";
        let r = c
            .upload(
                &format!("/r/contract-templates/{id}/files/template_file"),
                "file",
                "框架协议范本.docx",
                doc,
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.text);
        let got = c
            .get(&format!("/api/v1/contract-templates/{id}"))
            .await
            .json();
        assert_eq!(got["template_file_title"], "框架协议范本.docx");
        let att = got["template_file"].as_i64().unwrap();
        assert_eq!(c.get_bytes(&format!("/attachments/{att}")).await, doc);
        let page = c.get(&format!("/r/contract-templates/{id}")).await.text;
        assert!(page.contains(&format!(
            "<a href=\"/attachments/{att}\">框架协议范本.docx</a>"
        )));
        // The same through the API; a rep may not replace the assistant's document.
        let r = c
            .upload(
                &format!("/api/v1/contract-templates/{id}/files/template_file"),
                "file",
                "v2.docx",
                b"PK v2",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text);
        assert_eq!(r.json()["version"], 4);
        let mut rep = t.login("rep1").await;
        let r = rep
            .upload(
                &format!("/api/v1/contract-templates/{id}/files/template_file"),
                "file",
                "x.docx",
                b"PK x",
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = c
            .upload(
                &format!("/api/v1/contract-templates/{id}/files/name"),
                "file",
                "x.docx",
                b"PK x",
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "only file fields take uploads"
        );
        let h = c
            .get(&format!("/api/v1/contract-templates/{id}/history"))
            .await
            .json();
        assert!(
            h["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == "template_file" && e["new_value"] == "v2.docx")
        );
    }
);
