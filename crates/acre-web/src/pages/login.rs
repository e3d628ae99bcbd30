//! Login and logout pages.

use acre_app::demo::{DEMO_PASSWORD, DEMO_USERS};
use acre_app::secret::random_hex;
use acre_app::{AppError, ErrorCode};
use acre_i18n::Locale;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::{Ctx, LANG_COOKIE, PRE_COOKIE, SESSION_COOKIE, set_cookie};
use crate::pages::safe_next;
use crate::state::AppState;
use crate::tr::Tr;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    t: Tr,
    error: String,
    username: String,
    next: String,
    pre_token: String,
    demo: bool,
    demo_password: &'static str,
    demo_users: Vec<(&'static str, String)>,
    locales: Vec<(&'static str, &'static str)>,
}

#[derive(Deserialize)]
pub struct LoginQuery {
    lang: Option<String>,
    next: Option<String>,
}

fn render(
    state: &AppState,
    locale: Locale,
    pre: &str,
    username: &str,
    next: &str,
    error: String,
) -> String {
    let t = Tr(locale);
    LoginPage {
        t,
        error,
        username: username.to_string(),
        next: next.to_string(),
        pre_token: pre.to_string(),
        demo: state.app.settings.demo,
        demo_password: DEMO_PASSWORD,
        demo_users: DEMO_USERS
            .iter()
            .map(|(u, _, role, _, _)| (*u, t.role(role)))
            .collect(),
        locales: Locale::ALL
            .iter()
            .map(|l| (l.tag(), l.native_name()))
            .collect(),
    }
    .render()
    .unwrap_or_default()
}

/// The login form. `?lang=` switches the language before signing in.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LoginQuery>,
) -> Response {
    if ctx.actor.is_some() {
        return Redirect::to("/").into_response();
    }
    let chosen = q.lang.as_deref().and_then(Locale::from_tag);
    let locale = chosen.unwrap_or(ctx.locale);
    let pre = ctx.pre_token.clone().unwrap_or_else(|| random_hex(16));
    let html = render(
        &state,
        locale,
        &pre,
        "",
        &safe_next(q.next.as_deref()),
        String::new(),
    );
    let mut res = Html(html).into_response();
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(PRE_COOKIE, &pre, None, ctx.secure)) {
        h.append(header::SET_COOKIE, v);
    }
    if let Some(l) = chosen
        && let Ok(v) = HeaderValue::from_str(&set_cookie(
            LANG_COOKIE,
            l.tag(),
            Some(365 * 86400),
            ctx.secure,
        ))
    {
        h.append(header::SET_COOKIE, v);
    }
    res
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// Check the credentials; on success a new session cookie and a redirect.
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(f): Form<LoginForm>) -> Response {
    match state.app.login(&f.username, &f.password, &ctx.client).await {
        Ok(s) => {
            let mut res = Redirect::to(&safe_next(f.next.as_deref())).into_response();
            let h = res.headers_mut();
            let max = state.app.settings.session_max_ms / 1000;
            if let Ok(v) =
                HeaderValue::from_str(&set_cookie(SESSION_COOKIE, &s.token, Some(max), ctx.secure))
            {
                h.append(header::SET_COOKIE, v);
            }
            if let Ok(v) = HeaderValue::from_str(&set_cookie(PRE_COOKIE, "", Some(0), ctx.secure)) {
                h.append(header::SET_COOKIE, v);
            }
            res
        }
        Err(e) => {
            let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNAUTHORIZED);
            if matches!(e.code, ErrorCode::Internal | ErrorCode::Unavailable) {
                return ctx.err(e).into_response();
            }
            let pre = ctx.pre_token.clone().unwrap_or_default();
            let html = render(
                &state,
                ctx.locale,
                &pre,
                &f.username,
                &safe_next(f.next.as_deref()),
                e.message(ctx.locale),
            );
            (status, Html(html)).into_response()
        }
    }
}

/// End the session on the server and forget the cookie.
pub async fn logout(State(state): State<AppState>, ctx: Ctx) -> Response {
    if let Some(token) = &ctx.session_token
        && let Err(e) = state.app.logout(token).await
    {
        return ctx.err(e).into_response();
    }
    if ctx.actor.is_none() {
        return ctx
            .err(AppError::new(ErrorCode::Unauthenticated))
            .into_response();
    }
    let mut res = Redirect::to("/login").into_response();
    if let Ok(v) = HeaderValue::from_str(&set_cookie(SESSION_COOKIE, "", Some(0), ctx.secure)) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}
