//! Browser tests in headless Chromium through chromedriver: the flows a person
//! clicks through. Skipped with a notice when no driver is installed (a
//! failure under CI). Screenshots land in the target folder for review.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use acre::{Application, Config};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::harness::{Backend, DEMO_PASSWORD, fresh_database, skip};

/// How long a step waits for what it expects. A wait ends as soon as the
/// element appears, so the ceiling costs nothing when the page answers; it
/// is long enough for a CI machine busy with the other tests.
const WAIT: Duration = Duration::from_secs(15);
/// The same ceiling for loops that look again every 100 ms.
const POLLS: usize = 150;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn find(candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| p.to_string())
}

/// Start chromedriver; `None` (skipped) when it or Chromium is missing.
async fn start_driver() -> Option<(Driver, String, String)> {
    let driver = std::env::var("ACRE_CHROMEDRIVER")
        .ok()
        .or_else(|| find(&["/usr/bin/chromedriver", "/usr/local/bin/chromedriver"]));
    let chrome = std::env::var("ACRE_CHROMIUM").ok().or_else(|| {
        find(&[
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
        ])
    });
    let (Some(driver), Some(chrome)) = (driver, chrome) else {
        skip(
            "browser",
            "chromedriver or chromium not installed (apt-get install chromium chromium-driver)",
        );
        return None;
    };
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let guard = Driver(child);
    for _ in 0..POLLS {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Some((guard, format!("http://127.0.0.1:{port}"), chrome));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

async fn open_browser(webdriver: &str, chrome: &str, profile: &std::path::Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chrome,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1280,900", "--lang=zh-CN",
                     format!("--user-data-dir={}", profile.display())],
            // Headless Chromium ignores --lang for Accept-Language; a person in China sends zh-CN.
            "prefs": {"intl.accept_languages": "zh-CN,zh"},
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(webdriver)
        .await
        .expect("webdriver session")
}

fn shot_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&d).unwrap();
    d
}

async fn shot(c: &Client, name: &str) {
    if let Ok(png) = c.screenshot().await {
        let _ = std::fs::write(shot_dir().join(format!("{name}.png")), png);
    }
}

/// The element's text once the page shows it (retrying across navigations).
async fn text_of(c: &Client, css: &str) -> String {
    for _ in 0..POLLS {
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
        {
            return t;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no element {css}");
}

/// Wait until the element's text is `want` (pages load after clicks), then check it.
async fn expect_text(c: &Client, css: &str, want: &str) {
    let mut last = String::new();
    for _ in 0..POLLS {
        last = text_of(c, css).await;
        if last == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(last, want, "text of {css}");
}

/// Type into the field with this id.
async fn type_into(c: &Client, id: &str, text: &str) {
    c.find(Locator::Id(id))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Click what the CSS selector finds (options of a select, checkboxes).
async fn press(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Click a button by id after scrolling it into view.
async fn click(c: &Client, id: &str) {
    // Content loaded after the page (navigation counts, htmx swaps) can move
    // the element between scrolling and clicking, or replace it with a new
    // one of the same id: find it again, scroll and try again.
    for attempt in 0..5 {
        let e = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id(id))
            .await
            .unwrap();
        let _ = c
            .execute(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'center'});",
                vec![json!(id)],
            )
            .await;
        match e.click().await {
            Ok(_) => return,
            Err(err) if attempt < 4 => {
                let _ = err;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => panic!("click #{id}: {err}"),
        }
    }
}

/// Type into a typeahead picker and take its first suggestion: the hidden
/// field `hidden` gets the chosen record's id.
async fn pick(c: &Client, input: &str, hidden: &str, list: &str, text: &str) {
    type_into(c, input, text).await;
    for _ in 0..POLLS {
        let v = c
            .find(Locator::Id(hidden))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        if !v.is_empty() {
            return;
        }
        let opts = c
            .find_all(Locator::Css(&format!("#{list} option")))
            .await
            .unwrap();
        if let Some(o) = opts.first() {
            let title = o.prop("value").await.unwrap().unwrap_or_default();
            let field = c.find(Locator::Id(input)).await.unwrap();
            field.clear().await.unwrap();
            field.send_keys(&title).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the picker {input} found nothing for {text}");
}

async fn login(c: &Client, base: &str, user: &str, password: &str) {
    c.goto(&format!("{base}/login")).await.unwrap();
    type_into(c, "username", user).await;
    type_into(c, "password", password).await;
    c.find(Locator::Id("login-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Wait for the answer: the home page or the login page with its error.
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#welcome, #login-error"))
        .await
        .unwrap();
}

async fn switch_language(c: &Client, tag: &str) {
    c.find(Locator::Id("lang-menu"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let item = c
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("button[data-locale='{tag}']")))
        .await
        .unwrap();
    item.click().await.unwrap();
}

/// One test so the flows share one driver and one server; each flow opens
/// and ends its own browser session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_click_through_the_platform() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir();

    // rep1 logs in, sees the home page, switches to English and back, logs out.
    let c = open_browser(&webdriver, &chrome, &profiles.join("a")).await;
    let (c2, base2) = (c.clone(), base.clone());
    flow(c, async move {
        let (c, base) = (c2, base2);
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        expect_text(&c, "#welcome", "您好，陈静").await;
        expect_text(&c, "#my-supervisor", "张伟").await;
        shot(&c, "home-zh-CN").await;
        // rep1's acre: only their own customers, each with its contacts.
        c.goto(&format!("{base}/r/customers")).await.unwrap();
        let list = text_of(&c, "#records").await;
        assert!(
            list.contains("东莞华信电子有限公司") && !list.contains("佛山美居家电有限公司"),
            "{list}"
        );
        shot(&c, "customers-rep1").await;
        c.find(Locator::LinkText("东莞华信电子有限公司"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        expect_text(&c, "#record-title", "东莞华信电子有限公司").await;
        // The customer center: the header's facts, the file's sections and
        // the contacts as tabs.
        let header = text_of(&c, "#record-summary").await;
        assert!(
            header.contains("A 级") && header.contains("陈静"),
            "{header}"
        );
        shot(&c, "customer-detail").await;
        click(&c, "tab-r1").await;
        for _ in 0..POLLS {
            if text_of(&c, "#pane-r1").await.contains("王建华") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(
            text_of(&c, "#pane-r1").await.contains("王建华"),
            "the contact is on the customer's page"
        );
        shot(&c, "customer-contacts").await;
        c.goto(&format!("{base}/")).await.unwrap();
        switch_language(&c, "en").await;
        expect_text(&c, "#welcome", "Hello, 陈静").await;
        shot(&c, "home-en").await;
        switch_language(&c, "zh-CN").await;
        expect_text(&c, "#welcome", "您好，陈静").await;
        c.find(Locator::Id("user-menu"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("logout"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("login-submit"))
            .await
            .unwrap();
        assert!(c.current_url().await.unwrap().path().ends_with("/login"));
        // After logging out the home page sends us back to the login page.
        c.goto(&format!("{base}/")).await.unwrap();
        assert!(c.current_url().await.unwrap().path().ends_with("/login"));
    })
    .await;

    // A wrong password shows an error and keeps the username.
    let c = open_browser(&webdriver, &chrome, &profiles.join("b")).await;
    login(&c, &base, "rep1", "wrong-password").await;
    let err = text_of(&c, "#login-error").await;
    let kept = c
        .find(Locator::Id("username"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    shot(&c, "login-error").await;
    c.close().await.unwrap();
    assert_eq!(err, "用户名或密码不正确。");
    assert_eq!(kept.as_deref(), Some("rep1"));

    // The administrator adds a user from the UI; a bad field is explained in place.
    let c = open_browser(&webdriver, &chrome, &profiles.join("c")).await;
    let (c2, base2) = (c.clone(), base.clone());
    flow(c, async move {
        let (c, base) = (c2, base2);
        login(&c, &base, "admin", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/admin/users/new")).await.unwrap();
        type_into(&c, "username", "rep8").await;
        type_into(&c, "display_name", "冯雪").await;
        type_into(&c, "password", "123").await;
        c.find(Locator::Id("save-user"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        expect_text(
            &c,
            "#password + .invalid-feedback",
            "密码至少需要 8 个字符。",
        )
        .await;
        shot(&c, "user-form-error").await;
        type_into(&c, "password", "snow in the north 9").await;
        c.find(Locator::Id("save-user"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("reset-form"))
            .await
            .unwrap();
        c.goto(&format!("{base}/admin/users")).await.unwrap();
        let table = text_of(&c, "#users-table").await;
        assert!(table.contains("rep8") && table.contains("冯雪"), "{table}");
        shot(&c, "users-list").await;
        c.goto(&format!("{base}/admin/departments")).await.unwrap();
        assert!(text_of(&c, "#departments-table").await.contains("一组"));
        shot(&c, "departments").await;
    })
    .await;

    // The assistant adds a product with its FAB analysis, finds it by a Chinese
    // substring, previews it for landscape A4, prints it to PDF, exports it.
    let c = open_browser(&webdriver, &chrome, &profiles.join("d")).await;
    let (c2, base2) = (c.clone(), base.clone());
    flow(c, async move {
        let (c, base) = (c2, base2);
        login(&c, &base, "assistant", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/products/new")).await.unwrap();
        for (id, text) in [
            ("fld-name", "云端仓储管理系统"),
            ("fld-code", "WMS-CLOUD"),
            ("fld-unit", "套"),
            ("fld-features", "支持多仓、多货主"),
            ("fld-functions", "入库、出库、盘点、波次拣货"),
            ("fld-benefits", "库存准确率提升到 99.5%"),
            ("fld-advantages", "实施周期短"),
            ("fld-disadvantages", "不支持离线作业"),
            ("fld-quotation_strategy", "首年按仓库数报价"),
        ] {
            c.find(Locator::Id(id))
                .await
                .unwrap()
                .send_keys(text)
                .await
                .unwrap();
        }
        press(&c, "#fld-category option[value='software']").await;
        shot(&c, "product-form").await;
        click(&c, "save-record").await;
        expect_text(&c, "#record-title", "云端仓储管理系统").await;
        shot(&c, "product-detail").await;
        // Find it by a Chinese substring from the list's search box.
        c.goto(&format!("{base}/r/products")).await.unwrap();
        type_into(&c, "list-q", "仓储").await;
        click(&c, "list-apply").await;
        expect_text(&c, "#list-total", "共 1 条").await;
        assert!(text_of(&c, "#records").await.contains("云端仓储管理系统"));
        shot(&c, "product-list").await;
        // Print preview: landscape A4, saved, then printed to PDF.
        click(&c, "print-preview").await;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("print-settings"))
            .await
            .unwrap();
        press(&c, "#orientation option[value='landscape']").await;
        type_into(&c, "p-header", "一亩 · 内部资料").await;
        click(&c, "save-print").await;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(
                "#orientation option[value='landscape'][selected]",
            ))
            .await
            .unwrap();
        assert!(
            text_of(&c, "#print-table")
                .await
                .contains("云端仓储管理系统")
        );
        shot(&c, "print-preview").await;
        let pdf = c
            .print(
                fantoccini::wd::PrintConfiguration::builder()
                    .orientation(fantoccini::wd::PrintOrientation::Landscape)
                    .build()
                    .unwrap(),
            )
            .await
            .unwrap();
        assert!(pdf.starts_with(b"%PDF"), "Chromium printed a PDF");
        let _ = std::fs::write(shot_dir().join("products-print.pdf"), &pdf);
        // On a phone-sized screen the pages fit the width (tables scroll inside).
        c.set_window_size(390, 844).await.unwrap();
        for path in ["/", "/r/products", "/r/products/new"] {
            c.goto(&format!("{base}{path}")).await.unwrap();
            let overflow = c
                .execute(
                    "return document.documentElement.scrollWidth - window.innerWidth;",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                overflow.as_i64().unwrap_or(0) <= 0,
                "{path} overflows by {overflow}px on a phone"
            );
        }
        shot(&c, "phone-products").await;
        c.set_window_size(1280, 900).await.unwrap();
        // Exports answer with real files.
        c.goto(&format!("{base}/r/products?q=仓储")).await.unwrap();
        for id in ["export-xlsx", "export-docx"] {
            let href = c
                .find(Locator::Id(id))
                .await
                .unwrap()
                .attr("href")
                .await
                .unwrap()
                .unwrap();
            let cookie = c.get_named_cookie("acre_session").await.unwrap();
            let out = std::process::Command::new("curl")
                .args([
                    "-s",
                    "-b",
                    &format!("acre_session={}", cookie.value()),
                    &format!("{base}{href}"),
                ])
                .output()
                .unwrap();
            assert!(out.stdout.starts_with(b"PK"), "{id} is an Office file");
            let ext = if id.ends_with("xlsx") { "xlsx" } else { "docx" };
            let _ = std::fs::write(shot_dir().join(format!("products.{ext}")), &out.stdout);
        }
    })
    .await;
}

/// Customers as reps click through them: rep1 registers one that rep2 cannot
/// find; rep1 shares it read-write and rep2 edits it; rep2 registering the
/// same company spelled differently is told who owns it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reps_register_share_and_meet_duplicates() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir().join("customers");

    let a = open_browser(&webdriver, &chrome, &profiles.join("rep1")).await;
    let b = open_browser(&webdriver, &chrome, &profiles.join("rep2")).await;
    let (a2, b2, base2) = (a.clone(), b.clone(), base.clone());
    flow(a.clone(), async move {
        let (a, b, base) = (a2, b2, base2);
        login(&a, &base, "rep1", DEMO_PASSWORD).await;
        a.goto(&format!("{base}/r/customers/new")).await.unwrap();
        type_into(&a, "fld-name", "惠州新晨光电科技有限公司").await;
        press(&a, "#fld-kind option[value='company']").await;
        click(&a, "save-record").await;
        expect_text(&a, "#record-title", "惠州新晨光电科技有限公司").await;
        let customer_url = a.current_url().await.unwrap().path().to_string();

        login(&b, &base, "rep2", DEMO_PASSWORD).await;
        b.goto(&format!("{base}/r/customers?q=新晨")).await.unwrap();
        expect_text(&b, "#list-total", "共 0 条").await;

        // rep1 shares it with rep2, read-write.
        a.goto(&format!("{base}{customer_url}")).await.unwrap();
        pick(&a, "share-user", "share-user-id", "share-users", "rep2").await;
        press(&a, "#share-form input[name='can_write']").await;
        click(&a, "share-submit").await;
        expect_text(&a, "#shares .list-group-item span", "杨帆 · 可编辑").await;
        shot(&a, "customer-shared").await;

        // rep2 now finds it and edits it.
        b.goto(&format!("{base}/r/customers?q=新晨")).await.unwrap();
        expect_text(&b, "#list-total", "共 1 条").await;
        b.goto(&format!("{base}{customer_url}/edit")).await.unwrap();
        press(&b, "#fld-grade option[value='B']").await;
        click(&b, "save-record").await;
        expect_text(&b, "#record-title", "惠州新晨光电科技有限公司").await;
        assert!(text_of(&b, "main").await.contains("B 级"));

        // rep2 registers the same company spelled in Traditional with full-width brackets.
        b.goto(&format!("{base}/r/customers/new")).await.unwrap();
        type_into(&b, "fld-name", "惠州新晨光電科技（中国）有限公司").await;
        press(&b, "#fld-kind option[value='company']").await;
        click(&b, "save-record").await;
        let msg = text_of(&b, "#form-error").await;
        assert!(msg.contains("陈静") && msg.contains("一组"), "{msg}");
        shot(&b, "customer-duplicate").await;

        // The global search box: pinyin initials suggest rep1's customer as
        // they are typed; Enter opens the results page.
        type_into(&a, "global-search", "hxdz").await;
        let hit = text_of(&a, "#global-search-results .search-hit").await;
        assert!(hit.contains("东莞华信电子有限公司"), "{hit}");
        shot(&a, "search-typeahead").await;
        type_into(&a, "global-search", "\u{E007}").await;
        let found = text_of(&a, "#search-customers").await;
        assert!(found.contains("东莞华信电子有限公司"), "{found}");
    })
    .await;
    let _ = b.close().await;
}

/// Allocation as people click through it (CU4, CU5): manager1 reclaims the
/// team's grade-B customers after seeing how many, assigns the chosen pool
/// customers to rep3, and rep3 transfers one of them to rep1.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn managers_reclaim_and_assign_and_reps_transfer() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir().join("allocation");
    let c = open_browser(&webdriver, &chrome, &profiles.join("people")).await;
    let c2 = c.clone();
    flow(c, async move {
        let c = c2;
        login(&c, &base, "manager1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/customers/moves")).await.unwrap();
        press(&c, "#mf-grade option[value='B']").await;
        press(&c, "#m-action option[value='reclaim']").await;
        click(&c, "moves-preview-btn").await;
        expect_text(&c, "#moves-count", "符合条件的客户：2 个").await;
        shot(&c, "moves-preview").await;
        click(&c, "moves-run").await;
        expect_text(&c, "div[role='status']", "已处理 2 个客户。").await;

        // The pool: choose both and assign them to rep3.
        c.goto(&format!("{base}/r/customers?pool=1")).await.unwrap();
        expect_text(&c, "#list-total", "共 2 条").await;
        press(&c, "#select-all").await;
        press(&c, "#bulk-action option[value='assign']").await;
        pick(&c, "bulk-to", "bulk-to-id", "bulk-to-list", "rep3").await;
        shot(&c, "pool-assign").await;
        click(&c, "bulk-submit").await;
        expect_text(&c, "#list-total", "共 0 条").await;

        // rep3 hands 锐达 to rep1 in exchange.
        c.delete_all_cookies().await.unwrap();
        login(&c, &base, "rep3", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/customers?q=锐达")).await.unwrap();
        expect_text(&c, "#list-total", "共 1 条").await;
        press(&c, ".row-check").await;
        press(&c, "#bulk-action option[value='transfer']").await;
        pick(&c, "bulk-to", "bulk-to-id", "bulk-to-list", "rep1").await;
        press(&c, "#bulk-reason option[value='exchange']").await;
        click(&c, "bulk-submit").await;
        expect_text(&c, "#list-total", "共 0 条").await;

        c.delete_all_cookies().await.unwrap();
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/customers?q=锐达")).await.unwrap();
        expect_text(&c, "#list-total", "共 1 条").await;
        press(&c, "#records tbody a").await;
        let history = text_of(&c, "#ownership").await;
        for step in ["转交", "交换", "分配", "收回", "登记"] {
            assert!(history.contains(step), "{step} in {history}");
        }
        shot(&c, "ownership-history").await;
        c.goto(&format!("{base}/territories")).await.unwrap();
        assert!(text_of(&c, "#territory-changes").await.contains("锐达"));
        shot(&c, "territory").await;
    })
    .await;
}

/// Related records in place (CU1): rep1 adds a contact on a customer's
/// page, edits its title and deletes it, and the page never reloads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reps_add_edit_and_delete_contacts_in_place() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir().join("related");
    let c = open_browser(&webdriver, &chrome, &profiles.join("rep1")).await;
    let c2 = c.clone();
    flow(c, async move {
        let c = c2;
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/customers?q=华信")).await.unwrap();
        press(&c, "#records tbody a").await;
        expect_text(&c, "#record-title", "东莞华信电子有限公司").await;
        let page = c.current_url().await.unwrap();
        // A mark on this page: it would be gone after any navigation.
        c.execute("window.stayed = true;", vec![]).await.unwrap();
        click(&c, "tab-r1").await;
        // The tab's count is always shown (the card's only once its pane is).
        let count: i64 = text_of(&c, "#related-contacts-tab-count")
            .await
            .parse()
            .unwrap();
        expect_text(&c, "#related-contacts-count", &count.to_string()).await;

        click(&c, "add-contacts").await;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("contacts-new-fld-name"))
            .await
            .unwrap();
        type_into(&c, "contacts-new-fld-name", "欧阳明").await;
        type_into(&c, "contacts-new-fld-title", "销售总监").await;
        shot(&c, "related-inline-form").await;
        click(&c, "contacts-new-save").await;
        expect_text(&c, "#related-contacts-count", &(count + 1).to_string()).await;
        expect_text(&c, "#related-contacts-tab-count", &(count + 1).to_string()).await;
        assert!(text_of(&c, "#related-contacts").await.contains("销售总监"));

        // Edit its title: the row becomes the form.
        let edit = c
            .find(Locator::XPath(
                "//tr[contains(., '欧阳明')]//a[starts-with(@id, 'edit-contacts-')]",
            ))
            .await
            .unwrap();
        let id = edit
            .attr("id")
            .await
            .unwrap()
            .unwrap()
            .replace("edit-contacts-", "");
        click(&c, &format!("edit-contacts-{id}")).await;
        let title = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id(&format!("contacts-{id}-fld-title")))
            .await
            .unwrap();
        title.clear().await.unwrap();
        title.send_keys("采购总监").await.unwrap();
        shot(&c, "related-inline-edit").await;
        click(&c, &format!("contacts-{id}-save")).await;
        for _ in 0..POLLS {
            if text_of(&c, "#related-contacts").await.contains("采购总监") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let card = text_of(&c, "#related-contacts").await;
        assert!(
            card.contains("采购总监") && !card.contains("销售总监"),
            "{card}"
        );

        // Delete it, after confirming.
        click(&c, &format!("delete-contacts-{id}")).await;
        for _ in 0..POLLS {
            if c.accept_alert().await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        expect_text(&c, "#related-contacts-count", &count.to_string()).await;
        assert!(!text_of(&c, "#related-contacts").await.contains("欧阳明"));

        assert_eq!(c.current_url().await.unwrap(), page, "no navigation");
        let stayed = c
            .execute("return window.stayed === true;", vec![])
            .await
            .unwrap();
        assert_eq!(stayed, json!(true), "the page was never reloaded");
    })
    .await;
}

/// The nine stages (SP4, SP5) with the approval engine: rep1 walks a new
/// opportunity stage by stage; skipping 初访 is refused; skipping 交流 asks
/// manager1, who approves, and the move happens.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reps_walk_the_stages_and_managers_approve_skips() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir().join("pipeline");
    let c = open_browser(&webdriver, &chrome, &profiles.join("people")).await;
    let c2 = c.clone();
    flow(c, async move {
        let c = c2;
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/customers?q=华信")).await.unwrap();
        let href = c
            .find(Locator::Css("#records tbody a"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        let customer = href.rsplit('/').next().unwrap().to_string();
        let new_opportunity = |name: &'static str| {
            let c = c.clone();
            let base = base.clone();
            let customer = customer.clone();
            async move {
                c.goto(&format!(
                    "{base}/r/opportunities/new?customer_id={customer}"
                ))
                .await
                .unwrap();
                type_into(&c, "fld-name", name).await;
                click(&c, "save-record").await;
                expect_text(&c, "#record-title", name).await;
            }
        };
        let move_to = |stage: &'static str| {
            let c = c.clone();
            async move {
                press(&c, &format!("#stage-to option[value='{stage}']")).await;
                click(&c, "stage-submit").await;
            }
        };

        // Skipping 初访 is refused, with the stage named.
        new_opportunity("华信 MES 项目").await;
        move_to("exchange").await;
        expect_text(&c, "#stage-problem", "不能跳过“初访”阶段（规则：禁止跳过）").await;
        shot(&c, "stage-refused").await;
        expect_text(&c, ".stage-current", "1. 取得潜在客户名单").await;

        // One stage at a time through all nine.
        for (stage, name) in [
            ("first_visit", "2. 初访"),
            ("exchange", "3. 交流"),
            ("research", "4. 调研"),
            ("demo", "5. 有针对性的系统演示"),
            ("quote", "6. 正式书面报价"),
            ("objections", "7. 客户的疑虑排除"),
            ("negotiation", "8. 商务谈判"),
            ("signing", "9. 签约"),
        ] {
            move_to(stage).await;
            expect_text(&c, ".stage-current", name).await;
        }
        assert!(text_of(&c, "#stage-history").await.contains("签约"));
        shot(&c, "stage-signing").await;

        // Skipping 交流 goes to manager1.
        new_opportunity("华信 WMS 项目").await;
        move_to("first_visit").await;
        expect_text(&c, ".stage-current", "2. 初访").await;
        move_to("research").await;
        expect_text(&c, "#stage-pending", "跳阶段申请审批中").await;
        expect_text(&c, ".stage-current", "2. 初访").await;
        let opportunity = c.current_url().await.unwrap().path().to_string();

        c.delete_all_cookies().await.unwrap();
        login(&c, &base, "manager1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/approvals")).await.unwrap();
        assert!(text_of(&c, "#approvals").await.contains("华信 WMS 项目"));
        shot(&c, "approval-inbox").await;
        c.find(Locator::XPath(
            "//table[@id='approvals']//a[contains(., '华信 WMS 项目')]",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        expect_text(&c, "#approval-asks", "初访 → 调研").await;
        type_into(&c, "decide-comment", "已电话确认需求").await;
        click(&c, "approve").await;
        expect_text(&c, "#approval-state", "已同意").await;
        shot(&c, "approval-approved").await;

        c.goto(&format!("{base}{opportunity}")).await.unwrap();
        expect_text(&c, ".stage-current", "4. 调研").await;
        assert!(text_of(&c, "#stage-history").await.contains("经审批"));
    })
    .await;
}

/// Quotes to contracts (SP6, SP15): a quote before 交流 is refused; rep1's
/// quote goes to manager1, whom rep1 cannot stand in for; the contract comes
/// from the approved quote and a template; a payment updates its collection
/// rate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quotes_are_approved_and_become_contracts_with_payments() {
    let Some((_driver, webdriver, chrome)) = start_driver().await else {
        return;
    };
    let (url, _guard) = fresh_database(Backend::Sqlite).await.unwrap();
    let server = Application::build(&Config::for_tests(&url)).await.unwrap();
    let base = format!("http://{}", server.spawn());
    let profiles = tempdir().join("quotes");
    let c = open_browser(&webdriver, &chrome, &profiles.join("people")).await;
    let c2 = c.clone();
    flow(c, async move {
        let c = c2;
        let id_in = |href: String| href.rsplit('/').next().unwrap().to_string();
        let first_link = |css: &'static str| {
            let c = c.clone();
            async move {
                c.find(Locator::Css(css))
                    .await
                    .unwrap()
                    .attr("href")
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        // The demo's 锐达 opportunity is at the demo stage; a new one on 华信
        // is still at the lead list.
        c.goto(&format!("{base}/r/opportunities?q=锐达"))
            .await
            .unwrap();
        let ready = id_in(first_link("#records tbody a").await);
        c.goto(&format!("{base}/r/customers?q=华信")).await.unwrap();
        let customer = id_in(first_link("#records tbody a").await);
        c.goto(&format!(
            "{base}/r/opportunities/new?customer_id={customer}"
        ))
        .await
        .unwrap();
        type_into(&c, "fld-name", "华信 BI 项目").await;
        click(&c, "save-record").await;
        expect_text(&c, "#record-title", "华信 BI 项目").await;
        let early = id_in(c.current_url().await.unwrap().path().to_string());

        c.goto(&format!("{base}/r/quotes/new?opportunity_id={early}"))
            .await
            .unwrap();
        type_into(&c, "fld-title", "华信 BI 报价").await;
        click(&c, "save-record").await;
        assert!(
            text_of(&c, "#err-opportunity_id")
                .await
                .contains("交流完成后")
        );
        shot(&c, "quote-refused").await;

        c.goto(&format!("{base}/r/quotes/new?opportunity_id={ready}"))
            .await
            .unwrap();
        type_into(&c, "fld-title", "锐达 ERP 报价").await;
        type_into(&c, "fld-tax_rate", "13").await;
        click(&c, "save-record").await;
        expect_text(&c, "#record-title", "锐达 ERP 报价").await;
        let quote = id_in(c.current_url().await.unwrap().path().to_string());
        click(&c, "tab-r1").await;
        click(&c, "add-quote-lines").await;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("quote-lines-new-fld-description"))
            .await
            .unwrap();
        type_into(&c, "quote-lines-new-fld-description", "一亩 ERP 授权").await;
        type_into(&c, "quote-lines-new-fld-quantity", "10").await;
        type_into(&c, "quote-lines-new-fld-unit_price", "10000").await;
        click(&c, "quote-lines-new-save").await;
        expect_text(&c, "#related-quote-lines-count", "1").await;
        c.goto(&format!("{base}/r/quotes/{quote}")).await.unwrap();
        expect_text(&c, "#quote-total", "¥113,000.00").await;
        click(&c, "quote-submit").await;
        expect_text(&c, "#quote-status", "审批中").await;
        shot(&c, "quote-under-approval").await;
        // rep1 sees the request but has nothing to decide.
        let approval = first_link("#record-approvals a").await;
        c.goto(&format!("{base}{approval}")).await.unwrap();
        assert!(
            c.find(Locator::Id("approve")).await.is_err(),
            "no approve button for the requester"
        );

        c.delete_all_cookies().await.unwrap();
        login(&c, &base, "manager1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}{approval}")).await.unwrap();
        click(&c, "approve").await;
        expect_text(&c, "#approval-state", "已同意").await;

        c.delete_all_cookies().await.unwrap();
        login(&c, &base, "rep1", DEMO_PASSWORD).await;
        c.goto(&format!("{base}/r/quotes/{quote}")).await.unwrap();
        expect_text(&c, "#quote-status", "已核准").await;
        // The quote sheet, as the customer receives it, under our letterhead.
        click(&c, "quote-sheet").await;
        expect_text(&c, "#sheet-company", "一亩软件（深圳）有限公司").await;
        expect_text(
            &c,
            "#sheet-in-words",
            "合计（大写）：人民币壹拾壹万叁仟元整",
        )
        .await;
        assert_eq!(
            first_link("#sheet-docx").await,
            format!("/r/quotes/{quote}/quote.docx")
        );
        c.goto(&format!("{base}/r/contract-templates"))
            .await
            .unwrap();
        let template = id_in(first_link("#records tbody a").await);
        c.goto(&format!(
            "{base}/r/contracts/new?quote_id={quote}&template_id={template}"
        ))
        .await
        .unwrap();
        type_into(&c, "fld-title", "锐达 ERP 软件销售合同").await;
        click(&c, "save-record").await;
        expect_text(&c, "#record-title", "锐达 ERP 软件销售合同").await;
        let contract = id_in(c.current_url().await.unwrap().path().to_string());
        assert_eq!(
            first_link("#contract-document").await,
            format!("/r/contracts/{contract}/contract.docx")
        );
        // A payment of ¥33,900.00: 30 % of ¥113,000.00.
        click(&c, "tab-r2").await;
        click(&c, "add-payments").await;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("payments-new-fld-amount"))
            .await
            .unwrap();
        // A date input takes its value in the browser's locale format: set it.
        c.execute(
            "document.getElementById('payments-new-fld-received_on').value = '2026-12-10';",
            vec![],
        )
        .await
        .unwrap();
        type_into(&c, "payments-new-fld-amount", "33900").await;
        click(&c, "payments-new-save").await;
        expect_text(&c, "#related-payments-count", "1").await;
        c.goto(&format!("{base}/r/contracts/{contract}"))
            .await
            .unwrap();
        assert!(
            text_of(&c, "#record-summary").await.contains("30"),
            "collection rate"
        );
        shot(&c, "contract-collected").await;
    })
    .await;
}

/// Run one flow and end its browser session whether it passed or not (killing
/// only the driver would leave Chromium running), then report its outcome.
async fn flow(c: Client, f: impl std::future::Future<Output = ()> + Send + 'static) {
    let outcome = tokio::spawn(f).await;
    let _ = c.close().await;
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("acre-browser-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}
