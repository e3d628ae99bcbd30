//! `/users`: accounts, for administrators.

use acre_app::AppError;
use acre_app::accounts::UserInput;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::json::{ApiJson, ListParams, page, require_version};
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<ListParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let (items, total) = state
        .app
        .list_users(a, p.q.as_deref(), p.limit(), p.offset())
        .await
        .web(&ctx)?;
    Ok(Json(page(items, total, &p)))
}

pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let u = state.app.get_user(a, id).await.web(&ctx)?;
    Ok(Json(json!(u)))
}

/// `POST /users` → 201 with `id` and `version`.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<UserInput>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    let (id, version) = state.app.create_user(Some(a), &b).await.web(&ctx)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "version": version})),
    )
        .into_response())
}

/// `PATCH /users/{id}`: the fields sent change, the others stay; `version` is
/// required and a stale one answers 409.
pub async fn patch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let version = require_version(&ctx, &body)?;
    let current = state.app.get_user(a, id).await.web(&ctx)?;
    let mut merged = serde_json::to_value(UserInput::from_user(&current)).unwrap_or_default();
    if let (Some(m), Some(patch)) = (merged.as_object_mut(), body.as_object()) {
        for (k, v) in patch {
            if m.contains_key(k) {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    let input: UserInput = serde_json::from_value(merged).map_err(|e| {
        let mut err = AppError::new(acre_app::ErrorCode::BadRequest);
        err.source = Some(e.to_string());
        ctx.err(err)
    })?;
    let version = state
        .app
        .update_user(a, id, version, &input)
        .await
        .web(&ctx)?;
    Ok(Json(json!({"id": id, "version": version})))
}

#[derive(Deserialize)]
pub struct ResetBody {
    #[serde(default)]
    password: String,
}

/// `POST /users/{id}/password`: set a new password; the user's sessions end.
pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(b): ApiJson<ResetBody>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    state
        .app
        .reset_password(a, id, &b.password)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
