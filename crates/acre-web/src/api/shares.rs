//! `/customers/{id}/shares`: sharing a customer with colleagues (CU2).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::json::ApiJson;
use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, WebError> {
    let items = state.app.list_shares(ctx.actor()?, id).await.web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

#[derive(Deserialize)]
pub struct ShareBody {
    user_id: i64,
    #[serde(default)]
    can_write: bool,
    /// `YYYY-MM-DD`: the share ends at the end of that day.
    expires: Option<String>,
}

pub async fn share(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ShareBody>,
) -> Result<Response, WebError> {
    state
        .app
        .share_customer(
            ctx.actor()?,
            id,
            b.user_id,
            b.can_write,
            b.expires.as_deref(),
        )
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn unshare(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    state
        .app
        .unshare_customer(ctx.actor()?, id, user)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
