//! Who is calling, in one place: resolves the session cookie or Bearer token
//! once per request, checks CSRF on every state-changing request, picks the
//! interface language, and hands the result to handlers as [`Ctx`].

use std::net::SocketAddr;

use acre_app::auth::Client;
use acre_app::secret::constant_eq;
use acre_app::{Actor, App, AppError, ErrorCode};
use acre_i18n::Locale;
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::WebError;
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "acre_session";
/// Anonymous double-submit token for the login and setup forms.
pub const PRE_COOKIE: &str = "acre_pre";
pub const LANG_COOKIE: &str = "acre_lang";
pub const CSRF_HEADER: &str = "x-csrf-token";
pub const CSRF_FIELD: &str = "csrf_token";

/// What every handler knows about the request.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub actor: Option<Actor>,
    pub locale: Locale,
    /// The raw session cookie, when the actor came from one.
    pub session_token: Option<String>,
    pub client: Client,
    pub htmx: bool,
    pub api: bool,
    /// The anonymous form token (login/setup), when the browser has one.
    pub pre_token: Option<String>,
    pub secure: bool,
}

impl Ctx {
    /// The signed-in actor, or 401.
    pub fn actor(&self) -> Result<&Actor, WebError> {
        self.actor
            .as_ref()
            .ok_or_else(|| WebError::new(AppError::new(ErrorCode::Unauthenticated), self))
    }
    /// The signed-in actor and the record type of a `{res}` path segment
    /// they may read.
    pub fn record_type(
        &self,
        app: &acre_app::App,
        res: &str,
    ) -> Result<(&Actor, &'static acre_app::registry::RecordType), WebError> {
        let actor = self.actor()?;
        let rt = app.readable_type(actor, res).map_err(|e| self.err(e))?;
        Ok((actor, rt))
    }

    /// Wrap a service error for this request (JSON or HTML, translated).
    pub fn err(&self, e: AppError) -> WebError {
        WebError::new(e, self)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response())
    }
}

/// Value of a cookie in the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

fn client(req: &Request, trust_proxy: bool) -> Client {
    let forwarded = trust_proxy
        .then(|| req.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|s| s.trim().to_string());
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    Client {
        ip: forwarded.or(peer).unwrap_or_else(|| "local".into()),
        user_agent: req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    }
}

/// Paths that change state without a session (they carry their own proof).
fn anonymous_post_allowed(path: &str) -> bool {
    path == "/login" || path.starts_with("/setup/") || path == "/api/v1/auth/login"
}

async fn resolve_actor(
    app: &App,
    headers: &HeaderMap,
) -> Result<(Option<Actor>, Option<String>), AppError> {
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        // A wrong token is an error, not an anonymous request.
        return match app.token_actor(bearer.trim()).await? {
            Some(a) => Ok((Some(a), None)),
            None => Err(AppError::new(ErrorCode::Unauthenticated)),
        };
    }
    if let Some(token) = cookie(headers, SESSION_COOKIE) {
        return Ok((app.session_actor(&token).await?, Some(token)));
    }
    Ok((None, None))
}

/// The middleware.
pub async fn authenticate(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let headers = req.headers().clone();
    let path = req.uri().path().to_string();
    let api = path.starts_with("/api/");
    let htmx = headers.contains_key("hx-request");
    let secure = state.options.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            == Some("https");
    let lang_pref = cookie(&headers, LANG_COOKIE)
        .and_then(|l| Locale::from_tag(&l))
        .unwrap_or_else(|| {
            Locale::negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });
    let mut ctx = Ctx {
        actor: None,
        locale: lang_pref,
        session_token: None,
        client: client(&req, state.options.trust_proxy),
        htmx,
        api,
        pre_token: cookie(&headers, PRE_COOKIE),
        secure,
    };
    // Static files and probes need no identity.
    if path.starts_with("/static/") || matches!(path.as_str(), "/healthz" | "/readyz" | "/metrics")
    {
        return next.run(req).await;
    }
    match resolve_actor(&state.app, &headers).await {
        Ok((actor, token)) => {
            if let Some(a) = &actor {
                ctx.locale = Locale::from_tag(&a.user.locale).unwrap_or(lang_pref);
            }
            ctx.actor = actor;
            ctx.session_token = token.filter(|_| ctx.actor.is_some());
        }
        Err(e) => return WebError::new(e, &ctx).into_response(),
    }

    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = req;
    if unsafe_method {
        match check_csrf(&ctx, &path, req).await {
            Ok(r) => req = r,
            Err(resp) => return resp,
        }
    }
    req.extensions_mut().insert(ctx);
    next.run(req).await
}

/// Every state-changing request proves it comes from our own pages: the
/// session's token in `X-CSRF-Token` or the `csrf_token` form field; anonymous
/// forms use a double-submit cookie; the JSON login needs a JSON body (which a
/// cross-site form cannot send). Bearer-token calls carry no ambient
/// credentials and need nothing.
async fn check_csrf(ctx: &Ctx, path: &str, req: Request) -> Result<Request, Response> {
    let refuse = || WebError::new(AppError::new(ErrorCode::CsrfFailed), ctx).into_response();
    let is_bearer = ctx.actor.is_some() && ctx.session_token.is_none();
    if is_bearer {
        return Ok(req);
    }
    let expected = match &ctx.actor {
        Some(a) => a.csrf_token.clone(),
        None if anonymous_post_allowed(path) => {
            if path.starts_with("/api/") {
                let json = req
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|v| v.starts_with("application/json"));
                return if json { Ok(req) } else { Err(refuse()) };
            }
            ctx.pre_token.clone()
        }
        // Not signed in: let the handler answer 401 / redirect to login.
        None => return Ok(req),
    };
    let Some(expected) = expected else {
        return Err(refuse());
    };
    if let Some(h) = req.headers().get(CSRF_HEADER).and_then(|v| v.to_str().ok())
        && constant_eq(h, &expected)
    {
        return Ok(req);
    }
    // File uploads (multipart) carry the token in the query string: the body
    // is too large to buffer here.
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let presented = req
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| {
                pairs
                    .into_iter()
                    .find(|(k, _)| k == CSRF_FIELD)
                    .map(|(_, v)| v)
            });
        return match presented {
            Some(v) if constant_eq(&v, &expected) => Ok(req),
            _ => Err(refuse()),
        };
    }
    // Plain HTML form post: look for the field in the body, then put it back.
    let is_form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(refuse());
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, crate::BODY_LIMIT)
        .await
        .map_err(|_| refuse())?;
    let found = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|pairs| {
            pairs
                .into_iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v)
        });
    match found {
        Some(v) if constant_eq(&v, &expected) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(refuse()),
    }
}

/// `Set-Cookie` value with our defaults: HttpOnly, SameSite=Lax, Path=/, Secure when on https.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    c
}
