//! A contract's status panel (approval, signing, execution, the generated
//! document, overdue installments) and the collection page.

use acre_app::contracts::{CONTRACTS, Collection};
use acre_app::registry::Record;
use acre_app::{Actor, App};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::state::AppState;
use crate::tr::Tr;

#[derive(Template)]
#[template(path = "pipeline/contract_panel.html")]
struct ContractPanel {
    t: Tr,
    csrf: String,
    id: i64,
    version: i64,
    status: String,
    status_label: String,
    /// The steps the contract may take now by hand.
    steps: Vec<&'static str>,
    can_edit: bool,
    /// `(installment, due date, amount still due)` past due and unpaid.
    overdue: Vec<(String, String, String)>,
}

/// The panel of a contract's page.
pub async fn panel(app: &App, ctx: &Ctx, actor: &Actor, rec: &Record) -> Result<String, WebError> {
    let t = Tr(ctx.locale);
    let status = rec
        .get("status")
        .to_text()
        .unwrap_or_else(|| "draft".into());
    let steps = ["signed", "executing", "completed", "terminated"]
        .into_iter()
        .filter(|to| {
            acre_app::contracts::next_statuses(to)
                .is_some_and(|from| from.contains(&status.as_str()))
        })
        .collect();
    let overdue = app
        .overdue_installments(actor, rec.id)
        .await
        .web(ctx)?
        .into_iter()
        .map(|(name, due, left)| (name, due, ctx.locale.money(left)))
        .collect();
    Ok(ContractPanel {
        t,
        csrf: actor.csrf_token.clone().unwrap_or_default(),
        id: rec.id,
        version: rec.version,
        status_label: t.get(&format!("contract-status-{status}")),
        status,
        steps,
        can_edit: app.can_edit(actor, &CONTRACTS, rec),
        overdue,
    }
    .render()
    .unwrap_or_default())
}

#[derive(serde::Deserialize)]
pub struct StatusForm {
    version: i64,
    to: Option<String>,
}

pub async fn status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<StatusForm>,
) -> Result<Response, WebError> {
    state
        .app
        .set_contract_status(ctx.actor()?, id, f.version, f.to.as_deref().unwrap_or(""))
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/contracts/{id}?done=flash-contract-status")).into_response())
}

/// The contract generated from its template, as a Word download.
pub async fn document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let (name, bytes) = state
        .app
        .contract_document(ctx.actor()?, id)
        .await
        .web(&ctx)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "pipeline/collection.html")]
struct CollectionPage {
    layout: Layout,
    rows: Vec<Collection>,
    /// `(amount, received)` formatted, per row.
    money: Vec<(String, String)>,
}

/// Collection per owner and department (SP15).
pub async fn collection(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    state.app.readable_type(actor, CONTRACTS.key).web(&ctx)?;
    let rows = state.app.collection(actor).await.web(&ctx)?;
    let l = ctx.locale;
    let page = CollectionPage {
        layout: Layout::new(&ctx, actor, "pipeline", "/pipeline/collection"),
        money: rows
            .iter()
            .map(|r| (l.money(r.amount), l.money(r.received)))
            .collect(),
        rows,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}
