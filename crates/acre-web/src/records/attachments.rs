//! Uploading, downloading and removing attachments of a record.

use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::export::download as file_response;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    mut form: Multipart,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let bad = || {
        ctx.err(file_message(acre_app::AppError::field(
            "file",
            "err-file-empty",
        )))
    };
    let too_large = || {
        ctx.err(file_message(acre_app::AppError::field(
            "file",
            "err-file-too-large",
        )))
    };
    while let Some(field) = form.next_field().await.map_err(|_| too_large())? {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("file").to_string();
        let ctype = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        let data = field.bytes().await.map_err(|_| too_large())?;
        state
            .app
            .add_attachment(actor, &res, id, &name, &ctype, &data)
            .await
            .map_err(|e| ctx.err(file_message(e)))?;
        return Ok(Redirect::to(&format!("/r/{res}/{id}?done=flash-attached")).into_response());
    }
    Err(bad())
}

/// Read the `file` part of a multipart upload: `(name, content type, bytes)`.
pub async fn file_part(form: &mut Multipart) -> Option<Result<(String, String, Vec<u8>), ()>> {
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return None,
            Err(_) => return Some(Err(())),
        };
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("file").to_string();
        let ctype = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_string();
        return Some(
            field
                .bytes()
                .await
                .map(|b| (name, ctype, b.to_vec()))
                .map_err(|_| ()),
        );
    }
}

/// `POST /r/{res}/{id}/files/{field}`: upload the document of a file field.
pub async fn upload_to_field(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id, field)): Path<(String, i64, String)>,
    mut form: Multipart,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let (name, ctype, data) = match file_part(&mut form).await {
        Some(Ok(part)) => part,
        Some(Err(())) => {
            return Err(ctx.err(file_message(acre_app::AppError::field(
                "file",
                "err-file-too-large",
            ))));
        }
        None => {
            return Err(ctx.err(file_message(acre_app::AppError::field(
                "file",
                "err-file-empty",
            ))));
        }
    };
    state
        .app
        .set_file(actor, rt, id, &field, &name, &ctype, &data)
        .await
        .map_err(|e| ctx.err(file_message(e)))?;
    Ok(Redirect::to(&format!("/r/{}/{id}?done=flash-attached", rt.key)).into_response())
}

/// The page shows one message: make the file field's the error's own.
fn file_message(mut e: acre_app::AppError) -> acre_app::AppError {
    e.message_key = match e.fields.get("file").map(String::as_str) {
        Some("err-file-too-large") => Some("err-file-too-large"),
        Some("err-file-empty") => Some("err-file-empty"),
        _ => e.message_key,
    };
    e
}

pub async fn download_file(state: &AppState, ctx: &Ctx, id: i64) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let (a, data) = state.app.download_attachment(actor, id).await.web(ctx)?;
    let mut res = file_response(data, "application/octet-stream", &a.file_name);
    // Served as a download whatever it claims to be: no inline HTML or SVG from uploads.
    res.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox"),
    );
    Ok(res)
}

pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    download_file(&state, &ctx, id).await
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let a = state.app.delete_attachment(actor, id).await.web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}/{}", a.resource, a.record_id)).into_response())
}
