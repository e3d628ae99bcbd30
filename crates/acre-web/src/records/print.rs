//! Print preview and print (OPS1–OPS4): page setup and print setup remembered
//! per user per list, a stylesheet generated from them (`@page` size, margins,
//! header, footer, page numbers), and the browser's own print.

use acre_app::registry::ListQuery;
use acre_app::registry::export::{label, text_of};
use acre_app::views::PrintSettings;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::Qs;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::state::AppState;
use crate::tr::Tr;

/// The most rows a printed list holds.
const MAX_PRINT_ROWS: i64 = 5000;

#[derive(Template)]
#[template(path = "record/print.html")]
struct PrintPage {
    t: Tr,
    csrf: String,
    back: String,
    css_href: String,
    save_action: String,
    settings: PrintSettings,
    title: String,
    /// Column choices `(key, label, shown, position)` (lists only).
    choices: Vec<(String, String, bool, usize)>,
    cols: Vec<String>,
    rows: Vec<Vec<String>>,
    sections: Vec<(String, Vec<(String, String)>)>,
    is_list: bool,
    qs: String,
    total: i64,
    truncated: bool,
}

/// CSS string literal: quotes, backslashes and line breaks escaped.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Paper size in millimetres.
fn paper_mm(s: &PrintSettings) -> (u32, u32) {
    let (w, h) = match s.paper.as_str() {
        "A3" => (297, 420),
        "Letter" => (216, 279),
        _ => (210, 297),
    };
    if s.orientation == "landscape" {
        (h, w)
    } else {
        (w, h)
    }
}

/// `/r/{res}/print.css?scope=list|record`: the page rules of the user's settings.
pub async fn stylesheet(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let scope = if qs.get("scope") == Some("record") {
        "record"
    } else {
        "list"
    };
    let s = state
        .app
        .print_settings(actor, rt.key, scope)
        .await
        .web(&ctx)?;
    let (w, _) = paper_mm(&s);
    let m = s.margin_mm;
    let page_no = if s.page_numbers {
        ctx.locale.t_args(
            "print-page-of",
            &[
                ("page", "\" counter(page) \"".into()),
                ("pages", "\" counter(pages) \"".into()),
            ],
        )
    } else {
        String::new()
    };
    let page_no_css = if s.page_numbers {
        format!("@bottom-right {{ content: \"{page_no}\"; font-size: 8pt; }}")
    } else {
        String::new()
    };
    let css = format!(
        "@page {{ size: {paper} {orient}; margin: {m}mm; @top-center {{ content: {header}; font-size: 8pt; }} @bottom-left {{ content: {footer}; font-size: 8pt; }} {page_no_css} }}\n\
         .paper {{ width: {w}mm; padding: {m}mm; }}\n\
         .print-table thead {{ display: {thead}; }}\n",
        paper = s.paper,
        orient = s.orientation,
        header = css_string(&s.header),
        footer = css_string(&s.footer),
        thead = if s.repeat_header {
            "table-header-group"
        } else {
            "table-row-group"
        },
    );
    let mut r = css.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    Ok(r)
}

fn page(state_csrf: String, t: Tr, settings: PrintSettings) -> PrintPage {
    PrintPage {
        t,
        csrf: state_csrf,
        back: String::new(),
        css_href: String::new(),
        save_action: String::new(),
        settings,
        title: String::new(),
        choices: vec![],
        cols: vec![],
        rows: vec![],
        sections: vec![],
        is_list: false,
        qs: String::new(),
        total: 0,
        truncated: false,
    }
}

pub async fn list_preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let locale = ctx.locale;
    let rt = app.readable_type(actor, &res).web(&ctx)?;
    let settings = app.print_settings(actor, rt.key, "list").await.web(&ctx)?;
    let mut q = ListQuery::parse(rt, &qs.0).web(&ctx)?;
    if !settings.columns.is_empty() {
        q.columns = settings.columns.clone();
    }
    let fields = app.list_fields(rt, &q);
    // Print "the filtered list": every matching row, in pages of the list's maximum.
    let mut records = Vec::new();
    let mut total = 0;
    let mut exact = true;
    let mut offset = 0;
    while (records.len() as i64) < MAX_PRINT_ROWS {
        let (rows, n) = app
            .list_records(
                actor,
                rt,
                &ListQuery {
                    limit: 200,
                    offset,
                    ..q.clone()
                },
            )
            .await
            .web(&ctx)?;
        total = n.n;
        exact = n.exact;
        let got = rows.len() as i64;
        records.extend(rows);
        offset += got;
        if got < 200 {
            break;
        }
    }
    let shown: Vec<&str> = fields.iter().map(|f| f.key).collect();
    let mut p = page(
        actor.csrf_token.clone().unwrap_or_default(),
        Tr(locale),
        settings.clone(),
    );
    p.title = if settings.title.is_empty() {
        locale.t(&rt.name_key())
    } else {
        settings.title.clone()
    };
    p.back = format!("/r/{}?{}", rt.key, qs.filters_only());
    p.css_href = format!(
        "/r/{}/print.css?scope=list&v={}",
        rt.key,
        chrono::Utc::now().timestamp_millis()
    );
    p.save_action = format!("/r/{}/print?{}", rt.key, qs.filters_only());
    p.choices = rt
        .fields
        .iter()
        .map(|f| {
            (
                f.key.to_string(),
                label(rt, f, locale),
                shown.contains(&f.key),
                shown
                    .iter()
                    .position(|k| *k == f.key)
                    .map(|i| i + 1)
                    .unwrap_or(0),
            )
        })
        .collect();
    p.cols = fields.iter().map(|f| label(rt, f, locale)).collect();
    p.rows = records
        .iter()
        .map(|r| fields.iter().map(|f| text_of(rt, r, f, locale)).collect())
        .collect();
    p.is_list = true;
    p.qs = qs.filters_only();
    p.truncated =
        total > records.len() as i64 || (!exact && records.len() as i64 >= MAX_PRINT_ROWS);
    // A count stops at its cap; the rows fetched tell the rest.
    p.total = total.max(records.len() as i64);
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

pub async fn record_preview(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let locale = ctx.locale;
    let rt = app.readable_type(actor, &res).web(&ctx)?;
    let rec = app.get_record(actor, rt, id, false).await.web(&ctx)?;
    let settings = app
        .print_settings(actor, rt.key, "record")
        .await
        .web(&ctx)?;
    let mut p = page(
        actor.csrf_token.clone().unwrap_or_default(),
        Tr(locale),
        settings.clone(),
    );
    p.title = if settings.title.is_empty() {
        rec.title(rt)
    } else {
        settings.title.clone()
    };
    p.back = format!("/r/{}/{id}", rt.key);
    p.css_href = format!(
        "/r/{}/print.css?scope=record&v={}",
        rt.key,
        chrono::Utc::now().timestamp_millis()
    );
    p.save_action = format!("/r/{}/{id}/print", rt.key);
    p.sections = app
        .record_sections(rt, &rec, locale)
        .into_iter()
        .map(|(h, fs)| {
            (
                h,
                fs.into_iter()
                    .map(|(f, v)| (label(rt, f, locale), v))
                    .collect(),
            )
        })
        .collect();
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

/// The settings form as pairs: checkboxes `col`, positions `pos.{key}`.
fn settings_from(pairs: &[(String, String)]) -> PrintSettings {
    let get = |k: &str| pairs.iter().find(|(x, _)| x == k).map(|(_, v)| v.clone());
    let mut cols: Vec<(usize, String)> = pairs
        .iter()
        .filter(|(k, _)| k == "col")
        .map(|(_, v)| {
            (
                get(&format!("pos.{v}"))
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(999),
                v.clone(),
            )
        })
        .collect();
    cols.sort();
    PrintSettings {
        paper: get("paper").unwrap_or_default(),
        orientation: get("orientation").unwrap_or_default(),
        margin_mm: get("margin_mm").and_then(|m| m.parse().ok()).unwrap_or(15),
        title: get("title").unwrap_or_default(),
        header: get("header").unwrap_or_default(),
        footer: get("footer").unwrap_or_default(),
        page_numbers: get("page_numbers").is_some(),
        repeat_header: get("repeat_header").is_some(),
        columns: cols.into_iter().map(|(_, k)| k).collect(),
    }
}

pub async fn save_list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    qs: Qs,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let mut s = settings_from(&pairs);
    s.columns.retain(|c| rt.field(c).is_some());
    state
        .app
        .save_print_settings(actor, rt.key, "list", s)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}/print?{}", rt.key, qs.filters_only())).into_response())
}

pub async fn save_record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, id)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let mut s = settings_from(&pairs);
    s.columns.clear();
    state
        .app
        .save_print_settings(actor, rt.key, "record", s)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!("/r/{}/{id}/print", rt.key)).into_response())
}
