//! `/departments`: the tree; readable by every signed-in user, edited by administrators.

use acre_app::AppError;
use acre_app::departments::DepartmentInput;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::json::{ApiJson, ListParams, page, require_version};
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<serde_json::Value>, WebError> {
    ctx.actor()?;
    let items = state.app.department_tree().await.web(&ctx)?;
    let n = items.len() as i64;
    Ok(Json(page(
        items,
        n,
        &ListParams {
            limit: Some(200),
            ..Default::default()
        },
    )))
}

pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, WebError> {
    ctx.actor()?;
    let items = state.app.department_tree().await.web(&ctx)?;
    let d = items
        .into_iter()
        .find(|n| n.dept.id == id)
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    Ok(Json(json!(d)))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<DepartmentInput>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    let (id, version) = state.app.create_department(a, &b).await.web(&ctx)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "version": version})),
    )
        .into_response())
}

pub async fn patch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let version = require_version(&ctx, &body)?;
    a.require(acre_domain::Capability::AdministerAccounts)
        .web(&ctx)?;
    let items = state.app.department_tree().await.web(&ctx)?;
    let d = items
        .into_iter()
        .find(|n| n.dept.id == id)
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    let get = |k: &str| body.get(k);
    let id_field = |k: &str, cur: Option<i64>| match get(k) {
        Some(v) => v.as_i64(),
        None => cur,
    };
    let input = DepartmentInput {
        name: get("name")
            .and_then(|v| v.as_str())
            .map(str::to_string)
            .unwrap_or(d.dept.name),
        parent_id: id_field("parent_id", d.dept.parent_id),
        head_user_id: id_field("head_user_id", d.dept.head_user_id),
        sort_order: Some(
            get("sort_order")
                .and_then(|v| v.as_i64())
                .unwrap_or(d.dept.sort_order),
        ),
    };
    let version = state
        .app
        .update_department(a, id, version, &input)
        .await
        .web(&ctx)?;
    Ok(Json(json!({"id": id, "version": version})))
}

/// `DELETE /departments/{id}?version=n` (or a JSON body with `version`).
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, i64>>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    let version = q
        .get("version")
        .copied()
        .ok_or_else(|| ctx.err(AppError::field("version", "err-version-required")))?;
    state
        .app
        .delete_department(a, id, version)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
