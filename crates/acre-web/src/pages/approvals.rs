//! The approval inbox (待我审批 / 我发起的), a request's page with its
//! decisions, the approval card on a record, the navigation's badges and the
//! notifications.

use acre_app::approvals::{Detail, Inbox, Notification, Request};
use acre_app::{Actor, App, AppError};
use acre_domain::approval::Decision;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::records::Qs;
use crate::state::AppState;
use crate::tr::Tr;

const PAGE: i64 = 50;

/// The page of the record a request is about.
fn record_href(r: &Request) -> String {
    match acre_app::registry::all()
        .iter()
        .find(|t| t.entity == r.entity)
    {
        Some(rt) => format!("/r/{}/{}", rt.key, r.record_id),
        None => String::new(),
    }
}

/// A step's approver in words: a person, or anyone of a role.
fn who(t: Tr, name: &Option<String>, role: &Option<String>) -> String {
    match (name, role) {
        (Some(n), _) => n.clone(),
        (None, Some(role)) => t.with("approvals-any-of-role", "role", &t.role(role)),
        _ => "—".into(),
    }
}

/// Who answers the current step, in words.
fn approver_text(t: Tr, r: &Request) -> String {
    who(t, &r.approver_name, &r.approver_role)
}

pub struct Row {
    pub r: Request,
    pub href: String,
    pub approver: String,
}

#[derive(Template)]
#[template(path = "approvals/inbox.html")]
struct InboxPage {
    layout: Layout,
    which: &'static str,
    rows: Vec<Row>,
    todo_count: i64,
    page: i64,
    pages: i64,
}

pub async fn inbox(State(state): State<AppState>, ctx: Ctx, qs: Qs) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let t = Tr(ctx.locale);
    let (which, key) = match qs.get("box") {
        Some("mine") => (Inbox::Mine, "mine"),
        _ => (Inbox::Todo, "todo"),
    };
    let page: i64 = qs
        .get("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    let (list, total) = state
        .app
        .inbox(actor, which, PAGE, (page - 1) * PAGE)
        .await
        .web(&ctx)?;
    let todo_count = if which == Inbox::Todo {
        total
    } else {
        state.app.waiting_count(actor).await.web(&ctx)?
    };
    let p = InboxPage {
        layout: Layout::new(&ctx, actor, "approvals", "/approvals").with_flash(qs.get("done")),
        which: key,
        rows: list
            .into_iter()
            .map(|r| Row {
                href: record_href(&r),
                approver: approver_text(t, &r),
                r,
            })
            .collect(),
        todo_count,
        page,
        pages: (total + PAGE - 1) / PAGE,
    };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "approvals/detail.html")]
struct DetailPage {
    layout: Layout,
    d: Detail,
    href: String,
    approver: String,
    /// `(position, who)` of each step.
    steps: Vec<(i64, String)>,
    /// What the request asks, in words (a stage skip's from → to).
    asks: String,
    /// The requester may still withdraw (pending or returned).
    open_for_me: bool,
    /// The step waiting for an answer, 1-based (0: none).
    current_step: i64,
    /// The reason given when rejected or returned.
    reason: Option<String>,
    kind_label: String,
    state_label: String,
}

pub async fn detail(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let t = Tr(ctx.locale);
    let d = state.app.approval(actor, id).await.web(&ctx)?;
    let steps = d
        .steps
        .iter()
        .map(|s| (s.position + 1, who(t, &s.approver_name, &s.approver_role)))
        .collect();
    let asks = match (d.request.kind.as_str(), d.request.payload.as_deref()) {
        ("stage_skip", Some(p)) => match p.split_once("->") {
            Some((a, b)) => format!(
                "{} → {}",
                t.get(&format!("opportunity-stage-{a}")),
                t.get(&format!("opportunity-stage-{b}"))
            ),
            None => String::new(),
        },
        _ => String::new(),
    };
    let open = matches!(d.request.state.as_str(), "pending" | "returned");
    let p = DetailPage {
        open_for_me: d.is_requester && open,
        reason: d.request.reason.clone(),
        kind_label: t.get(&format!("approvals-kind-{}", d.request.kind)),
        state_label: t.get(&format!("approvals-state-{}", d.request.state)),
        current_step: if d.request.state == "pending" {
            d.request.step + 1
        } else {
            0
        },
        layout: Layout::new(&ctx, actor, "approvals", &format!("/approvals/{id}"))
            .with_flash(qs.get("done")),
        href: record_href(&d.request),
        approver: approver_text(t, &d.request),
        steps,
        asks,
        d,
    };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

#[derive(serde::Deserialize)]
pub struct DecideForm {
    version: i64,
    decision: String,
    comment: Option<String>,
}

pub async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<DecideForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let decision = Decision::parse(&f.decision)
        .ok_or_else(|| ctx.err(AppError::field("decision", "err-option")))?;
    state
        .app
        .decide(actor, id, f.version, decision, f.comment.as_deref())
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/approvals/{id}?done=flash-decided")).into_response())
}

#[derive(serde::Deserialize)]
pub struct SubmitForm {
    version: i64,
}

/// Send a draft quote or contract for approval from its page.
pub async fn submit_held(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    axum::Form(f): axum::Form<SubmitForm>,
) -> Result<Response, WebError> {
    let held = acre_app::held::of_resource(&res).ok_or_else(|| ctx.err(AppError::not_found()))?;
    state
        .app
        .submit_held(ctx.actor()?, held, id, f.version)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!(
        "/r/{res}/{id}?done=flash-{}-submitted",
        held.rt.entity
    ))
    .into_response())
}

#[derive(serde::Deserialize)]
pub struct VersionForm {
    version: i64,
    comment: Option<String>,
}

pub async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    state
        .app
        .withdraw(ctx.actor()?, id, f.version)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/approvals/{id}?done=flash-decided")).into_response())
}

pub async fn resubmit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    state
        .app
        .resubmit(ctx.actor()?, id, f.version, f.comment.as_deref())
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/approvals/{id}?done=flash-decided")).into_response())
}

#[derive(Template)]
#[template(path = "approvals/card_partial.html")]
struct Card {
    t: Tr,
    rows: Vec<Row>,
}

/// The approvals of one record, for its page (nothing when there are none).
pub async fn card(app: &App, ctx: &Ctx, entity: &str, id: i64) -> Result<Option<String>, WebError> {
    let t = Tr(ctx.locale);
    let list = app.approvals_of(entity, id).await.web(ctx)?;
    if list.is_empty() {
        return Ok(None);
    }
    let c = Card {
        t,
        rows: list
            .into_iter()
            .map(|r| Row {
                href: format!("/approvals/{}", r.id),
                approver: approver_text(t, &r),
                r,
            })
            .collect(),
    };
    Ok(Some(c.render().unwrap_or_default()))
}

#[derive(Template)]
#[template(path = "approvals/badges_partial.html")]
struct Badges {
    t: Tr,
    waiting: i64,
    unread: i64,
}

/// The navigation's counts (loaded once per page, after it shows).
pub async fn badges(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor: &Actor = ctx.actor()?;
    let b = Badges {
        t: Tr(ctx.locale),
        waiting: state.app.waiting_count(actor).await.web(&ctx)?,
        unread: state.app.unread_count(actor).await.web(&ctx)?,
    };
    Ok(Html(b.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "approvals/notifications.html")]
struct NotificationsPage {
    layout: Layout,
    items: Vec<Notification>,
    unread: i64,
}

pub async fn notifications(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let (items, unread) = state.app.notifications(actor, 100).await.web(&ctx)?;
    let p = NotificationsPage {
        layout: Layout::new(&ctx, actor, "notifications", "/notifications"),
        items,
        unread,
    };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

pub async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    state.app.read_notifications(ctx.actor()?).await.web(&ctx)?;
    Ok(Redirect::to("/notifications").into_response())
}
