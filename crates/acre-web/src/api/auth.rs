//! `/auth/*` and `/me/*`: signing in and out, one's own account and tokens.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::json::{ApiJson, ListParams, page};
use crate::auth::{Ctx, SESSION_COOKIE, set_cookie};
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct LoginBody {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// `POST /auth/login`: sets the session cookie; the body carries the user and
/// the CSRF token to send back as `X-CSRF-Token`.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<LoginBody>,
) -> Result<Response, WebError> {
    let s = state
        .app
        .login(&b.username, &b.password, &ctx.client)
        .await
        .web(&ctx)?;
    let body = json!({"user": s.actor.user, "csrf_token": s.csrf_token});
    let mut res = (StatusCode::OK, Json(body)).into_response();
    let max = state.app.settings.session_max_ms / 1000;
    if let Ok(v) =
        HeaderValue::from_str(&set_cookie(SESSION_COOKIE, &s.token, Some(max), ctx.secure))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    ctx.actor()?;
    if let Some(t) = &ctx.session_token {
        state.app.logout(t).await.web(&ctx)?;
    }
    let mut res = StatusCode::NO_CONTENT.into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(SESSION_COOKIE, "", Some(0), ctx.secure)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// `GET /me`: the signed-in user with role, scope and capabilities.
pub async fn me(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let supervisor = state.app.supervisor_of(&a.user).await.web(&ctx)?;
    let caps: Vec<&str> = acre_domain::Role::CAPABILITIES
        .iter()
        .filter(|c| a.can(**c))
        .map(|c| c.key())
        .collect();
    Ok(Json(json!({
        "user": a.user,
        "scope": a.role.scope().key(),
        "capabilities": caps,
        "supervisor": supervisor.map(|s| json!({"id": s.id, "username": s.username, "display_name": s.display_name})),
    })))
}

#[derive(Deserialize)]
pub struct MePatch {
    locale: Option<String>,
}

/// `PATCH /me`: one's own preferences (the interface language).
pub async fn patch_me(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<MePatch>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    if let Some(l) = b.locale {
        state.app.set_own_locale(a, &l).await.web(&ctx)?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[derive(Deserialize)]
pub struct PasswordBody {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

/// `POST /me/password`: other sessions end, this one stays.
pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<PasswordBody>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    state
        .app
        .change_own_password(
            a,
            &b.current_password,
            &b.new_password,
            &b.new_password,
            ctx.session_token.as_deref(),
        )
        .await
        .web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `GET /me/team`: the users within my data scope.
pub async fn team(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<ListParams>,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let (items, total) = state
        .app
        .team(a, p.q.as_deref(), p.limit(), p.offset())
        .await
        .web(&ctx)?;
    Ok(Json(page(items, total, &p)))
}

pub async fn list_tokens(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<serde_json::Value>, WebError> {
    let a = ctx.actor()?;
    let items = state.app.list_tokens(a).await.web(&ctx)?;
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

#[derive(Deserialize)]
pub struct TokenBody {
    #[serde(default)]
    name: String,
}

/// `POST /me/tokens`: the token text is in this response only.
pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<TokenBody>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    let (id, token) = state.app.create_token(a, &b.name).await.web(&ctx)?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "name": b.name.trim(), "token": token})),
    )
        .into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let a = ctx.actor()?;
    state.app.revoke_token(a, id).await.web(&ctx)?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
