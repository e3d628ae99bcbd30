//! Allocation, transfer and the pool (CU4, CU5), territories (CU12): moves
//! take a filter (the customer list's query language) or a list of ids.

use acre_app::allocation::{Action, PoolRules, Selection};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::json::ApiJson;
use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct MoveBody {
    /// `reclaim`, `assign`, `transfer`, `claim` or `release`.
    action: String,
    /// List filters, e.g. `{"f.grade": "A,B", "f.owner_id": "12"}`.
    #[serde(default)]
    filter: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    ids: Vec<i64>,
    to_user: Option<i64>,
    reason: Option<String>,
    note: Option<String>,
    /// The count the preview showed: nothing moves when it changed.
    expected: Option<i64>,
}

impl MoveBody {
    fn parts(&self) -> acre_app::error::Result<(Selection, Action)> {
        let pairs: Vec<(String, String)> = self.filter.clone().into_iter().collect();
        Ok((
            Selection::from_parts(&pairs, &self.ids)?,
            Action::parse(&self.action, self.to_user)?,
        ))
    }
}

pub async fn preview(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<MoveBody>,
) -> Result<Json<serde_json::Value>, WebError> {
    let (sel, action) = b.parts().web(&ctx)?;
    let p = state
        .app
        .preview_move(ctx.actor()?, &sel, action)
        .await
        .web(&ctx)?;
    let by_owner: Vec<_> = p
        .by_owner
        .iter()
        .map(|(id, name, n)| json!({"owner_id": id, "owner": name, "count": n}))
        .collect();
    Ok(Json(json!({"count": p.count, "by_owner": by_owner})))
}

pub async fn run(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<MoveBody>,
) -> Result<Json<serde_json::Value>, WebError> {
    let (sel, action) = b.parts().web(&ctx)?;
    let moved = state
        .app
        .move_customers(
            ctx.actor()?,
            &sel,
            action,
            b.reason.as_deref(),
            b.note.as_deref(),
            b.expected,
        )
        .await
        .web(&ctx)?;
    Ok(Json(json!(moved)))
}

pub async fn ownership(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, WebError> {
    let items = state
        .app
        .ownership_history(ctx.actor()?, id)
        .await
        .web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

pub async fn get_rules(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<PoolRules>, WebError> {
    ctx.actor()?;
    Ok(Json(state.app.pool_rules().await.web(&ctx)?))
}

pub async fn put_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(rules): ApiJson<PoolRules>,
) -> Result<Response, WebError> {
    state
        .app
        .set_pool_rules(ctx.actor()?, &rules)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Territories the caller may see: their own, or their team's for those
/// who allocate; each with its size, target and 30-day changes.
pub async fn territories(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<serde_json::Value>, WebError> {
    let items = state.app.territories(ctx.actor()?).await.web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

/// One territory's changes, newest first (`?limit=`, at most 500).
pub async fn territory_changes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(user): Path<i64>,
    Query(p): Query<super::json::ListParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    let items = state
        .app
        .territory_changes(ctx.actor()?, user, p.limit.unwrap_or(100))
        .await
        .web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

#[derive(Deserialize)]
pub struct TargetBody {
    target_size: Option<i64>,
}

pub async fn set_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(user): Path<i64>,
    ApiJson(b): ApiJson<TargetBody>,
) -> Result<Response, WebError> {
    state
        .app
        .set_territory_target(ctx.actor()?, user, b.target_size)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
