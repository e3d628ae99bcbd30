//! Import pages: upload, map columns to fields, preview (dry run), import,
//! download the error report.

use acre_app::App;
use acre_app::registry::RecordType;
use acre_app::registry::import::{ImportReport, Policy};
use acre_docs::import::{MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, guess_mapping};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::export::download;
use crate::auth::Ctx;
use crate::error::OrWeb;
use crate::error::WebError;
use crate::pages::Layout;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "record/import.html")]
struct ImportPage {
    layout: Layout,
    res: &'static str,
    name: String,
    limits: String,
    error: String,
    job: i64,
    file_name: String,
    /// `(column header, chosen field key)`.
    columns: Vec<(String, String)>,
    fields: Vec<(String, String)>,
    preview: Vec<Vec<String>>,
    policy: String,
    report: Option<ImportReport>,
    result_text: String,
    done: bool,
    errors: Vec<(usize, String, String)>,
}

fn blank(ctx: &Ctx, actor: &acre_app::Actor, rt: &'static RecordType) -> ImportPage {
    let l = ctx.locale;
    ImportPage {
        layout: Layout::new(ctx, actor, rt.module, &format!("/r/{}/import", rt.key)),
        res: rt.key,
        name: l.t_args("import-title", &[("name", l.t(&rt.name_key()))]),
        limits: l.t_args(
            "import-limits",
            &[
                ("rows", l.number(MAX_IMPORT_ROWS as i64)),
                ("mb", (MAX_IMPORT_BYTES / 1024 / 1024).to_string()),
            ],
        ),
        error: String::new(),
        job: 0,
        file_name: String::new(),
        columns: vec![],
        fields: rt
            .fields
            .iter()
            .map(|f| (f.key.to_string(), l.t(&rt.label_key(f.key))))
            .collect(),
        preview: vec![],
        policy: "skip".into(),
        report: None,
        result_text: String::new(),
        done: false,
        errors: vec![],
    }
}

pub async fn upload_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    Ok(Html(blank(&ctx, actor, rt).render().unwrap_or_default()).into_response())
}

async fn mapping_page(
    state: &AppState,
    ctx: &Ctx,
    rt: &'static RecordType,
    job: i64,
    mapping: Option<Vec<Option<String>>>,
    policy: &str,
) -> Result<ImportPage, WebError> {
    let actor = ctx.actor()?;
    let staged = state.app.staged_import(actor, rt, job).await.web(ctx)?;
    let mapping =
        mapping.unwrap_or_else(|| guess_mapping(&staged.sheet.headers, &App::import_targets(rt)));
    let mut p = blank(ctx, actor, rt);
    p.job = job;
    p.file_name = staged.file_name;
    p.columns = staged
        .sheet
        .headers
        .iter()
        .zip(mapping.iter().chain(std::iter::repeat(&None)))
        .map(|(h, m)| (h.clone(), m.clone().unwrap_or_default()))
        .collect();
    p.preview = staged.sheet.rows.iter().take(10).cloned().collect();
    p.policy = policy.to_string();
    Ok(p)
}

pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(res): Path<String>,
    mut form: Multipart,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("import.csv").to_string();
            match field.bytes().await {
                Ok(b) => file = Some((name, b.to_vec())),
                Err(_) => {
                    let mut p = blank(&ctx, actor, rt);
                    p.error = ctx.locale.t("err-import-too-large");
                    return Ok((
                        StatusCode::PAYLOAD_TOO_LARGE,
                        Html(p.render().unwrap_or_default()),
                    )
                        .into_response());
                }
            }
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let mut p = blank(&ctx, actor, rt);
        p.error = ctx.locale.t("err-file-empty");
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(p.render().unwrap_or_default()),
        )
            .into_response());
    };
    match state.app.stage_import(actor, rt, &name, &bytes).await {
        Ok(job) => Ok(Html(
            mapping_page(&state, &ctx, rt, job, None, "skip")
                .await?
                .render()
                .unwrap_or_default(),
        )
        .into_response()),
        Err(e) if !e.fields.is_empty() => {
            let mut p = blank(&ctx, actor, rt);
            p.error = e
                .fields
                .values()
                .next()
                .map(|k| ctx.locale.t(k))
                .unwrap_or_default();
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                Html(p.render().unwrap_or_default()),
            )
                .into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}

/// The mapping form: `map.{i}` = field key per column, `policy`, `mode`.
fn read_form(pairs: &[(String, String)], columns: usize) -> (Vec<Option<String>>, String, String) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(x, _)| x == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mapping = (0..columns)
        .map(|i| Some(get(&format!("map.{i}"))).filter(|s| !s.is_empty()))
        .collect();
    (mapping, get("policy"), get("mode"))
}

pub async fn run(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, job)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let staged = state.app.staged_import(actor, rt, job).await.web(&ctx)?;
    let (mapping, policy, mode) = read_form(&pairs, staged.sheet.headers.len());
    let dry = mode != "run";
    let report = state
        .app
        .run_import(actor, rt, job, &mapping, Policy::parse(&policy), dry)
        .await
        .web(&ctx)?;
    let mut p = if dry {
        mapping_page(&state, &ctx, rt, job, Some(mapping), &policy).await?
    } else {
        blank(&ctx, actor, rt)
    };
    p.done = !dry;
    p.errors = report
        .errors
        .iter()
        .take(200)
        .map(|e| {
            (
                e.row,
                rt.field(&e.field)
                    .map(|f| ctx.locale.t(&rt.label_key(f.key)))
                    .unwrap_or(e.field.clone()),
                ctx.locale.t(&e.reason),
            )
        })
        .collect();
    p.result_text = ctx.locale.t_args(
        "import-result",
        &[
            ("created", report.created.to_string()),
            ("updated", report.updated.to_string()),
            ("skipped", report.skipped.to_string()),
            ("failed", report.failed.to_string()),
        ],
    );
    p.report = Some(report);
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

/// The dry run's errors as CSV: row, field, reason.
pub async fn error_report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((res, job)): Path<(String, i64)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let (actor, rt) = ctx.record_type(&state.app, &res)?;
    let staged = state.app.staged_import(actor, rt, job).await.web(&ctx)?;
    let (mapping, policy, _) = read_form(&pairs, staged.sheet.headers.len());
    let report = state
        .app
        .run_import(actor, rt, job, &mapping, Policy::parse(&policy), true)
        .await
        .web(&ctx)?;
    let l = ctx.locale;
    let mut out = String::from("\u{feff}");
    let q = |s: &str| {
        format!(
            "\"{}\"",
            acre_docs::xlsx::neutralise(s).replace('"', "\"\"")
        )
    };
    out.push_str(&format!(
        "{},{},{}\r\n",
        q(&l.t("import-row")),
        q(&l.t("import-field")),
        q(&l.t("import-reason"))
    ));
    for e in &report.errors {
        let field = rt
            .field(&e.field)
            .map(|f| l.t(&rt.label_key(f.key)))
            .unwrap_or(e.field.clone());
        out.push_str(&format!(
            "{},{},{}\r\n",
            e.row,
            q(&field),
            q(&l.t(&e.reason))
        ));
    }
    Ok(download(
        out.into_bytes(),
        "text/csv; charset=utf-8",
        &format!("import-errors-{job}.csv"),
    ))
}
