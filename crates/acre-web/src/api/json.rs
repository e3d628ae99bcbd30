//! JSON extraction with our error format, and paging conventions.

use acre_app::{AppError, ErrorCode};
use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::auth::Ctx;
use crate::error::WebError;

/// `Json<T>` whose rejections (bad JSON, wrong content type) answer in the API's
/// error format instead of plain text.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => {
                let mut e = AppError::new(ErrorCode::BadRequest);
                e.source = Some(rejection.body_text());
                let locale = ctx.as_ref().map(|c| c.locale).unwrap_or_default();
                Err(WebError {
                    error: e,
                    locale,
                    api: true,
                    htmx: false,
                }
                .into_response())
            }
        }
    }
}

/// `?q=&limit=&offset=` on every list.
#[derive(Deserialize, Default)]
pub struct ListParams {
    pub q: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl ListParams {
    pub fn limit(&self) -> i64 {
        self.limit.unwrap_or(50).clamp(1, 200)
    }
    pub fn offset(&self) -> i64 {
        self.offset.unwrap_or(0).max(0)
    }
}

/// `{"items":[…],"total":n,"limit":l,"offset":o}`.
pub fn page<T: serde::Serialize>(items: Vec<T>, total: i64, p: &ListParams) -> serde_json::Value {
    serde_json::json!({"items": items, "total": total, "limit": p.limit(), "offset": p.offset()})
}

/// Unknown API paths answer 404 in the API's format.
pub async fn not_found(ctx: Ctx) -> Response {
    ctx.err(AppError::not_found()).into_response()
}

/// The `version` a PATCH or DELETE must carry (optimistic locking).
pub fn require_version(ctx: &Ctx, body: &serde_json::Value) -> Result<i64, WebError> {
    body.get("version")
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| ctx.err(AppError::field("version", "err-version-required")))
}
