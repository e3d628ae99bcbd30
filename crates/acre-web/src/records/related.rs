//! Related lists on a record's page (OPS7, CU1): one card per entry of the
//! type's `related`, whose rows are added, edited and deleted in place with
//! htmx. Every change answers with the card re-rendered, so there is one
//! source for it; without JavaScript the same links open the full pages.

use acre_app::registry::export::{label, shown, text_of};
use acre_app::registry::{Field, Record, RecordType, Related};
use acre_app::{Actor, App, AppError};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;
use crate::tr::Tr;

/// A cell's text and the page of the record it names (empty: none).
pub type LinkedCell = (String, String);

pub struct RelatedRow {
    pub id: i64,
    pub version: i64,
    pub cells: Vec<LinkedCell>,
    /// Within its validity window today (a product's current price strategy).
    pub in_force: bool,
    /// The actor may edit and delete it (the service decides again on save).
    pub editable: bool,
    /// The question before deleting it.
    pub confirm: String,
}

/// One related list of a record, as its card shows it.
pub struct RelatedCard {
    pub t: Tr,
    pub csrf: String,
    pub res: &'static str,
    pub name: String,
    pub cols: Vec<String>,
    pub rows: Vec<RelatedRow>,
    pub total: i64,
    /// Filters the child's list to this record, e.g. `f.customer_id=7`.
    pub link_qs: String,
    /// Prefills a new child with this record, e.g. `customer_id=7`.
    pub new_qs: String,
    /// Names the card to the handlers of its inline forms, e.g. `customers:7`.
    pub parent: String,
    pub can_add: bool,
    /// Some row has actions: the table gets a column for them.
    pub actions: bool,
    /// A refreshed card on a tabbed page also refreshes its tab's count (out of band).
    pub tab_count: bool,
}

impl RelatedCard {
    /// Columns of the table, actions included.
    pub fn width(&self) -> usize {
        self.cols.len() + usize::from(self.actions)
    }
}

#[derive(Template)]
#[template(path = "record/related_partial.html")]
struct CardFragment {
    rel: RelatedCard,
}

/// The record whose card an inline form or action belongs to.
pub struct Parent {
    pub rt: &'static RecordType,
    pub rec: Record,
    pub rel: &'static Related,
}

impl Parent {
    /// Its `_parent` value, e.g. `customers:7`.
    pub fn key(&self) -> String {
        format!("{}:{}", self.rt.key, self.rec.id)
    }
    /// The URL of its card (the Cancel of an inline form).
    pub fn card_url(&self) -> String {
        format!(
            "/r/{}/{}/related/{}",
            self.rt.key, self.rec.id, self.rel.resource
        )
    }

    /// A live record `id` of type `res` the actor sees, whose related lists include `child`.
    async fn load(
        app: &App,
        ctx: &Ctx,
        actor: &Actor,
        (res, id): (&str, i64),
        child: &str,
    ) -> Result<Parent, WebError> {
        let rt = app.readable_type(actor, res).web(ctx)?;
        let rel = rt
            .related
            .iter()
            .find(|r| r.resource == child)
            .ok_or_else(|| ctx.err(AppError::not_found()))?;
        let rec = app.get_record(actor, rt, id, false).await.web(ctx)?;
        Ok(Parent { rt, rec, rel })
    }
}

/// The parent named by an htmx request's `_parent` (`customers:7`), checked
/// before anything changes; `None` for a full-page request.
pub async fn parent(
    app: &App,
    ctx: &Ctx,
    actor: &Actor,
    child: &RecordType,
    raw: Option<&str>,
) -> Result<Option<Parent>, WebError> {
    let Some(raw) = raw.filter(|_| ctx.htmx) else {
        return Ok(None);
    };
    let (res, id) = raw
        .split_once(':')
        .and_then(|(res, id)| Some((res, id.parse().ok()?)))
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    Parent::load(app, ctx, actor, (res, id), child.key)
        .await
        .map(Some)
}

/// Whether a record's page shows its sections and related lists as tabs.
pub fn tabbed(actor: &Actor, rt: &RecordType, rec: &Record) -> bool {
    let sections = rt.sections.iter().filter(|s| shown(rt, rec, s)).count();
    let related = rt
        .related
        .iter()
        .filter_map(|r| acre_app::registry::find(r.resource))
        .filter(|c| c.access.can_read(actor))
        .count();
    sections + related > 3
}

/// The card of `rec`'s related list `rel`; `None` when the actor may not read the child type.
pub async fn card(
    app: &App,
    ctx: &Ctx,
    actor: &Actor,
    (rt, rec): (&'static RecordType, &Record),
    rel: &Related,
) -> Result<Option<RelatedCard>, WebError> {
    let Some((child, rows, total)) = app.related_list(actor, rel, rec.id).await.web(ctx)? else {
        return Ok(None);
    };
    let locale = ctx.locale;
    let fields = app.list_fields(child, &Default::default());
    let live = rec.deleted_at.is_none();
    let rows: Vec<RelatedRow> = rows
        .iter()
        .map(|r| RelatedRow {
            id: r.id,
            version: r.version,
            cells: cells(child, &fields, r, locale),
            in_force: rel.window.is_some_and(|(from, to)| r.in_force(from, to)),
            editable: live && app.can_edit(actor, child, r),
            confirm: locale.t_args("record-delete-confirm", &[("title", r.title(child))]),
        })
        .collect();
    Ok(Some(RelatedCard {
        t: Tr(locale),
        csrf: actor.csrf_token.clone().unwrap_or_default(),
        res: child.key,
        name: locale.t(&child.name_key()),
        cols: fields.iter().map(|f| label(child, f, locale)).collect(),
        actions: rows.iter().any(|r| r.editable),
        rows,
        total,
        link_qs: format!("f.{}={}", rel.via, rec.id),
        new_qs: format!("{}={}", rel.via, rec.id),
        parent: format!("{}:{}", rt.key, rec.id),
        can_add: live && child.access.can_create(actor),
        tab_count: false,
    }))
}

fn cells(
    rt: &RecordType,
    fields: &[&'static Field],
    r: &Record,
    locale: acre_i18n::Locale,
) -> Vec<LinkedCell> {
    fields
        .iter()
        .map(|f| (text_of(rt, r, f, locale), super::list::link_href(f, r)))
        .collect()
}

/// The parent's card after a change, put where the card is (whichever
/// element the request came from).
pub async fn refreshed(
    app: &App,
    ctx: &Ctx,
    actor: &Actor,
    parent: &Parent,
) -> Result<Response, WebError> {
    let mut rel = card(app, ctx, actor, (parent.rt, &parent.rec), parent.rel)
        .await?
        .ok_or_else(|| ctx.err(AppError::not_found()))?;
    rel.tab_count = tabbed(actor, parent.rt, &parent.rec);
    let target = format!("#related-{}", rel.res);
    let mut r = Html(CardFragment { rel }.render().unwrap_or_default()).into_response();
    if let Ok(v) = HeaderValue::from_str(&target) {
        r.headers_mut().insert("hx-retarget", v);
    }
    r.headers_mut()
        .insert("hx-reswap", HeaderValue::from_static("outerHTML"));
    Ok(r)
}

/// `GET /r/{res}/{id}/related/{child}`: one card, as it is now.
pub async fn fragment(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id, child)): Path<(String, i64, String)>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let parent = Parent::load(&state.app, &ctx, actor, (&res, id), &child).await?;
    refreshed(&state.app, &ctx, actor, &parent).await
}
