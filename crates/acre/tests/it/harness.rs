//! Test harness: a real application per test on a fresh database of either
//! kind, driven through the real router, with a cookie-keeping client.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

use acre::Config;
use acre_app::App;
use acre_web::{AppState, WebOptions};
use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt;

pub const DEMO_PASSWORD: &str = "demo-pass-2026";

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Run a test body once per backend: `storage_test!(name, |t| async move { … });`
#[macro_export]
macro_rules! storage_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(t) =
                    $crate::harness::TestApp::start($crate::harness::Backend::Sqlite, true).await
                {
                    let guard = t.guard.clone();
                    let app = t.app.clone();
                    ($body)(t).await;
                    $crate::harness::tallies_hold(&app).await;
                    drop(guard);
                }
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(t) =
                    $crate::harness::TestApp::start($crate::harness::Backend::Postgres, true).await
                {
                    let guard = t.guard.clone();
                    let app = t.app.clone();
                    ($body)(t).await;
                    $crate::harness::tallies_hold(&app).await;
                    drop(guard);
                }
            }
        }
    };
}

/// Every scenario ends with the customer tallies equal to a recount: each
/// write path the scenario took kept them (see `registry::tally`).
pub async fn tallies_hold(app: &App) {
    let (stored, counted) =
        acre_app::registry::tally::stored_and_counted(&app.db, &acre_app::customers::CUSTOMERS)
            .await
            .expect("read the tallies");
    assert_eq!(
        stored, counted,
        "stored customer tallies (left) differ from a recount (right)"
    );
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Say plainly that a suite was skipped; under CI that is a failure.
pub fn skip(suite: &str, why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(!ci, "{suite} cannot run under CI: {why}");
    // Written straight to stderr so cargo's output capture does not hide it.
    let _ = writeln!(std::io::stderr(), "SKIPPED {suite}: {why}");
}

pub fn pg_admin_url() -> String {
    std::env::var("ACRE_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// A fresh database URL for one test; `None` (skipped) when PostgreSQL is not reachable.
pub async fn fresh_database(backend: Backend) -> Option<(String, DbGuard)> {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!("acre_t_{}_{}_{}", std::process::id(), n, nanos());
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(&name);
            std::fs::create_dir_all(&dir).expect("temp dir");
            let url = format!("sqlite://{}", dir.join("acre.db").display());
            Some((url, DbGuard::Dir(dir)))
        }
        Backend::Postgres => {
            let admin = pg_admin_url();
            let pool = match sqlx::PgPool::connect(&admin).await {
                Ok(p) => p,
                Err(e) => {
                    skip("postgres", &format!("cannot connect to {admin}: {e}"));
                    return None;
                }
            };
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&pool)
                .await
                .expect("create test database");
            pool.close().await;
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin.clone());
            Some((format!("{base}/{name}"), DbGuard::Pg { admin, name }))
        }
    }
}

fn nanos() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000)
        .unwrap_or(0)
}

/// Removes the test database when the test ends (also when it fails).
pub enum DbGuard {
    Dir(std::path::PathBuf),
    Pg { admin: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::Dir(d) => {
                let _ = std::fs::remove_dir_all(d);
            }
            DbGuard::Pg { admin, name } => {
                let (admin, name) = (admin.clone(), name.clone());
                // Drop runs inside the test's runtime: do the async work on a thread of its own.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async {
                        let pool = sqlx::PgPool::connect(&admin).await.ok()?;
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                            .execute(&pool)
                            .await
                            .ok()?;
                        pool.close().await;
                        Some(())
                    })
                })
                .join();
            }
        }
    }
}

/// A running application (router, not bound to a port) on a fresh database.
pub struct TestApp {
    pub app: App,
    pub router: Router,
    /// Shared so the test macro can hold it while the body runs: a body that
    /// touches only `t.app` captures just that field, and the rest of `t`
    /// (with this guard) would otherwise be dropped before the body runs.
    pub guard: std::sync::Arc<DbGuard>,
}

impl TestApp {
    /// Start with (or without) the demo organisation.
    pub async fn start(backend: Backend, demo: bool) -> Option<TestApp> {
        Self::start_with(backend, demo, |_| {}).await
    }

    /// Start with a tweaked configuration.
    pub async fn start_with(
        backend: Backend,
        demo: bool,
        tweak: impl FnOnce(&mut Config),
    ) -> Option<TestApp> {
        let (url, guard) = fresh_database(backend).await?;
        let mut config = Config::for_tests(&url);
        config.demo = demo;
        tweak(&mut config);
        let app = acre::open_app(&config).await.expect("open app");
        let router = acre_web::router(AppState::new(app.clone(), WebOptions::default()));
        Some(TestApp {
            app,
            router,
            guard: std::sync::Arc::new(guard),
        })
    }

    /// A new client with an empty cookie jar.
    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: HashMap::new(),
            csrf: None,
            bearer: None,
            lang: None,
            htmx: false,
        }
    }

    /// A client signed in through the JSON API (cookie + CSRF token).
    pub async fn login(&self, username: &str) -> Client {
        let mut c = self.client();
        let r = c.login(username, DEMO_PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.text);
        c
    }

    /// A field's label as the default (zh-CN) interface shows it.
    pub fn app_label(&self, rt: &acre_app::registry::RecordType, key: &str) -> String {
        acre_i18n::Locale::ZhCn.t(&rt.label_key(key))
    }

    /// The id of a demo user.
    pub async fn user_id(&self, username: &str) -> i64 {
        acre_store::users::credentials(&self.app.db, username)
            .await
            .unwrap()
            .expect("demo user")
            .0
            .id
    }

    /// How many times `table` was vacuumed by command, on PostgreSQL (always
    /// 0 on SQLite, which has nothing to vacuum for).
    pub async fn vacuums(&self, table: &str) -> i64 {
        if self.app.db.backend() != acre_store::Backend::Postgres {
            return 0;
        }
        self.app
            .db
            .fetch_optional(
                "SELECT vacuum_count AS n FROM pg_stat_user_tables WHERE relname = $1",
                &[table.into()],
            )
            .await
            .unwrap()
            .map(|r| r.i64("n"))
            .unwrap_or(0)
    }

    /// Wait (up to 20 s) for a vacuum of `table` after `before` of them; on
    /// PostgreSQL only.
    pub async fn expect_vacuum(&self, table: &str, before: i64) {
        if self.app.db.backend() != acre_store::Backend::Postgres {
            return;
        }
        for _ in 0..100 {
            if self.vacuums(table).await > before {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("{table} was not vacuumed");
    }
}

/// A response with its body read.
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    }
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_string()
    }
}

/// A browser-like client: keeps cookies, sends the CSRF token when it has one.
pub struct Client {
    router: Router,
    pub cookies: HashMap<String, String>,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
    pub lang: Option<String>,
    /// Send `HX-Request: true`, as htmx does.
    pub htmx: bool,
}

impl Client {
    pub async fn send(
        &mut self,
        method: Method,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        csrf: bool,
    ) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let c: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header(header::COOKIE, c.join("; "));
        }
        if let Some(ct) = content_type {
            req = req.header(header::CONTENT_TYPE, ct);
        }
        if let (true, Some(t)) = (csrf, &self.csrf) {
            req = req.header("x-csrf-token", t);
        }
        if let Some(b) = &self.bearer {
            req = req.header(header::AUTHORIZATION, format!("Bearer {b}"));
        }
        if let Some(l) = &self.lang {
            req = req.header(header::ACCEPT_LANGUAGE, l);
        }
        if self.htmx {
            req = req.header("hx-request", "true");
        }
        let res = self
            .router
            .clone()
            .oneshot(req.body(Body::from(body)).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        for v in headers.get_all(header::SET_COOKIE) {
            let s = v.to_str().unwrap_or("");
            if let Some((kv, _)) = s.split_once(';').or(Some((s, "")))
                && let Some((k, v)) = kv.split_once('=')
            {
                if v.is_empty() || s.contains("Max-Age=0") {
                    self.cookies.remove(k);
                } else {
                    self.cookies.insert(k.to_string(), v.to_string());
                }
            }
        }
        let bytes = to_bytes(res.into_body(), 64 * 1024 * 1024).await.unwrap();
        Resp {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The raw bytes of a download.
    pub async fn get_bytes(&mut self, path: &str) -> Vec<u8> {
        let mut req = Request::builder().method(Method::GET).uri(path);
        let c: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        req = req.header(header::COOKIE, c.join("; "));
        let res = self
            .router
            .clone()
            .oneshot(req.body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "download {path}");
        to_bytes(res.into_body(), 256 * 1024 * 1024)
            .await
            .unwrap()
            .to_vec()
    }

    /// A multipart upload of one file (the CSRF token goes in the query string).
    pub async fn upload(&mut self, path: &str, field: &str, file_name: &str, data: &[u8]) -> Resp {
        let boundary = "acre-test-boundary-7d2f";
        let mut body = Vec::new();
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(data);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = format!(
            "{path}{sep}csrf_token={}",
            self.csrf.clone().unwrap_or_default()
        );
        self.send(
            Method::POST,
            &url,
            Some(&format!("multipart/form-data; boundary={boundary}")),
            body,
            false,
        )
        .await
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(Method::GET, path, None, vec![], false).await
    }

    /// JSON request with the CSRF header (as a real API client would).
    pub async fn json(&mut self, method: Method, path: &str, body: Value) -> Resp {
        self.send(
            method,
            path,
            Some("application/json"),
            body.to_string().into_bytes(),
            true,
        )
        .await
    }

    /// POST `body` to a collection, which must answer 201: the new record.
    pub async fn create(&mut self, path: &str, body: Value) -> Value {
        let r = self.json(Method::POST, path, body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text);
        r.json()
    }

    /// JSON request without the CSRF header (what a forged request looks like).
    pub async fn json_no_csrf(&mut self, method: Method, path: &str, body: Value) -> Resp {
        self.send(
            method,
            path,
            Some("application/json"),
            body.to_string().into_bytes(),
            false,
        )
        .await
    }

    /// HTML form post; the fields are sent as given (include `csrf_token` yourself).
    pub async fn form(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(fields).unwrap();
        self.send(
            Method::POST,
            path,
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            false,
        )
        .await
    }

    pub async fn login(&mut self, username: &str, password: &str) -> Resp {
        let r = self
            .json(
                Method::POST,
                "/api/v1/auth/login",
                serde_json::json!({"username": username, "password": password}),
            )
            .await;
        if r.status == StatusCode::OK {
            self.csrf = r.json()["csrf_token"].as_str().map(str::to_string);
        }
        r
    }
}
