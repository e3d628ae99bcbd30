//! The user's own settings: language, password, API tokens.

use acre_app::FieldErrors;
use acre_store::tokens::ApiToken;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::{Ctx, LANG_COOKIE, set_cookie};
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::{Layout, safe_next};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    layout: Layout,
    errors: FieldErrors,
    tokens: Vec<ApiToken>,
    new_token: String,
    password_fields: Vec<(&'static str, &'static str, &'static str)>,
}

#[derive(Deserialize, Default)]
pub struct Flash {
    done: Option<String>,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    errors: FieldErrors,
    new_token: String,
    flash: Option<&str>,
) -> Result<String, WebError> {
    let actor = ctx.actor()?;
    let tokens = state.app.list_tokens(actor).await.web(ctx)?;
    Ok(SettingsPage {
        layout: Layout::new(ctx, actor, "settings", "/settings").with_flash(flash),
        errors,
        tokens,
        new_token,
        password_fields: vec![
            (
                "current_password",
                "field-current-password",
                "current-password",
            ),
            ("new_password", "field-new-password", "new-password"),
            ("confirm_password", "field-confirm-password", "new-password"),
        ],
    }
    .render()
    .unwrap_or_default())
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Flash>,
) -> Result<Response, WebError> {
    Ok(Html(
        render(
            &state,
            &ctx,
            FieldErrors::new(),
            String::new(),
            q.done.as_deref(),
        )
        .await?,
    )
    .into_response())
}

#[derive(Deserialize)]
pub struct LocaleForm {
    locale: String,
    next: Option<String>,
}

/// Switch the interface language: saved on the user and in a cookie (so the
/// login page after logging out keeps it).
pub async fn set_locale(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<LocaleForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    state.app.set_own_locale(actor, &f.locale).await.web(&ctx)?;
    let mut res = Redirect::to(&safe_next(f.next.as_deref())).into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(
        LANG_COOKIE,
        &f.locale,
        Some(365 * 86400),
        ctx.secure,
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let r = state
        .app
        .change_own_password(
            actor,
            &f.current_password,
            &f.new_password,
            &f.confirm_password,
            ctx.session_token.as_deref(),
        )
        .await;
    match r {
        Ok(()) => Ok(Redirect::to("/settings?done=flash-password-changed").into_response()),
        Err(e) if !e.fields.is_empty() => {
            let html = render(&state, &ctx, e.fields, String::new(), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<TokenForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    match state.app.create_token(actor, &f.name).await {
        // Shown once, on this response only.
        Ok((_, token)) => {
            Ok(Html(render(&state, &ctx, FieldErrors::new(), token, None).await?).into_response())
        }
        Err(e) if !e.fields.is_empty() => {
            let html = render(&state, &ctx, e.fields, String::new(), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    state.app.revoke_token(actor, id).await.web(&ctx)?;
    Ok(Redirect::to("/settings?done=flash-token-revoked").into_response())
}
