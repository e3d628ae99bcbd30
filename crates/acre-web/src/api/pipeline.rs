//! The selling process and the approval engine over the API: stage moves
//! under the skip rules, closing, stage history, the decision map, the
//! kanban, the forecast, the skip rule table; approval inboxes and decisions;
//! notifications.

use acre_app::AppError;
use acre_app::approvals::Inbox;
use acre_app::pipeline::Moved;
use acre_domain::approval::Decision;
use acre_domain::stages::{SkipRule, Stage};
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

fn text<'a>(body: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    body.get(key).and_then(Value::as_str)
}

fn version(body: &Map<String, Value>) -> i64 {
    body.get("version").and_then(Value::as_i64).unwrap_or(0)
}

/// `POST /opportunities/{id}/stage` `{"version", "stage", "note"?}`: 200
/// `{"result":"done","version"}` when moved, 202
/// `{"result":"requested","approval_id"}` when the skip awaits the
/// supervisor, 409 `rule_refused` when the rules forbid it.
pub async fn move_stage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let to = text(&body, "stage")
        .and_then(Stage::parse)
        .ok_or_else(|| ctx.err(AppError::field("stage", "err-no-such-stage")))?;
    let moved = state
        .app
        .move_stage(ctx.actor()?, id, version(&body), to, text(&body, "note"))
        .await
        .web(&ctx)?;
    let status = match moved {
        Moved::Done { .. } => StatusCode::OK,
        Moved::Requested { .. } => StatusCode::ACCEPTED,
    };
    Ok((status, Json(json!(moved))).into_response())
}

/// `POST /opportunities/{id}/close` `{"version", "outcome": "won"|"lost", "reason"}`.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let won = match text(&body, "outcome") {
        Some("won") => true,
        Some("lost") => false,
        _ => return Err(ctx.err(AppError::field("outcome", "err-option"))),
    };
    let v = state
        .app
        .close_opportunity(
            ctx.actor()?,
            id,
            version(&body),
            won,
            text(&body, "reason").unwrap_or(""),
        )
        .await
        .web(&ctx)?;
    Ok(Json(json!({"version": v, "status": if won { "won" } else { "lost" }})).into_response())
}

/// `GET /opportunities/{id}/stages`: the stays at each stage, oldest first.
pub async fn stages(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WebError> {
    let items = state.app.stage_history(ctx.actor()?, id).await.web(&ctx)?;
    Ok(Json(json!({ "items": items })))
}

/// `GET /opportunities/{id}/decision-map`: the people, quadrants, warnings.
pub async fn decision_map(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WebError> {
    let map = state.app.decision_map(ctx.actor()?, id).await.web(&ctx)?;
    Ok(Json(json!(map)))
}

/// The pipeline views' filters (SP1), as query parameters.
#[derive(Deserialize)]
pub struct FilterQuery {
    grade: Option<String>,
    owner_id: Option<String>,
    team: Option<String>,
    source: Option<String>,
    close_month: Option<String>,
}

impl FilterQuery {
    fn filter(&self, ctx: &Ctx) -> Result<acre_app::board::BoardFilter, WebError> {
        acre_app::board::BoardFilter::parse(
            self.grade.as_deref(),
            self.owner_id.as_deref(),
            self.team.as_deref(),
            self.source.as_deref(),
            self.close_month.as_deref(),
        )
        .web(ctx)
    }
}

#[derive(Deserialize)]
pub struct BoardQuery {
    #[serde(flatten)]
    filter: FilterQuery,
    /// Only this stage's column, at `page` (from 0).
    stage: Option<String>,
    /// A string: numbers beside a flattened struct do not survive serde.
    page: Option<String>,
}

/// `GET /pipeline/board`: the kanban, each stage's first page of open
/// opportunities with its capped count; `?stage=…&page=…` one column's page;
/// `grade` (`A,B`), `owner_id`, `team` (a department), `source` and
/// `close_month` (`YYYY-MM`) narrow it.
pub async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BoardQuery>,
) -> Result<Json<Value>, WebError> {
    let actor = ctx.actor()?;
    let filter = q.filter.filter(&ctx)?;
    let page = match q.page.as_deref().filter(|p| !p.is_empty()) {
        Some(p) => p
            .parse()
            .map_err(|_| ctx.err(AppError::field("page", "err-option")))?,
        None => 0,
    };
    let stages: Vec<Stage> = match q.stage.as_deref() {
        Some(k) => {
            vec![Stage::parse(k).ok_or_else(|| ctx.err(AppError::field("stage", "err-option")))?]
        }
        None => Stage::ALL.to_vec(),
    };
    let mut columns = Vec::with_capacity(stages.len());
    for s in stages {
        let col = state
            .app
            .board_column(actor, s, &filter, page)
            .await
            .web(&ctx)?;
        columns.push(col);
    }
    Ok(Json(json!({
        "columns": columns,
        "count_up_to": acre_app::board::COLUMN_COUNT_UP_TO,
    })))
}

#[derive(Deserialize)]
pub struct ForecastQuery {
    from: Option<String>,
    #[serde(flatten)]
    filter: FilterQuery,
}

/// `GET /pipeline/forecast?from=YYYY-MM`: A and B by close month, and the
/// find / nurture / close split; narrowed like the board.
pub async fn forecast(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ForecastQuery>,
) -> Result<Json<Value>, WebError> {
    let actor = ctx.actor()?;
    let from = q
        .from
        .filter(|m| m.len() == 7)
        .unwrap_or_else(|| acre_app::registry::value::today()[..7].to_string());
    let filter = q.filter.filter(&ctx)?;
    let rows = state.app.forecast(actor, &from, &filter).await.web(&ctx)?;
    let split = state.app.work_split(actor, &filter).await.web(&ctx)?;
    Ok(Json(json!({"from": from, "items": rows, "split": split})))
}

/// `GET /stage-rules`: `{stage: "ok"|"supervisor"|"no"}` for the eight skippable stages.
pub async fn rules(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, WebError> {
    ctx.actor()?;
    let r = state.app.skip_rules().await.web(&ctx)?;
    Ok(rules_json(&r))
}

/// `PUT /stage-rules` `{stage: rule, …}` (administrators): the stages given change.
pub async fn set_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    let actor = ctx.actor()?;
    let mut rules = state.app.skip_rules().await.web(&ctx)?;
    let mut errs = acre_app::FieldErrors::new();
    for (k, v) in &body {
        match (
            Stage::parse(k).filter(|s| *s != Stage::Signing),
            v.as_str().and_then(SkipRule::parse),
        ) {
            (Some(s), Some(r)) => rules.0[s.index()] = r,
            _ => {
                errs.insert(k.clone(), "err-option".into());
            }
        }
    }
    if !errs.is_empty() {
        return Err(ctx.err(AppError::fields(errs)));
    }
    state.app.set_skip_rules(actor, &rules).await.web(&ctx)?;
    Ok(rules_json(&rules))
}

/// `{stage: rule}` for the eight skippable stages.
fn rules_json(r: &acre_domain::stages::SkipRules) -> Json<Value> {
    let map: Map<String, Value> = Stage::ALL[..8]
        .iter()
        .map(|s| (s.key().to_string(), json!(r.rule(*s).key())))
        .collect();
    Json(Value::Object(map))
}

#[derive(Deserialize)]
pub struct InboxQuery {
    #[serde(rename = "box")]
    which: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

/// `GET /approvals?box=todo|mine`: 待我审批 (default) or 我发起的.
pub async fn approvals(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<InboxQuery>,
) -> Result<Json<Value>, WebError> {
    let which = match q.which.as_deref() {
        Some("mine") => Inbox::Mine,
        _ => Inbox::Todo,
    };
    let (items, total) = state
        .app
        .inbox(
            ctx.actor()?,
            which,
            q.limit.unwrap_or(50),
            q.offset.unwrap_or(0),
        )
        .await
        .web(&ctx)?;
    Ok(Json(json!({"items": items, "total": total})))
}

/// `GET /approvals/{id}`: the request, its steps and history.
pub async fn approval(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Json<Value>, WebError> {
    let d = state.app.approval(ctx.actor()?, id).await.web(&ctx)?;
    Ok(Json(json!(d)))
}

/// `POST /approvals/{id}/decision` `{"version", "decision": "approve"|"reject"|"return", "comment"?}`.
pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    let decision = text(&body, "decision")
        .and_then(Decision::parse)
        .ok_or_else(|| ctx.err(AppError::field("decision", "err-option")))?;
    let s = state
        .app
        .decide(
            ctx.actor()?,
            id,
            version(&body),
            decision,
            text(&body, "comment"),
        )
        .await
        .web(&ctx)?;
    Ok(Json(json!({"state": s.key()})))
}

/// `POST /approvals/{id}/withdraw` `{"version"}`.
pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    state
        .app
        .withdraw(ctx.actor()?, id, version(&body))
        .await
        .web(&ctx)?;
    Ok(Json(json!({"state": "withdrawn"})))
}

/// `POST /approvals/{id}/resubmit` `{"version", "comment"?}`.
pub async fn resubmit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    state
        .app
        .resubmit(ctx.actor()?, id, version(&body), text(&body, "comment"))
        .await
        .web(&ctx)?;
    Ok(Json(json!({"state": "pending"})))
}

/// `GET /notifications`: the newest hundred and the unread count.
pub async fn notifications(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Value>, WebError> {
    let (items, unread) = state.app.notifications(ctx.actor()?, 100).await.web(&ctx)?;
    Ok(Json(json!({"items": items, "unread": unread})))
}

/// `POST /{res}/{id}/submit` `{"version"}`: send a draft quote or contract
/// for approval (202 `{approval_id}`); other resources answer 404.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let held = acre_app::held::of_resource(&res).ok_or_else(|| ctx.err(AppError::not_found()))?;
    let aid = state
        .app
        .submit_held(ctx.actor()?, held, id, version(&body))
        .await
        .web(&ctx)?;
    Ok((StatusCode::ACCEPTED, Json(json!({"approval_id": aid}))).into_response())
}

/// `POST /quotes/{id}/sent` `{"version"}`: mark an approved quote sent.
pub async fn quote_sent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    state
        .app
        .mark_quote_sent(ctx.actor()?, id, version(&body))
        .await
        .web(&ctx)?;
    Ok(Json(json!({"status": "sent"})))
}

/// `POST /quotes/{id}/revise` `{"version"}`: keep the quote as superseded and
/// start its next revision as a draft; 201 with the new quote's id.
pub async fn quote_revise(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Response, WebError> {
    let new = state
        .app
        .revise_quote(ctx.actor()?, id, version(&body))
        .await
        .web(&ctx)?;
    Ok((StatusCode::CREATED, Json(json!({"id": new}))).into_response())
}

/// `POST /contracts/{id}/status` `{"version", "status": "signed"|"executing"|"completed"|"terminated"}`.
pub async fn contract_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    let to = text(&body, "status").unwrap_or("");
    state
        .app
        .set_contract_status(ctx.actor()?, id, version(&body), to)
        .await
        .web(&ctx)?;
    Ok(Json(json!({"status": to})))
}

/// `GET /pipeline/collection`: collection rate per owner and department.
pub async fn collection(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Value>, WebError> {
    let items = state.app.collection(ctx.actor()?).await.web(&ctx)?;
    Ok(Json(json!({ "items": items })))
}

/// `GET /approval-flows/{kind}`: the configured steps of a request kind.
pub async fn flow(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
) -> Result<Json<Value>, WebError> {
    ctx.actor()?;
    if !acre_app::approvals::KINDS.contains(&kind.as_str()) {
        return Err(ctx.err(AppError::not_found()));
    }
    let steps = state.app.flow(&kind).await.web(&ctx)?;
    Ok(Json(json!({"kind": kind, "steps": steps})))
}

/// `PUT /approval-flows/{kind}` `{"steps": [{approver, role?, user_id?, min_amount?, flag?}]}`
/// (administrators): replace the chain; requests already submitted keep theirs.
pub async fn set_flow(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    ApiJson(body): ApiJson<Map<String, Value>>,
) -> Result<Json<Value>, WebError> {
    let steps: Vec<acre_app::approvals::FlowStep> = body
        .get("steps")
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or_else(|| ctx.err(AppError::field("steps", "err-option")))?;
    state
        .app
        .set_flow(ctx.actor()?, &kind, &steps)
        .await
        .web(&ctx)?;
    let steps = state.app.flow(&kind).await.web(&ctx)?;
    Ok(Json(json!({"kind": kind, "steps": steps})))
}
