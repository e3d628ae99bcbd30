//! Turning a service error into a response: `{"error":{code,message,fields}}`
//! for the API, a translated page (or a login redirect) for the browser.

use acre_app::{AppError, ErrorCode};
use acre_i18n::Locale;
use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;

use crate::auth::Ctx;
use crate::tr::Tr;

/// `result.web(&ctx)`: a service result answered the way the request wants.
pub trait OrWeb<T> {
    fn web(self, ctx: &Ctx) -> Result<T, WebError>;
}

impl<T> OrWeb<T> for Result<T, AppError> {
    fn web(self, ctx: &Ctx) -> Result<T, WebError> {
        self.map_err(|e| ctx.err(e))
    }
}

/// A service error bound to how the request wants it answered.
#[derive(Debug)]
pub struct WebError {
    pub error: AppError,
    pub locale: Locale,
    pub api: bool,
    pub htmx: bool,
}

impl WebError {
    pub fn new(error: AppError, ctx: &Ctx) -> WebError {
        WebError {
            error,
            locale: ctx.locale,
            api: ctx.api,
            htmx: ctx.htmx,
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    t: Tr,
    status: u16,
    message: String,
}

/// The JSON body of an API error.
pub fn error_json(e: &AppError, locale: Locale) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = e
        .fields
        .iter()
        .map(|(k, v)| (k.clone(), json!(locale.t(v))))
        .collect();
    json!({"error": {"code": e.code.code(), "message": e.message(locale), "fields": fields}})
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let e = &self.error;
        if matches!(e.code, ErrorCode::Internal | ErrorCode::Unavailable) {
            tracing::error!(error = %e, "request failed");
        }
        let status =
            StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if self.api {
            return (status, axum::Json(error_json(e, self.locale))).into_response();
        }
        if e.code == ErrorCode::Unauthenticated {
            if self.htmx {
                let mut r = StatusCode::UNAUTHORIZED.into_response();
                r.headers_mut()
                    .insert("hx-redirect", HeaderValue::from_static("/login"));
                return r;
            }
            return Redirect::to("/login").into_response();
        }
        let page = ErrorPage {
            t: Tr(self.locale),
            status: status.as_u16(),
            message: e.message(self.locale),
        };
        let mut r = (
            status,
            axum::response::Html(page.render().unwrap_or_default()),
        )
            .into_response();
        if self.htmx {
            // Show the error in place of the whole page body.
            r.headers_mut()
                .insert("hx-retarget", HeaderValue::from_static("#main"));
            r.headers_mut()
                .insert("hx-reswap", HeaderValue::from_static("innerHTML"));
        }
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}
