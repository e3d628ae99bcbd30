//! Customer grading over the API (CU11): grade from a questionnaire, read a
//! customer's grading history, and list flagged customers in one's scope.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::json::ApiJson;
use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;

/// JSON answers as the form's text values: booleans become yes/no.
fn input_of(body: Map<String, Value>) -> acre_app::registry::Input {
    body.into_iter()
        .filter_map(|(k, v)| {
            let s = match v {
                Value::Bool(b) => if b { "yes" } else { "no" }.to_string(),
                Value::String(s) => s,
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some((k, s))
        })
        .collect()
}

/// `POST /customers/{id}/grading`: answers → proposed grade, stored.
pub async fn grade(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let (gid, a) = state
        .app
        .grade_customer(ctx.actor()?, id, &input_of(body))
        .await
        .web(&ctx)?;
    let body = json!({
        "id": gid,
        "proposed_grade": a.proposal.grade,
        "basis": a.proposal.basis,
        "close_window": a.proposal.close_window,
        "chosen_grade": a.chosen,
        "flagged": a.flag.is_some(),
        "flag": a.flag,
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `POST /customers/{id}/grading/category` `{"version": n}`: set the
/// category the key-account criteria suggest (CU14).
pub async fn apply_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let version = body.get("version").and_then(Value::as_i64).unwrap_or(0);
    let (category, version) = state
        .app
        .apply_suggested_category(ctx.actor()?, id, version)
        .await
        .web(&ctx)?;
    Ok(Json(json!({"category": category, "version": version})).into_response())
}

/// `GET /customers/{id}/grading`: the customer's gradings, newest first.
pub async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WebError> {
    let items = state.app.grade_history(ctx.actor()?, id).await.web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

#[derive(Deserialize)]
pub struct Page {
    limit: Option<i64>,
    offset: Option<i64>,
}

/// `GET /grading/flagged`: customers in scope whose latest grading is flagged.
pub async fn flagged(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<Page>,
) -> Result<Json<Value>, WebError> {
    let limit = p
        .limit
        .unwrap_or(50)
        .clamp(1, acre_app::grading::FLAGGED_MAX);
    let offset = p.offset.unwrap_or(0).max(0);
    let (items, total) = state
        .app
        .flagged_customers(ctx.actor()?, limit, offset)
        .await
        .web(&ctx)?;
    Ok(Json(
        json!({"items": items, "total": total, "limit": limit, "offset": offset}),
    ))
}
