//! The detail page (OPS7): sections, related records, attachments, history;
//! and the delete / restore / purge actions.

use acre_app::attachments::Attachment;
use acre_app::registry::export::{label, text_of};
use acre_store::audit::Entry;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::Qs;
use super::related::RelatedCard;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::Layout;
use crate::state::AppState;

pub struct Section {
    pub heading: String,
    /// `(label, value, long text, download link)`.
    pub fields: Vec<(String, String, bool, String)>,
}

/// A file field's upload control on the detail page.
pub struct FileSlot {
    pub key: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "record/detail.html")]
struct DetailPage {
    layout: Layout,
    res: &'static str,
    name: String,
    id: i64,
    version: i64,
    title: String,
    sections: Vec<Section>,
    /// The header's facts `(label, value, percent)`; percent for a completeness bar.
    summary: Vec<(String, String, Option<i64>)>,
    related: Vec<RelatedCard>,
    /// Sections and related lists as tabs when there are many.
    tabs: bool,
    attachments: Vec<Attachment>,
    history: Vec<(Entry, String)>,
    files: Vec<FileSlot>,
    /// Customers only: the colleagues it is shared with (None elsewhere).
    shares: Option<Vec<acre_app::customers::Share>>,
    /// Customers only: its owners over time.
    ownership: Vec<acre_app::allocation::OwnershipEntry>,
    /// A pool customer the viewer may claim.
    claimable: bool,
    can_edit: bool,
    can_purge: bool,
    deleted: bool,
    meta: Vec<(String, String)>,
    /// Panels other modules put on a record's page (rendered HTML): the
    /// stage panel of an opportunity, the approvals of any record.
    panels: Vec<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let locale = ctx.locale;
    let rt = app.readable_type(actor, &res).web(&ctx)?;
    let rec = app
        .get_record(actor, rt, id, qs.get("trash").is_some())
        .await
        .web(&ctx)?;
    let t = |k: &str| locale.t(k);
    let sections: Vec<Section> = rt
        .sections
        .iter()
        .filter(|s| acre_app::registry::export::shown(rt, &rec, s))
        .map(|s| Section {
            heading: t(&rt.section_key(s)),
            fields: rt
                .fields
                .iter()
                .filter(|f| f.section == *s)
                .map(|f| {
                    let href = match (f.kind, rec.get(f.key).to_text()) {
                        (acre_app::registry::Kind::File, Some(att)) => {
                            format!("/attachments/{att}")
                        }
                        _ => super::list::link_href(f, &rec),
                    };
                    (
                        label(rt, f, locale),
                        text_of(rt, &rec, f, locale),
                        f.kind == acre_app::registry::Kind::LongText,
                        href,
                    )
                })
                .collect(),
        })
        .collect();
    let mut related = Vec::new();
    for rel in rt.related {
        related.extend(super::related::card(app, &ctx, actor, (rt, &rec), rel).await?);
    }
    let attachments = if rec.deleted_at.is_none() {
        app.list_attachments(actor, rt.key, id).await.web(&ctx)?
    } else {
        vec![]
    };
    let entries = app.record_history(actor, rt, id).await.web(&ctx)?;
    // Stored values read as people know them: option labels, user names.
    let user_ids: Vec<i64> = entries
        .iter()
        .filter(|h| {
            h.field
                .as_deref()
                .and_then(|f| rt.field(f))
                .is_some_and(|f| f.kind == acre_app::registry::Kind::User)
        })
        .flat_map(|h| [&h.old_value, &h.new_value])
        .filter_map(|v| v.as_deref().and_then(|v| v.parse().ok()))
        .collect();
    let names = app.user_names(&user_ids).await.web(&ctx)?;
    let shown = |f: &acre_app::registry::Field, v: &Option<String>| -> Option<String> {
        let v = v.as_deref()?;
        Some(match f.kind {
            acre_app::registry::Kind::Enum | acre_app::registry::Kind::MultiEnum => v
                .split(',')
                .map(|o| locale.t(&rt.option_key(f.key, o)))
                .collect::<Vec<_>>()
                .join("、"),
            acre_app::registry::Kind::User => v
                .parse()
                .ok()
                .and_then(|id: i64| names.get(&id).cloned())
                .unwrap_or_else(|| v.to_string()),
            _ => v.to_string(),
        })
    };
    let history = entries
        .into_iter()
        .map(|mut h| {
            let f = h.field.as_deref().and_then(|f| rt.field(f));
            let field = f
                .map(|f| label(rt, f, locale))
                .or(h.field.clone())
                .unwrap_or_default();
            if let Some(f) = f {
                h.old_value = shown(f, &h.old_value);
                h.new_value = shown(f, &h.new_value);
            }
            (h, field)
        })
        .collect();
    let meta = vec![
        (
            t("record-author"),
            rec.created_by_name.clone().unwrap_or_default(),
        ),
        (t("record-created"), locale.datetime(rec.created_at)),
        (
            t("record-editor"),
            rec.updated_by_name.clone().unwrap_or_default(),
        ),
        (t("record-updated"), locale.datetime(rec.updated_at)),
    ];
    let summary = rt
        .summary
        .iter()
        .filter_map(|k| rt.field(k))
        .map(|f| {
            let percent = rt
                .completeness
                .filter(|c| c.field == f.key)
                .and_then(|_| rec.get(f.key).to_text())
                .and_then(|v| v.parse().ok());
            (label(rt, f, locale), text_of(rt, &rec, f, locale), percent)
        })
        .collect();
    let mut panels = Vec::new();
    if rec.deleted_at.is_none() {
        if rt.key == acre_app::opportunities::OPPORTUNITIES.key {
            panels.push(crate::pages::pipeline::panel(app, &ctx, actor, &rec, &qs).await?);
        }
        if rt.key == acre_app::quotes::QUOTES.key {
            panels.push(crate::pages::quotes::panel(app, &ctx, actor, &rec));
        }
        if rt.key == acre_app::contracts::CONTRACTS.key {
            panels.push(crate::pages::contracts::panel(app, &ctx, actor, &rec).await?);
        }
        panels.extend(crate::pages::approvals::card(app, &ctx, rt.entity, id).await?);
    }
    let page = DetailPage {
        panels,
        summary,
        tabs: super::related::tabbed(actor, rt, &rec),
        layout: Layout::new(&ctx, actor, rt.module, &format!("/r/{res}/{id}"))
            .with_flash(qs.get("done")),
        res: rt.key,
        name: t(&rt.name_key()),
        id,
        version: rec.version,
        title: rec.title(rt),
        sections,
        related,
        attachments,
        history,
        files: rt
            .fields
            .iter()
            .filter(|f| f.kind == acre_app::registry::Kind::File)
            .map(|f| FileSlot {
                key: f.key.to_string(),
                label: label(rt, f, locale),
            })
            .collect(),
        shares: if rt.access == acre_app::registry::Access::Customer && rec.deleted_at.is_none() {
            Some(app.list_shares(actor, id).await.web(&ctx)?)
        } else {
            None
        },
        ownership: if rt.access == acre_app::registry::Access::Customer && rec.deleted_at.is_none()
        {
            app.ownership_history(actor, id).await.web(&ctx)?
        } else {
            Vec::new()
        },
        claimable: rt.access == acre_app::registry::Access::Customer
            && rec.deleted_at.is_none()
            && rec.get("owner_id").is_null()
            && actor.can(acre_domain::Capability::EditCustomers),
        // A record its type holds (a quote under approval) offers no edit.
        can_edit: app.can_edit(actor, rt, &rec)
            && rt.editable.is_none_or(|e| {
                e.via.is_some()
                    || rec
                        .get(e.field)
                        .to_text()
                        .is_some_and(|v| e.values.contains(&v.as_str()))
            }),
        can_purge: actor.can(acre_domain::Capability::PurgeTrash),
        deleted: rec.deleted_at.is_some(),
        meta,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

#[derive(serde::Deserialize)]
pub struct VersionForm {
    version: Option<i64>,
    /// Deleted from the parent's related card (htmx): answer with the card.
    #[serde(rename = "_parent")]
    parent: Option<String>,
}

pub async fn delete(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    axum::Form(f): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let parent = super::related::parent(&state.app, &ctx, actor, rt, f.parent.as_deref()).await?;
    state
        .app
        .delete_record(actor, rt, id, f.version)
        .await
        .web(&ctx)?;
    match parent {
        Some(p) => super::related::refreshed(&state.app, &ctx, actor, &p).await,
        None => Ok(Redirect::to(&format!("/r/{}?done=flash-deleted", rt.key)).into_response()),
    }
}

pub async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    state.app.restore_record(actor, rt, id).await.web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}/{id}?done=flash-restored", rt.key)).into_response())
}

pub async fn purge(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    state.app.purge_record(actor, rt, id).await.web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}?trash=1&done=flash-deleted", rt.key)).into_response())
}

#[derive(serde::Deserialize)]
pub struct ShareForm {
    user_id: Option<String>,
    can_write: Option<String>,
    expires: Option<String>,
}

/// Share a customer from its page.
pub async fn share(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ShareForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let user = crate::pages::opt_id(&f.user_id)
        .ok_or_else(|| ctx.err(acre_app::AppError::field("user_id", "err-no-such-user")))?;
    state
        .app
        .share_customer(actor, id, user, f.can_write.is_some(), f.expires.as_deref())
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/customers/{id}?done=flash-saved")).into_response())
}

/// Stop sharing from the customer's page.
pub async fn unshare(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(i64, i64)>,
) -> Result<Response, WebError> {
    state
        .app
        .unshare_customer(ctx.actor()?, id, user)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/customers/{id}?done=flash-saved")).into_response())
}
