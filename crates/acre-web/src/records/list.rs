//! The list page of a record type: search, filters per field kind, sort,
//! paging, column chooser, saved views, bulk delete and bulk edit.

use acre_app::registry::export::{label, text_of};
use acre_app::registry::{Kind, ListQuery, RecordType};
use acre_app::views::SavedView;
use acre_app::{AppError, FieldErrors};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Json, Redirect, Response};
use serde_json::json;

use super::Qs;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::Layout;
use crate::state::AppState;

/// A column header.
pub struct Col {
    pub label: String,
    pub numeric: bool,
    pub sort_href: String,
    /// "asc", "desc" or "".
    pub sorted: &'static str,
}

/// A row: the record id and its cells as text, each with the page of the
/// record it names (links: a contact's customer), if any.
pub struct Row {
    pub id: i64,
    /// `(text, link, numeric)`; the first cell links to the record itself.
    pub cells: Vec<(String, String, bool)>,
}

/// The page of the record a link field points at.
pub(crate) fn link_href(f: &acre_app::registry::Field, rec: &acre_app::registry::Record) -> String {
    match (f.kind, f.link, rec.get(f.key).to_text()) {
        (Kind::Link, Some(target), Some(id)) => format!("/r/{target}/{id}"),
        _ => String::new(),
    }
}

/// One filter control.
pub struct FilterUi {
    pub key: String,
    pub label: String,
    /// "text", "choice", "range", "date", "bool", "ref".
    pub widget: &'static str,
    pub value: String,
    pub min: String,
    pub max: String,
    pub options: Vec<(String, String, bool)>,
    /// Typeahead endpoint of a link or user filter.
    pub pick: String,
}

#[derive(Template)]
#[template(path = "record/list.html")]
struct ListPage {
    layout: Layout,
    res: &'static str,
    name: String,
    one: String,
    cols: Vec<Col>,
    rows: Vec<Row>,
    total: i64,
    /// False when more matched than `total` (a list counts up to its cap).
    total_exact: bool,
    page: i64,
    pages: i64,
    prev_href: String,
    next_href: String,
    q: String,
    trash: bool,
    filters: Vec<FilterUi>,
    choosable: Vec<(String, String, bool)>,
    views: Vec<SavedView>,
    bulk_fields: Vec<(String, String)>,
    export_qs: String,
    current_qs: String,
    errors: FieldErrors,
    can_create: bool,
    /// Customers only: which list (owned or the pool) and the moves offered
    /// on selected rows, `(action, label)`.
    customers: bool,
    pool: bool,
    moves: Vec<(String, String)>,
    reasons: Vec<(String, String, bool)>,
}

pub(crate) fn option_labels(
    rt: &RecordType,
    key: &str,
    options: &[&str],
    locale: acre_i18n::Locale,
    selected: &[String],
) -> Vec<(String, String, bool)> {
    options
        .iter()
        .map(|o| {
            (
                o.to_string(),
                locale.t(&rt.option_key(key, o)),
                selected.iter().any(|s| s == o),
            )
        })
        .collect()
}

fn filters_ui(rt: &RecordType, qs: &Qs, locale: acre_i18n::Locale) -> Vec<FilterUi> {
    rt.fields
        .iter()
        .filter(|f| f.kind != Kind::LongText)
        .map(|f| {
            let get = |suffix: &str| {
                qs.get(&format!("f.{}{suffix}", f.key))
                    .unwrap_or("")
                    .to_string()
            };
            let value = get("");
            let selected: Vec<String> = value.split(',').map(str::to_string).collect();
            let widget = match f.kind {
                Kind::Enum | Kind::MultiEnum => "choice",
                Kind::Date | Kind::DateTime => "date",
                k if k.ranged() => "range",
                Kind::Bool => "bool",
                Kind::Link | Kind::User => "ref",
                _ => "text",
            };
            FilterUi {
                key: f.key.to_string(),
                label: label(rt, f, locale),
                widget,
                min: get(".min"),
                max: get(".max"),
                options: option_labels(rt, f.key, f.options, locale, &selected),
                pick: match f.kind {
                    Kind::Link => f.link.map(|l| format!("/r/{l}/pick")).unwrap_or_default(),
                    Kind::User => "/people/pick".into(),
                    _ => String::new(),
                },
                value,
            }
        })
        .collect()
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let rt = app.readable_type(actor, &res).web(&ctx)?;
    let locale = ctx.locale;
    let (query, errors) = match ListQuery::parse(rt, &qs.0) {
        Ok(q) => (q, FieldErrors::new()),
        Err(e) => (
            ListQuery {
                limit: 50,
                ..Default::default()
            },
            e.fields,
        ),
    };
    let (records, total) = app.list_records(actor, rt, &query).await.web(&ctx)?;
    let records_len = records.len();
    let fields = app.list_fields(rt, &query);
    let sort = query
        .sort
        .clone()
        .unwrap_or_else(|| rt.default_sort.to_string());
    let cols = fields
        .iter()
        .map(|f| {
            let sorted = if sort == f.key {
                "asc"
            } else if sort == format!("-{}", f.key) {
                "desc"
            } else {
                ""
            };
            let next = if sorted == "asc" {
                format!("-{}", f.key)
            } else {
                f.key.to_string()
            };
            Col {
                label: label(rt, f, locale),
                numeric: f.kind.numeric(),
                sort_href: if f.kind.sortable() {
                    format!(
                        "?{}",
                        Qs(qs.0.iter().filter(|(k, _)| k != "page").cloned().collect())
                            .with("sort", &next)
                    )
                } else {
                    String::new()
                },
                sorted,
            }
        })
        .collect();
    let rows = records
        .iter()
        .map(|r| Row {
            id: r.id,
            cells: fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let href = if i == 0 {
                        let trash = if query.trash { "?trash=1" } else { "" };
                        format!("/r/{}/{}{trash}", rt.key, r.id)
                    } else {
                        link_href(f, r)
                    };
                    (text_of(rt, r, f, locale), href, f.kind.numeric())
                })
                .collect(),
        })
        .collect();
    let full_page = records_len as i64 == query.limit;
    let (total_exact, total) = (total.exact, total.n);
    let pages = (total + query.limit - 1) / query.limit.max(1);
    let page = query.page();
    let shown: Vec<&str> = fields.iter().map(|f| f.key).collect();
    let layout = Layout::new(&ctx, actor, rt.module, &format!("/r/{res}"))
        .with_count_flash(qs.get("done"), qs.get("n"));
    let view = ListPage {
        res: rt.key,
        name: locale.t(&rt.name_key()),
        one: locale.t(&format!("{}-one", rt.entity)),
        cols,
        rows,
        total,
        total_exact,
        page,
        pages: pages.max(1),
        prev_href: if page > 1 {
            format!("?{}", qs.with("page", &(page - 1).to_string()))
        } else {
            String::new()
        },
        next_href: if page < pages || (!total_exact && full_page) {
            format!("?{}", qs.with("page", &(page + 1).to_string()))
        } else {
            String::new()
        },
        q: query.q.clone().unwrap_or_default(),
        trash: query.trash,
        filters: filters_ui(rt, &qs, locale),
        choosable: rt
            .fields
            .iter()
            .map(|f| {
                (
                    f.key.to_string(),
                    label(rt, f, locale),
                    shown.contains(&f.key),
                )
            })
            .collect(),
        views: app.list_views(actor, rt.key).await.web(&ctx)?,
        bulk_fields: rt
            .fields
            .iter()
            .filter(|f| !f.unique && !f.derived)
            .map(|f| (f.key.to_string(), label(rt, f, locale)))
            .collect(),
        export_qs: qs.filters_only(),
        current_qs: qs.filters_only(),
        errors,
        can_create: rt.access.can_create(actor) && !query.pool,
        customers: rt.access == acre_app::registry::Access::Customer,
        pool: query.pool,
        moves: customer_moves(rt, actor, query.pool)
            .into_iter()
            .map(|a| (a.to_string(), locale.t(&format!("move-{a}"))))
            .collect(),
        reasons: crate::pages::reason_choices(&crate::tr::Tr(locale), ""),
        layout,
    };
    Ok(Html(view.render().unwrap_or_default()).into_response())
}

/// The moves offered on selected customers: from the pool, claim (and
/// assign for those who allocate); from owned customers, transfer and release
/// (and reclaim and assign for those who allocate).
fn customer_moves(rt: &RecordType, actor: &acre_app::Actor, pool: bool) -> Vec<&'static str> {
    use acre_domain::Capability;
    if rt.access != acre_app::registry::Access::Customer || !actor.can(Capability::EditCustomers) {
        return Vec::new();
    }
    let allocates = actor.can(Capability::AllocateCustomers);
    match (pool, allocates) {
        (true, true) => vec!["assign", "claim"],
        (true, false) => vec!["claim"],
        (false, true) => vec!["transfer", "release", "reclaim", "assign"],
        (false, false) => vec!["transfer", "release"],
    }
}

/// Typeahead for link pickers: `[{id, title}]`.
pub async fn pick(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Json<serde_json::Value>, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let items = state
        .app
        .pick_records(actor, rt, qs.get("q").unwrap_or(""))
        .await
        .web(&ctx)?;
    Ok(Json(json!(
        items
            .into_iter()
            .map(|(id, title)| json!({"id": id, "title": title}))
            .collect::<Vec<_>>()
    )))
}

/// Typeahead for user pickers: active users, `[{id, title}]`.
pub async fn pick_people(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Json<serde_json::Value>, WebError> {
    let actor = ctx.actor()?;
    let users = state
        .app
        .pick_users(actor, qs.get("q").unwrap_or(""))
        .await
        .web(&ctx)?;
    Ok(Json(json!(
        users
            .into_iter()
            .map(|u| json!({"id": u.id, "title": format!("{} ({})", u.display_name, u.username)}))
            .collect::<Vec<_>>()
    )))
}

/// Bulk delete or bulk edit of one field on the selected rows.
pub async fn bulk(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(x, _)| x == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ids: Vec<i64> = pairs
        .iter()
        .filter(|(k, _)| k == "ids")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let n = match get("action").as_str() {
        "delete" => state.app.bulk_delete(actor, rt, &ids).await,
        name @ ("claim" | "assign" | "transfer" | "release" | "reclaim")
            if rt.access == acre_app::registry::Access::Customer =>
        {
            let to = get("to_user").parse().ok();
            match acre_app::allocation::Action::parse(name, to) {
                Ok(action) => state
                    .app
                    .move_customers(
                        actor,
                        &acre_app::allocation::Selection::Ids(ids.clone()),
                        action,
                        Some(&get("reason")),
                        None,
                        None,
                    )
                    .await
                    .map(|m| m.moved as usize),
                Err(e) => Err(e),
            }
        }
        "set" => {
            state
                .app
                .bulk_set(actor, rt, &ids, &get("field"), &get("value"))
                .await
        }
        _ => Err(AppError::new(acre_app::ErrorCode::BadRequest)),
    }
    .web(&ctx)?;
    let back = get("back");
    let sep = if back.is_empty() { "" } else { "&" };
    Ok(Redirect::to(&format!(
        "/r/{}?{back}{sep}done=flash-bulk-done&n={n}",
        rt.key
    ))
    .into_response())
}

#[derive(serde::Deserialize)]
pub struct ViewForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    query: String,
    shared: Option<String>,
}

pub async fn save_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    Form(f): Form<ViewForm>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    state
        .app
        .save_view(actor, rt.key, &f.name, &f.query, f.shared.is_some())
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}?{}", rt.key, f.query)).into_response())
}

pub async fn delete_view(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    state.app.delete_view(actor, id).await.web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}", rt.key)).into_response())
}
