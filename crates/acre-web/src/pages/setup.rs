//! The one-time setup link: creates the first administrator on an empty system.

use std::collections::HashMap;

use acre_app::accounts::UserInput;
use acre_app::{AppError, FieldErrors};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::{Ctx, PRE_COOKIE, SESSION_COOKIE, set_cookie};
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;
use crate::tr::Tr;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    t: Tr,
    token: String,
    pre_token: String,
    errors: FieldErrors,
    values: HashMap<String, String>,
    fields: Vec<(&'static str, &'static str, &'static str)>,
}

fn render(
    ctx: &Ctx,
    token: &str,
    pre: &str,
    errors: FieldErrors,
    values: HashMap<String, String>,
) -> String {
    SetupPage {
        t: Tr(ctx.locale),
        token: token.to_string(),
        pre_token: pre.to_string(),
        errors,
        values,
        fields: vec![
            ("username", "field-username", "text"),
            ("display_name", "field-display-name", "text"),
            ("password", "field-password", "password"),
        ],
    }
    .render()
    .unwrap_or_default()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    if !state.app.setup_token_valid(&token).await.web(&ctx)? {
        return Err(ctx.err(AppError::not_found()));
    }
    let pre = ctx
        .pre_token
        .clone()
        .unwrap_or_else(|| acre_app::secret::random_hex(16));
    let mut res = Html(render(
        &ctx,
        &token,
        &pre,
        FieldErrors::new(),
        HashMap::new(),
    ))
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(PRE_COOKIE, &pre, None, ctx.secure)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(values): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let input = UserInput {
        username: get("username"),
        display_name: get("display_name"),
        role: "admin".into(),
        locale: ctx.locale.tag().into(),
        active: true,
        password: Some(get("password")),
        ..Default::default()
    };
    match state.app.create_first_admin(&token, &input).await {
        Ok(user) => {
            let s = state.app.start_session(user, &ctx.client).await.web(&ctx)?;
            let mut res = Redirect::to("/admin/users").into_response();
            let max = state.app.settings.session_max_ms / 1000;
            if let Ok(v) =
                HeaderValue::from_str(&set_cookie(SESSION_COOKIE, &s.token, Some(max), ctx.secure))
            {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(e) if !e.fields.is_empty() => {
            let mut shown = values.clone();
            shown.remove("password");
            let pre = ctx.pre_token.clone().unwrap_or_default();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(render(&ctx, &token, &pre, e.fields, shown)),
            )
                .into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}
