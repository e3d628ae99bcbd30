//! Administrators manage the department tree.

use acre_app::departments::DepartmentInput;
use acre_app::{Actor, AppError, ErrorCode, FieldErrors};
use acre_domain::Capability;
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

pub struct DeptRow {
    id: i64,
    name: String,
    depth: usize,
    head: String,
    members: i64,
}

#[derive(Template)]
#[template(path = "admin/departments.html")]
struct DepartmentsPage {
    layout: Layout,
    rows: Vec<DeptRow>,
    heading: String,
    action: String,
    is_new: bool,
    id: i64,
    version: i64,
    f: DepartmentInput,
    errors: FieldErrors,
    form_error: &'static str,
    parents: Vec<(i64, String)>,
    heads: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "admin/department_edit.html")]
struct DepartmentEditPage {
    layout: Layout,
    heading: String,
    action: String,
    is_new: bool,
    id: i64,
    version: i64,
    f: DepartmentInput,
    errors: FieldErrors,
    form_error: &'static str,
    parents: Vec<(i64, String)>,
    heads: Vec<(i64, String)>,
}

/// What both department pages show around the form.
struct FormView {
    id: Option<i64>,
    version: i64,
    f: DepartmentInput,
    errors: FieldErrors,
    form_error: &'static str,
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    v: FormView,
    flash: Option<&str>,
) -> Result<String, WebError> {
    actor.require(Capability::AdministerAccounts).web(ctx)?;
    let app = &state.app;
    let layout = Layout::new(ctx, actor, "departments", "/admin/departments").with_flash(flash);
    let t = layout.t;
    let tree = app.department_tree().await.web(ctx)?;
    let (people, _) = app.list_users(actor, None, 200, 0).await.web(ctx)?;
    let name_of = |id: Option<i64>| {
        id.and_then(|id| people.iter().find(|u| u.id == id))
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    };
    let parents = tree
        .iter()
        .filter(|n| {
            v.id.is_none_or(|me| {
                !acre_app::org::is_in_subtree(
                    &tree.iter().map(|n| n.dept.clone()).collect::<Vec<_>>(),
                    me,
                    n.dept.id,
                )
            })
        })
        .map(|n| (n.dept.id, n.path.clone()))
        .collect();
    let heads = people
        .iter()
        .filter(|u| u.active)
        .map(|u| (u.id, format!("{} ({})", u.display_name, u.username)))
        .collect();
    let heading = match v.id {
        Some(_) => t.with("departments-edit", "name", &v.f.name),
        None => t.get("departments-new"),
    };
    let action =
        v.id.map(|id| format!("/admin/departments/{id}"))
            .unwrap_or_else(|| "/admin/departments".into());
    Ok(match v.id {
        None => DepartmentsPage {
            rows: tree
                .iter()
                .map(|n| DeptRow {
                    id: n.dept.id,
                    name: n.dept.name.clone(),
                    depth: n.depth.min(6),
                    head: name_of(n.dept.head_user_id),
                    members: people
                        .iter()
                        .filter(|u| u.department_id == Some(n.dept.id))
                        .count() as i64,
                })
                .collect(),
            heading,
            action,
            is_new: true,
            id: 0,
            version: v.version,
            f: v.f,
            errors: v.errors,
            form_error: v.form_error,
            parents,
            heads,
            layout,
        }
        .render(),
        Some(id) => DepartmentEditPage {
            heading,
            action,
            is_new: false,
            id,
            version: v.version,
            f: v.f,
            errors: v.errors,
            form_error: v.form_error,
            parents,
            heads,
            layout,
        }
        .render(),
    }
    .unwrap_or_default())
}

#[derive(Deserialize)]
pub struct Flash {
    done: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Flash>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let v = FormView {
        id: None,
        version: 0,
        f: DepartmentInput::default(),
        errors: FieldErrors::new(),
        form_error: "err-validation",
    };
    Ok(Html(render(&state, &ctx, actor, v, q.done.as_deref()).await?).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    actor.require(Capability::AdministerAccounts).web(&ctx)?;
    let tree = state.app.department_tree().await.web(&ctx)?;
    let d = tree
        .iter()
        .find(|n| n.dept.id == id)
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    let f = DepartmentInput {
        name: d.dept.name.clone(),
        parent_id: d.dept.parent_id,
        head_user_id: d.dept.head_user_id,
        sort_order: Some(d.dept.sort_order),
    };
    let v = FormView {
        id: Some(id),
        version: d.dept.version,
        f,
        errors: FieldErrors::new(),
        form_error: "err-validation",
    };
    Ok(Html(render(&state, &ctx, actor, v, None).await?).into_response())
}

#[derive(Deserialize)]
pub struct DepartmentForm {
    #[serde(default)]
    name: String,
    parent_id: Option<String>,
    head_user_id: Option<String>,
    sort_order: Option<String>,
    version: Option<i64>,
}

impl DepartmentForm {
    fn input(&self) -> DepartmentInput {
        DepartmentInput {
            name: self.name.clone(),
            parent_id: opt_id(&self.parent_id),
            head_user_id: opt_id(&self.head_user_id),
            sort_order: opt_id(&self.sort_order),
        }
    }
}

async fn refused(
    state: &AppState,
    ctx: &Ctx,
    actor: &Actor,
    id: Option<i64>,
    version: i64,
    f: DepartmentInput,
    e: AppError,
) -> Result<Response, WebError> {
    if e.fields.is_empty() && !matches!(e.code, ErrorCode::StaleVersion | ErrorCode::InUse) {
        return Err(ctx.err(e));
    }
    let status = StatusCode::from_u16(e.code.status()).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY);
    let mut errors = e.fields.clone();
    if errors.is_empty() {
        errors.insert("_form".into(), e.key().into());
    }
    let v = FormView {
        id,
        version,
        f,
        errors,
        form_error: e.key(),
    };
    Ok((status, Html(render(state, ctx, actor, v, None).await?)).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<DepartmentForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let input = form.input();
    match state.app.create_department(actor, &input).await {
        Ok(_) => Ok(Redirect::to("/admin/departments?done=flash-saved").into_response()),
        Err(e) => refused(&state, &ctx, actor, None, 0, input, e).await,
    }
}

pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DepartmentForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let input = form.input();
    let version = form.version.unwrap_or(0);
    match state
        .app
        .update_department(actor, id, version, &input)
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/departments?done=flash-saved").into_response()),
        Err(e) => refused(&state, &ctx, actor, Some(id), version, input, e).await,
    }
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Form(form): Form<DepartmentForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let version = form.version.unwrap_or(0);
    match state.app.delete_department(actor, id, version).await {
        Ok(()) => Ok(Redirect::to("/admin/departments?done=flash-deleted").into_response()),
        Err(e) => {
            let tree = state.app.department_tree().await.web(&ctx)?;
            let Some(d) = tree.iter().find(|n| n.dept.id == id) else {
                return Err(ctx.err(e));
            };
            let f = DepartmentInput {
                name: d.dept.name.clone(),
                parent_id: d.dept.parent_id,
                head_user_id: d.dept.head_user_id,
                sort_order: Some(d.dept.sort_order),
            };
            refused(&state, &ctx, actor, Some(id), d.dept.version, f, e).await
        }
    }
}
