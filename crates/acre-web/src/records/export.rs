//! Excel and Word downloads of the filtered list and of one record.

use acre_app::registry::ListQuery;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::Qs;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A download with a UTF-8 file name (RFC 6266), never rendered inline.
pub fn download(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"export\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn stamp() -> String {
    chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("offset"))
        .format("%Y%m%d-%H%M")
        .to_string()
}

pub async fn list_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let q = ListQuery::parse(rt, &qs.0).web(&ctx)?;
    let bytes = state
        .app
        .export_list_xlsx(actor, rt, &q, ctx.locale)
        .await
        .web(&ctx)?;
    Ok(download(
        bytes,
        XLSX,
        &format!("{}-{}.xlsx", ctx.locale.t(&rt.name_key()), stamp()),
    ))
}

pub async fn list_docx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let q = ListQuery::parse(rt, &qs.0).web(&ctx)?;
    let bytes = state
        .app
        .export_list_docx(actor, rt, &q, ctx.locale)
        .await
        .web(&ctx)?;
    Ok(download(
        bytes,
        DOCX,
        &format!("{}-{}.docx", ctx.locale.t(&rt.name_key()), stamp()),
    ))
}

pub async fn record_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let bytes = state
        .app
        .export_record_xlsx(actor, rt, id, ctx.locale)
        .await
        .web(&ctx)?;
    Ok(download(
        bytes,
        XLSX,
        &format!("{}-{id}.xlsx", ctx.locale.t(&rt.name_key())),
    ))
}

pub async fn record_docx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let bytes = state
        .app
        .export_record_docx(actor, rt, id, ctx.locale)
        .await
        .web(&ctx)?;
    Ok(download(
        bytes,
        DOCX,
        &format!("{}-{id}.docx", ctx.locale.t(&rt.name_key())),
    ))
}
