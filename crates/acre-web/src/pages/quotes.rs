//! A quote's status panel on its page: send it for approval, mark it sent.

use acre_app::quotes::QUOTES;
use acre_app::registry::Record;
use acre_app::{Actor, App};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;
use crate::tr::Tr;

#[derive(Template)]
#[template(path = "pipeline/quote_panel.html")]
struct QuotePanel {
    t: Tr,
    csrf: String,
    id: i64,
    version: i64,
    status: String,
    status_label: String,
    total: String,
    below_floor: bool,
    can_edit: bool,
}

/// The panel of a quote's page.
pub fn panel(app: &App, ctx: &Ctx, actor: &Actor, rec: &Record) -> String {
    let t = Tr(ctx.locale);
    let status = rec
        .get("status")
        .to_text()
        .unwrap_or_else(|| "draft".into());
    QuotePanel {
        t,
        csrf: actor.csrf_token.clone().unwrap_or_default(),
        id: rec.id,
        version: rec.version,
        status_label: t.get(&format!("quote-status-{status}")),
        status,
        total: rec
            .get("total")
            .as_i64()
            .map(|f| ctx.locale.money(f))
            .unwrap_or_default(),
        below_floor: rec.get("below_floor") == acre_store::Value::Bool(Some(true)),
        can_edit: app.can_edit(actor, &QUOTES, rec),
    }
    .render()
    .unwrap_or_default()
}

#[derive(serde::Deserialize)]
pub struct VersionForm {
    version: i64,
}

pub async fn sent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    state
        .app
        .mark_quote_sent(ctx.actor()?, id, f.version)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/quotes/{id}?done=flash-quote-sent")).into_response())
}

/// Revise the quote and open the new revision's draft.
pub async fn revise(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    let new = state
        .app
        .revise_quote(ctx.actor()?, id, f.version)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/quotes/{new}?done=flash-quote-revised")).into_response())
}
