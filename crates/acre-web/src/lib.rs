//! Acre over HTTP: server-rendered pages (askama + htmx), the JSON API under
//! `/api/v1/`, health and metrics. Handlers stay thin: parse, call a service,
//! render. Every permission check lives in the services.

mod api;
mod assets;
mod auth;
mod error;
mod metrics;
mod pages;
mod records;
mod security;
mod state;
mod tr;

use axum::Router;
use axum::middleware;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;

pub use api::openapi::{API_ROUTES, openapi_document};
pub use state::{AppState, WebOptions};

/// Largest request body accepted (forms and JSON; uploads get their own limit).
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Uploads (attachments, imports) may be larger than forms.
const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(records::routes())
        .nest("/api/v1", api::routes())
        .merge(assets::routes())
        .merge(metrics::routes())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::authenticate,
        ))
        .layer(middleware::from_fn(security::headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            metrics::track,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT))
        .layer(CompressionLayer::new())
        .with_state(state)
}

#[cfg(test)]
mod keys_test;
