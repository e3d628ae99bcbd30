//! Prometheus metrics: request counts by route and status, latency histogram,
//! plus `/healthz` (process alive) and `/readyz` (database reachable).

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

/// Counters kept by the tracking middleware.
#[derive(Default)]
pub struct Metrics {
    /// Keyed by `(method, route, status)`.
    series: Mutex<HashMap<(String, String, u16), Series>>,
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: u16, secs: f64) {
        let mut map = self.series.lock().expect("metrics lock");
        let s = map
            .entry((method.to_string(), route.to_string(), status))
            .or_default();
        s.count += 1;
        s.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                s.buckets[i] += 1;
            }
        }
    }

    fn render(&self) -> String {
        let map = self.series.lock().expect("metrics lock");
        let mut keys: Vec<_> = map.keys().collect();
        keys.sort();
        let mut out = String::new();
        out.push_str("# HELP acre_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE acre_http_requests_total counter\n");
        for k in &keys {
            let _ = writeln!(
                out,
                "acre_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}",
                k.0, k.1, k.2, map[*k].count
            );
        }
        out.push_str("# HELP acre_http_errors_total HTTP responses with status 5xx.\n");
        out.push_str("# TYPE acre_http_errors_total counter\n");
        let errors: u64 = map
            .iter()
            .filter(|(k, _)| k.2 >= 500)
            .map(|(_, s)| s.count)
            .sum();
        let _ = writeln!(out, "acre_http_errors_total {errors}");
        out.push_str("# HELP acre_http_request_duration_seconds Server time per request.\n");
        out.push_str("# TYPE acre_http_request_duration_seconds histogram\n");
        let mut by_route: HashMap<(&str, &str), Series> = HashMap::new();
        for (k, s) in map.iter() {
            let e = by_route.entry((&k.0, &k.1)).or_default();
            e.count += s.count;
            e.sum += s.sum;
            for i in 0..BUCKETS.len() {
                e.buckets[i] += s.buckets[i];
            }
        }
        let mut routes: Vec<_> = by_route.keys().copied().collect();
        routes.sort();
        for r in routes {
            let s = &by_route[&r];
            let labels = format!("method=\"{}\",route=\"{}\"", r.0, r.1);
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "acre_http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "acre_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "acre_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "acre_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

async fn readyz(State(state): State<AppState>) -> Response {
    if state.app.db.ping().await {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4",
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// Middleware: time every request under its route template (not its raw path,
/// which would make one series per record id).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let start = Instant::now();
    let res = next.run(req).await;
    state.metrics.observe(
        &method,
        &route,
        res.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    res
}
