//! The approval chains, one per request kind (administrators, AC9): who
//! approves in which order, with the amount or flag that adds a step.
//! Requests already submitted keep the steps they were given.

use acre_app::approvals::{FlowStep, KINDS, flags_of};
use acre_app::registry::value::{money_plain, parse_money};
use acre_app::{AppError, ErrorCode};
use acre_domain::{Capability, Role};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::records::Qs;
use crate::state::AppState;

/// Empty rows offered under a chain for new steps.
const BLANK_ROWS: usize = 2;

/// One step as the form shows it.
#[derive(Clone, Default)]
struct Row {
    approver: String,
    role: String,
    user_id: String,
    user_name: String,
    /// Yuan, as typed.
    min_amount: String,
    flag: String,
    error: String,
}

struct Chain {
    kind: &'static str,
    /// No step saved: the engine asks the supervisor.
    empty: bool,
    rows: Vec<Row>,
    flags: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "approvals/flows.html")]
struct FlowsPage {
    layout: Layout,
    chains: Vec<Chain>,
    roles: Vec<&'static str>,
}

async fn rows_of(state: &AppState, kind: &str) -> Result<Vec<Row>, AppError> {
    let steps = state.app.flow(kind).await?;
    let named: Vec<i64> = steps.iter().filter_map(|s| s.user_id).collect();
    let names = acre_store::users::names(&state.app.db, &named).await?;
    let mut rows = Vec::new();
    for s in steps {
        let user_name = s
            .user_id
            .and_then(|u| names.get(&u).cloned())
            .unwrap_or_default();
        rows.push(Row {
            approver: s.approver,
            role: s.role.unwrap_or_default(),
            user_id: s.user_id.map(|u| u.to_string()).unwrap_or_default(),
            user_name,
            min_amount: s.min_amount.map(money_plain).unwrap_or_default(),
            flag: s.flag.unwrap_or_default(),
            error: String::new(),
        });
    }
    Ok(rows)
}

fn page(ctx: &Ctx, actor: &acre_app::Actor, chains: Vec<Chain>, flash: Option<&str>) -> Response {
    let p = FlowsPage {
        layout: Layout::new(ctx, actor, "approval-flows", "/admin/approval-flows")
            .with_flash(flash),
        chains: chains
            .into_iter()
            .map(|mut c| {
                c.empty = c.rows.is_empty();
                c.rows
                    .extend(std::iter::repeat_n(Row::default(), BLANK_ROWS));
                c
            })
            .collect(),
        roles: Role::ALL.iter().map(|r| r.key()).collect(),
    };
    Html(p.render().unwrap_or_default()).into_response()
}

/// `GET /admin/approval-flows`.
pub async fn flows_page(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    actor.require(Capability::AdministerAccounts).web(&ctx)?;
    let mut chains = Vec::with_capacity(KINDS.len());
    for kind in KINDS {
        chains.push(Chain {
            kind,
            empty: false,
            rows: rows_of(&state, kind).await.web(&ctx)?,
            flags: flags_of(kind),
        });
    }
    Ok(page(&ctx, actor, chains, qs.get("done")))
}

/// `POST /admin/approval-flows/{kind}`: the rows `s{i}.*` in order; a row
/// without an approver is dropped. A bad row is shown again with its error
/// and nothing is saved.
pub async fn save_flow(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    actor.require(Capability::AdministerAccounts).web(&ctx)?;
    let kind = KINDS
        .iter()
        .copied()
        .find(|k| *k == kind)
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    let get = |i: usize, k: &str| {
        pairs
            .iter()
            .find(|(n, _)| *n == format!("s{i}.{k}"))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for i in 0.. {
        if !pairs.iter().any(|(n, _)| n.starts_with(&format!("s{i}."))) {
            break;
        }
        let row = Row {
            approver: get(i, "approver"),
            role: get(i, "role"),
            user_id: get(i, "user_id"),
            user_name: get(i, "user_id__title"),
            min_amount: get(i, "min_amount"),
            flag: get(i, "flag"),
            error: String::new(),
        };
        if !row.approver.is_empty() {
            rows.push(row);
        }
    }
    let t = crate::tr::Tr(ctx.locale);
    let mut steps = Vec::with_capacity(rows.len());
    let mut bad = false;
    for row in &mut rows {
        let min_amount = if row.min_amount.is_empty() {
            None
        } else if let Some(f) = parse_money(&row.min_amount).filter(|f| *f >= 0) {
            Some(f)
        } else {
            row.error = t.get("err-money");
            bad = true;
            None
        };
        steps.push(FlowStep {
            approver: row.approver.clone(),
            role: Some(row.role.clone()).filter(|r| row.approver == "role" && !r.is_empty()),
            user_id: row.user_id.parse().ok().filter(|_| row.approver == "user"),
            min_amount,
            flag: Some(row.flag.clone()).filter(|f| !f.is_empty()),
        });
    }
    let saved = if bad {
        None
    } else {
        Some(state.app.set_flow(actor, kind, &steps).await)
    };
    match saved {
        Some(Ok(())) => {
            Ok(Redirect::to("/admin/approval-flows?done=flash-flow-saved").into_response())
        }
        Some(Err(e)) if e.code == ErrorCode::ValidationFailed => {
            for (i, row) in rows.iter_mut().enumerate() {
                if let Some(k) = e.fields.get(&format!("steps[{i}].approver")) {
                    row.error = t.get(k);
                }
            }
            Ok(again(&state, &ctx, actor, kind, rows).await?)
        }
        Some(Err(e)) => Err(ctx.err(e)),
        None => Ok(again(&state, &ctx, actor, kind, rows).await?),
    }
}

/// The page again with `kind`'s rows as submitted (and their errors).
async fn again(
    state: &AppState,
    ctx: &Ctx,
    actor: &acre_app::Actor,
    kind: &'static str,
    rows: Vec<Row>,
) -> Result<Response, WebError> {
    let mut chains = Vec::with_capacity(KINDS.len());
    for k in KINDS {
        chains.push(Chain {
            kind: k,
            empty: false,
            rows: if *k == kind {
                rows.clone()
            } else {
                rows_of(state, k).await.web(ctx)?
            },
            flags: flags_of(k),
        });
    }
    let mut res = page(ctx, actor, chains, None);
    *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}
