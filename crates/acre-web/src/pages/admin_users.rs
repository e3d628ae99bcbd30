//! Administrators manage accounts: list, create, edit, disable, reset password.

use acre_app::accounts::UserInput;
use acre_app::{Actor, AppError, FieldErrors};
use acre_domain::{Capability, Role};
use acre_store::audit::Entry;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::{Layout, opt_id};
use crate::state::AppState;

const PAGE_SIZE: i64 = 50;

pub struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    department: String,
    superior: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    rows: Vec<UserRow>,
    q: String,
    page: i64,
    total: i64,
    has_next: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<i64>,
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let page = q.page.unwrap_or(1).max(1);
    let app = &state.app;
    let (users, total) = app
        .list_users(actor, q.q.as_deref(), PAGE_SIZE, (page - 1) * PAGE_SIZE)
        .await
        .web(&ctx)?;
    let tree = app.department_tree().await.web(&ctx)?;
    // Superiors' names for this page in one query, not one per row.
    let ids: Vec<i64> = users.iter().filter_map(|u| u.superior_id).collect();
    let names = app.user_names(&ids).await.web(&ctx)?;
    let rows = users
        .into_iter()
        .map(|u| UserRow {
            department: u
                .department_id
                .and_then(|d| tree.iter().find(|n| n.dept.id == d))
                .map(|n| n.dept.name.clone())
                .unwrap_or_default(),
            superior: u
                .superior_id
                .and_then(|s| names.get(&s).cloned())
                .unwrap_or_default(),
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role,
            active: u.active,
        })
        .collect();
    let page_view = UsersPage {
        layout: Layout::new(&ctx, actor, "users", "/admin/users").with_flash(q.done.as_deref()),
        rows,
        q: q.q.unwrap_or_default(),
        page,
        total,
        has_next: page * PAGE_SIZE < total,
    };
    Ok(Html(page_view.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
struct UserFormPage {
    layout: Layout,
    heading: String,
    action: String,
    is_new: bool,
    id: i64,
    version: i64,
    f: UserInput,
    errors: FieldErrors,
    form_error: &'static str,
    roles: Vec<(&'static str, String)>,
    departments: Vec<(i64, String)>,
    superiors: Vec<(i64, String)>,
    history: Vec<Entry>,
}

struct FormState {
    id: Option<i64>,
    version: i64,
    f: UserInput,
    errors: FieldErrors,
    form_error: &'static str,
}

async fn render_form(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    s: FormState,
) -> Result<String, WebError> {
    actor.require(Capability::AdministerAccounts).web(ctx)?;
    let app = &state.app;
    let layout = Layout::new(ctx, actor, "users", "/admin/users");
    let t = layout.t;
    let tree = app.department_tree().await.web(ctx)?;
    let (people, _) = app.list_users(actor, None, 200, 0).await.web(ctx)?;
    let history = match s.id {
        Some(id) => app.user_history(actor, id).await.web(ctx)?,
        None => vec![],
    };
    let heading = match s.id {
        Some(_) => t.with("users-edit", "name", &s.f.display_name),
        None => t.get("users-new"),
    };
    Ok(UserFormPage {
        heading,
        action: s
            .id
            .map(|id| format!("/admin/users/{id}"))
            .unwrap_or_else(|| "/admin/users".into()),
        is_new: s.id.is_none(),
        id: s.id.unwrap_or_default(),
        version: s.version,
        roles: Role::ALL
            .iter()
            .map(|r| (r.key(), t.role(r.key())))
            .collect(),
        departments: tree.iter().map(|n| (n.dept.id, n.path.clone())).collect(),
        superiors: people
            .iter()
            .filter(|u| Some(u.id) != s.id && u.active)
            .map(|u| (u.id, format!("{} ({})", u.display_name, u.username)))
            .collect(),
        history,
        f: s.f,
        errors: s.errors,
        form_error: s.form_error,
        layout,
    }
    .render()
    .unwrap_or_default())
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let f = UserInput {
        role: "rep".into(),
        locale: "zh-CN".into(),
        active: true,
        ..Default::default()
    };
    let s = FormState {
        id: None,
        version: 0,
        f,
        errors: FieldErrors::new(),
        form_error: "err-validation",
    };
    Ok(Html(render_form(&state, &ctx, actor, s).await?).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    actor.require(Capability::AdministerAccounts).web(&ctx)?;
    let u = state.app.get_user(actor, id).await.web(&ctx)?;
    let s = FormState {
        id: Some(id),
        version: u.version,
        f: UserInput::from_user(&u),
        errors: FieldErrors::new(),
        form_error: "err-validation",
    };
    Ok(Html(render_form(&state, &ctx, actor, s).await?).into_response())
}

#[derive(Deserialize)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    department_id: Option<String>,
    superior_id: Option<String>,
    #[serde(default)]
    locale: String,
    email: Option<String>,
    phone: Option<String>,
    password: Option<String>,
    active: Option<String>,
    version: Option<i64>,
}

impl UserForm {
    fn input(self) -> (UserInput, i64) {
        (
            UserInput {
                department_id: opt_id(&self.department_id),
                superior_id: opt_id(&self.superior_id),
                active: self.active.is_some(),
                username: self.username,
                display_name: self.display_name,
                role: self.role,
                locale: self.locale,
                email: self.email,
                phone: self.phone,
                password: self.password,
            },
            self.version.unwrap_or(0),
        )
    }
}

/// Re-show the form with the error, or answer with the error page.
async fn form_error(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Option<i64>,
    version: i64,
    f: UserInput,
    e: AppError,
) -> Result<Response, WebError> {
    if e.fields.is_empty() && e.code != acre_app::ErrorCode::StaleVersion {
        return Err(ctx.err(e));
    }
    let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let s = FormState {
        id,
        version,
        f,
        form_error: e.key(),
        errors: if e.fields.is_empty() {
            stale_marker()
        } else {
            e.fields
        },
    };
    Ok((status, Html(render_form(state, ctx, actor, s).await?)).into_response())
}

/// A form-level error with no field of its own still needs `errors` non-empty
/// for the banner; the key is not a field name, so no field lights up.
fn stale_marker() -> FieldErrors {
    let mut m = FieldErrors::new();
    m.insert("_form".into(), "err-stale".into());
    m
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let (input, _) = form.input();
    match state.app.create_user(Some(actor), &input).await {
        Ok((id, _)) => Ok(Redirect::to(&format!("/admin/users/{id}")).into_response()),
        Err(e) => {
            form_error(
                &state,
                &ctx,
                actor,
                None,
                0,
                UserInput {
                    password: None,
                    ..input
                },
                e,
            )
            .await
        }
    }
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let (input, version) = form.input();
    match state.app.update_user(actor, id, version, &input).await {
        Ok(_) => Ok(Redirect::to("/admin/users?done=flash-saved").into_response()),
        Err(e) => form_error(&state, &ctx, actor, Some(id), version, input, e).await,
    }
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    new_password: String,
}

pub async fn reset_password(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(f): Form<ResetForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    match state.app.reset_password(actor, id, &f.new_password).await {
        Ok(()) => Ok(Redirect::to("/admin/users?done=flash-password-reset").into_response()),
        Err(mut e) if !e.fields.is_empty() => {
            // The service names the field `password`; on this page it is `new_password`.
            if let Some(v) = e.fields.remove("password") {
                e.fields.insert("new_password".into(), v);
            }
            let u = state.app.get_user(actor, id).await.web(&ctx)?;
            form_error(
                &state,
                &ctx,
                actor,
                Some(id),
                u.version,
                UserInput::from_user(&u),
                e,
            )
            .await
        }
        Err(e) => Err(ctx.err(e)),
    }
}
