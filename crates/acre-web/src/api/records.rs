//! `/api/v1/{resource}` for every registered record type: list, create, read,
//! update, delete, restore, history, and Excel/Word exports — all from the
//! type's declaration, through the same services as the pages.

use acre_app::AppError;
use acre_app::registry::export::label;
use acre_app::registry::value::{from_json, to_json};
use acre_app::registry::{Input, ListQuery, Record, RecordType};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::json::{ApiJson, require_version};
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::records::Qs;
use crate::state::AppState;

/// A record as JSON: its fields by key, plus id, version and bookkeeping;
/// linked records' titles under `{key}_title`.
pub fn record_json(rt: &RecordType, r: &Record) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id));
    m.insert("version".into(), json!(r.version));
    for (f, v, title) in &r.values {
        m.insert(f.key.to_string(), to_json(f, v));
        if let Some(t) = title {
            m.insert(format!("{}_title", f.key.trim_end_matches("_id")), json!(t));
        }
    }
    m.insert("created_at".into(), json!(r.created_at));
    m.insert("created_by".into(), json!(r.created_by));
    m.insert("updated_at".into(), json!(r.updated_at));
    if r.deleted_at.is_some() {
        m.insert("deleted_at".into(), json!(r.deleted_at));
    }
    let _ = rt;
    Value::Object(m)
}

/// JSON body fields to the text form every field parser takes.
fn input_of(rt: &RecordType, body: &Value) -> Input {
    let mut input = Input::new();
    if let Some(obj) = body.as_object() {
        for (k, v) in obj {
            if rt.field(k).is_some() || k == acre_app::registry::service::REGISTER_ANYWAY {
                input.insert(k.clone(), from_json(v));
            }
        }
    }
    input
}

fn rt_of(state: &AppState, ctx: &Ctx, res: &str) -> Result<&'static RecordType, WebError> {
    let actor = ctx.actor()?;
    state.app.readable_type(actor, res).web(ctx)
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let actor = ctx.actor()?;
    let q = ListQuery::parse(rt, &qs.0).web(&ctx)?;
    let (rows, total) = state.app.list_records(actor, rt, &q).await.web(&ctx)?;
    let items: Vec<Value> = rows.iter().map(|r| record_json(rt, r)).collect();
    Ok(Json(
        json!({"items": items, "total": total.n, "total_exact": total.exact, "limit": q.limit, "offset": q.offset}),
    ))
}

pub async fn get(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let r = state
        .app
        .get_record(ctx.actor()?, rt, id, false)
        .await
        .web(&ctx)?;
    Ok(Json(record_json(rt, &r)))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Response, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    if !body.is_object() {
        return Err(ctx.err(AppError::new(acre_app::ErrorCode::BadRequest)));
    }
    let (id, version) = state
        .app
        .create_record(ctx.actor()?, rt, &input_of(rt, &body))
        .await
        .web(&ctx)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "version": version})),
    )
        .into_response())
}

pub async fn patch(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    ApiJson(body): ApiJson<Value>,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let version = require_version(&ctx, &body)?;
    let v = state
        .app
        .update_record(ctx.actor()?, rt, id, version, &input_of(rt, &body))
        .await
        .web(&ctx)?;
    Ok(Json(json!({"id": id, "version": v})))
}

/// `DELETE /{resource}/{id}[?version=n]`: to the trash.
pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    qs: Qs,
) -> Result<Response, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let version = qs.get("version").and_then(|v| v.parse().ok());
    state
        .app
        .delete_record(ctx.actor()?, rt, id, version)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    state
        .app
        .restore_record(ctx.actor()?, rt, id)
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

pub async fn history(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let items = state
        .app
        .record_history(ctx.actor()?, rt, id)
        .await
        .web(&ctx)?;
    let n = items.len();
    Ok(Json(
        json!({"items": items, "total": n, "limit": n, "offset": 0}),
    ))
}

/// Field metadata of a type (labels in the caller's language), for clients.
pub fn schema_json(rt: &RecordType, locale: acre_i18n::Locale) -> Value {
    json!({
        "resource": rt.key,
        "name": locale.t(&rt.name_key()),
        "fields": rt.fields.iter().map(|f| json!({
            "key": f.key, "kind": f.kind.key(), "label": label(rt, f, locale), "required": f.required,
            "unique": f.unique, "searchable": f.searchable, "options": f.options, "link": f.link, "max_length": f.max_len,
        })).collect::<Vec<_>>(),
    })
}

pub async fn schema(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    Ok(Json(schema_json(rt, ctx.locale)))
}

/// `POST /{resource}/{id}/files/{field}` (multipart, part `file`): the
/// document of a file field. Answers the attachment id and the new version.
pub async fn upload_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id, field)): Path<(String, i64, String)>,
    mut form: axum::extract::Multipart,
) -> Result<Json<Value>, WebError> {
    let rt = rt_of(&state, &ctx, &res)?;
    let (name, ctype, data) = match crate::records::file_part(&mut form).await {
        Some(Ok(part)) => part,
        Some(Err(())) => return Err(ctx.err(AppError::field("file", "err-file-too-large"))),
        None => return Err(ctx.err(AppError::field("file", "err-file-empty"))),
    };
    let version = state
        .app
        .set_file(ctx.actor()?, rt, id, &field, &name, &ctype, &data)
        .await
        .web(&ctx)?;
    let rec = state
        .app
        .get_record(ctx.actor()?, rt, id, false)
        .await
        .web(&ctx)?;
    Ok(Json(
        json!({"id": id, "version": version, "attachment_id": to_json(rt.field(&field).expect("checked"), &rec.get(&field))}),
    ))
}
