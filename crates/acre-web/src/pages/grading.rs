//! The grading panel of a customer (CU11, with CU13/CU14 beside it) and the
//! managers' list of customers whose grade contradicts the answers.

use acre_app::customers::CUSTOMERS;
use acre_app::grading::{GradeEntry, GradingForm, market_view};
use acre_app::registry::Input;
use acre_app::{AppError, FieldErrors};
use acre_domain::grading::market::{Fit, KeyAccountCheck};
use acre_domain::grading::{Flag, Grade};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::state::AppState;
use crate::tr::Tr;

/// One radio group: field key, label, `(value, label, checked)` options, error.
pub struct Question {
    pub key: &'static str,
    pub label: String,
    pub options: Vec<(String, String, bool)>,
    pub error: String,
    /// `"no"` / `"yes"`: asked only of customers (not) computerised.
    pub only: &'static str,
}

/// What the answers say, ready to show.
pub struct ProposalView {
    pub grade: &'static str,
    pub window: String,
    pub basis: String,
    pub chosen: &'static str,
    pub flag: String,
}

#[derive(Template)]
#[template(path = "grading/proposal_partial.html")]
struct ProposalPartial {
    t: Tr,
    proposal: Option<ProposalView>,
}

#[derive(Template)]
#[template(path = "grading/panel.html")]
struct Panel {
    layout: Layout,
    id: i64,
    title: String,
    can_edit: bool,
    questions: Vec<Question>,
    note: String,
    note_error: String,
    /// The proposal fragment, also served alone to htmx.
    proposal_html: String,
    history: Vec<GradeEntry>,
    /// `(grade, not computerised, computerised)` definitions of the seed.
    examples: Vec<(&'static str, String, String)>,
    /// `(verdict, product line, profit threshold)`.
    target: (String, String, String),
    /// `(criterion, met/not met/unknown)`.
    criteria: Vec<(String, String)>,
    category: String,
    category_differs: bool,
    version: i64,
}

fn questions(t: Tr, errors: &FieldErrors, values: &Input) -> Vec<Question> {
    let yn = || {
        vec![
            ("yes".to_string(), t.get("grading-yes"), false),
            ("no".to_string(), t.get("grading-no"), false),
        ]
    };
    let levels = || {
        ["high", "mid", "low", "none"]
            .iter()
            .map(|l| (l.to_string(), t.get(&format!("grading-level-{l}")), false))
            .collect::<Vec<_>>()
    };
    let q = |key: &'static str, options, only| Question {
        key,
        label: t.get(&format!("grading-q-{key}")),
        options,
        error: t.field_error(errors, key),
        only,
    };
    let mut out = vec![Question {
        key: "computerised",
        label: t.get("grading-computerised"),
        options: ["no", "yes"]
            .iter()
            .map(|v| {
                (
                    v.to_string(),
                    t.get(&format!("grading-computerised-{v}")),
                    false,
                )
            })
            .collect(),
        error: t.field_error(errors, "computerised"),
        only: "",
    }];
    out.push(q("objective_need", yn(), ""));
    out.push(q("subjective_need", yn(), ""));
    out.push(q("dissatisfaction", levels(), "yes"));
    out.push(q("resolve", levels(), ""));
    out.push(q("feasibility_started", yn(), "no"));
    out.push(q("selection_started", yn(), ""));
    let positions = ["leader", "major", "follower"]
        .iter()
        .map(|p| {
            (
                p.to_string(),
                t.get(&format!("grading-position-{p}")),
                false,
            )
        })
        .collect();
    out.push(q("industry_position", positions, ""));
    let mut grades = vec![(String::new(), t.get("grading-chosen-proposed"), false)];
    grades.extend(
        Grade::ALL
            .iter()
            .map(|g| (g.key().to_string(), g.key().to_string(), false)),
    );
    out.push(Question {
        key: "chosen_grade",
        label: t.get("grading-chosen"),
        options: grades,
        error: t.field_error(errors, "chosen_grade"),
        only: "",
    });
    // Mark the options the values choose (an absent value picks the empty option).
    for q in &mut out {
        let v = values.get(q.key).map(String::as_str).unwrap_or("");
        for o in &mut q.options {
            o.2 = o.0 == v;
        }
    }
    out
}

/// The proposal for form values, if they are complete.
fn proposal(t: Tr, values: &Input) -> Option<ProposalView> {
    let a = GradingForm::parse(values).ok()?.assess();
    let p = a.proposal;
    let basis = serde_json::to_value(p.basis).ok()?;
    Some(ProposalView {
        grade: p.grade.key(),
        window: t.get(&format!("grading-window-{}", p.grade.key())),
        basis: t.get(&format!(
            "grading-basis-{}",
            basis.as_str().unwrap_or("row")
        )),
        chosen: a.chosen.key(),
        flag: match a.flag {
            Some(Flag::Overrated) => t.get("grading-flag-overrated"),
            Some(Flag::Underrated) => t.get("grading-flag-underrated"),
            None => String::new(),
        },
    })
}

/// The latest grading's answers as form values, to start from.
fn values_of(entry: &GradeEntry) -> Input {
    let mut out = Input::new();
    if let Some(map) = entry.answers.as_object() {
        for (k, v) in map {
            let s = match v {
                serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
                serde_json::Value::String(s) => s.clone(),
                _ => continue,
            };
            out.insert(k.clone(), s);
        }
    }
    out.insert("chosen_grade".into(), entry.chosen_grade.clone());
    out
}

fn market_rows(t: Tr, k: &KeyAccountCheck) -> Vec<(String, String)> {
    let state = |c: Option<bool>| {
        t.get(match c {
            Some(true) => "grading-met",
            Some(false) => "grading-not-met",
            None => "grading-unknown",
        })
    };
    vec![
        (
            t.get("grading-criterion-sales_volume"),
            state(k.sales_volume),
        ),
        (
            t.get("grading-criterion-market_share"),
            state(k.market_share),
        ),
        (
            t.get("grading-criterion-industry_position"),
            state(k.industry_position),
        ),
    ]
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    posted: Option<(Input, FieldErrors)>,
    flash: Option<&str>,
) -> Result<String, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let rec = app
        .get_record(actor, &CUSTOMERS, id, false)
        .await
        .web(ctx)?;
    let history = app.grade_history(actor, id).await.web(ctx)?;
    let t = Tr(ctx.locale);
    let (values, errors) = posted.unwrap_or_else(|| {
        (
            history.first().map(values_of).unwrap_or_default(),
            FieldErrors::new(),
        )
    });
    let m = market_view(&rec, &history);
    let target = (
        t.get(match m.target.fit {
            Fit::In => "grading-target-in",
            Fit::Out => "grading-target-out",
            Fit::Unknown => "grading-target-unknown",
        }),
        m.target
            .product_line
            .map(|l| t.get(&format!("grading-line-{}", l.key())))
            .unwrap_or_default(),
        m.target
            .min_profit_wan
            .map(|w| {
                ctx.locale.t_args(
                    "grading-min-profit",
                    &[
                        ("wan", w.to_string()),
                        ("yuan", ctx.locale.number(w * 10_000)),
                    ],
                )
            })
            .unwrap_or_default(),
    );
    Ok(Panel {
        layout: Layout::new(
            ctx,
            actor,
            CUSTOMERS.module,
            &format!("/r/customers/{id}/grading"),
        )
        .with_flash(flash),
        id,
        title: rec.title(&CUSTOMERS),
        can_edit: app.can_edit(actor, &CUSTOMERS, &rec),
        questions: questions(t, &errors, &values),
        note: values.get("note").cloned().unwrap_or_default(),
        note_error: t.field_error(&errors, "note"),
        proposal_html: ProposalPartial {
            t,
            proposal: proposal(t, &values),
        }
        .render()
        .unwrap_or_default(),
        history,
        examples: Grade::ALL
            .iter()
            .map(|g| {
                let k = g.key();
                (
                    k,
                    t.get(&format!("grading-example-{k}-not")),
                    t.get(&format!("grading-example-{k}-yes")),
                )
            })
            .collect(),
        target,
        criteria: market_rows(t, &m.key_account),
        category: t.get(&CUSTOMERS.option_key("category", m.key_account.category)),
        // Offered when the file's category differs from the suggestion.
        category_differs: rec.get("category").to_text().as_deref() != Some(m.key_account.category),
        version: rec.version,
    }
    .render()
    .unwrap_or_default())
}

#[derive(serde::Deserialize)]
pub struct Flash {
    done: Option<String>,
}

pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    Query(q): Query<Flash>,
) -> Result<Response, WebError> {
    Ok(Html(render(&state, &ctx, id, None, q.done.as_deref()).await?).into_response())
}

/// Form fields as the service reads them (the CSRF token is not one).
fn input_of(pairs: Vec<(String, String)>) -> Input {
    pairs
        .into_iter()
        .filter(|(k, _)| k != "csrf_token")
        .collect()
}

pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let input = input_of(pairs);
    match state.app.grade_customer(actor, id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/r/customers/{id}/grading?done=flash-graded")).into_response(),
        ),
        Err(AppError { fields, .. }) if !fields.is_empty() => {
            let html = render(&state, &ctx, id, Some((input, fields)), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}

/// CU14: take the suggested category (a form carrying the record's version).
pub async fn apply_category(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let version = input_of(pairs)
        .get("version")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    state
        .app
        .apply_suggested_category(actor, id, version)
        .await
        .web(&ctx)?;
    Ok(Redirect::to(&format!(
        "/r/customers/{id}/grading?done=flash-category-applied"
    ))
    .into_response())
}

/// The proposal as the answers change (htmx), nothing stored.
pub async fn preview(
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    ctx.actor()?;
    let t = Tr(ctx.locale);
    let p = ProposalPartial {
        t,
        proposal: proposal(t, &input_of(pairs)),
    };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "grading/flagged.html")]
struct FlaggedPage {
    layout: Layout,
    items: Vec<acre_app::grading::FlaggedCustomer>,
    total: i64,
}

/// Customers in the actor's scope whose latest grading is flagged.
pub async fn flagged(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let (items, total) = state
        .app
        .flagged_customers(actor, acre_app::grading::FLAGGED_MAX, 0)
        .await
        .web(&ctx)?;
    let page = FlaggedPage {
        layout: Layout::new(&ctx, actor, CUSTOMERS.module, "/grading/flagged"),
        items,
        total,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}
