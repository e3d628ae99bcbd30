//! The selling process in the browser: the stage panel on an opportunity
//! (stages with purpose and checklist, moves, closing, conflicts, decision
//! map, history), the kanban, the forecast list and the skip rule table.

use acre_app::board::{BoardFilter, COLUMN_COUNT_UP_TO};
use acre_app::opportunities::OPPORTUNITIES;
use acre_app::pipeline::{DecisionMapView, ForecastRow, Moved, StageStay, WorkSplit};
use acre_app::registry::Record;
use acre_app::{Actor, App, AppError};
use acre_domain::stages::{SkipRule, SkipRules, Stage};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::records::Qs;
use crate::state::AppState;
use crate::tr::Tr;

/// One stage as the panel shows it.
pub struct StageView {
    pub key: &'static str,
    pub name: String,
    pub purpose: String,
    pub checklist: Vec<String>,
    /// Before, at or after the current stage: `done`, `current`, `todo`.
    pub state: &'static str,
    /// What moving there takes, translated (empty for the current stage).
    pub rule: String,
}

#[derive(Template)]
#[template(path = "pipeline/stage_panel.html")]
struct StagePanel {
    t: Tr,
    csrf: String,
    id: i64,
    version: i64,
    stages: Vec<StageView>,
    /// The stage after the current one, offered first.
    next: &'static str,
    status: String,
    status_label: String,
    close_reason: String,
    can_edit: bool,
    /// The pending skip request, if any.
    pending: Option<i64>,
    conflicts: Vec<String>,
    map: DecisionMapView,
    /// `(quadrant key, label, names)` in the seed's order.
    quadrants: Vec<(&'static str, String, Vec<String>)>,
    /// The map as an org chart, in drawing order.
    chart: Vec<ChartNode>,
    history: Vec<StageStay>,
    problem: String,
    /// Links to start a success or failure case from a closed opportunity.
    case_link: String,
}

/// One person on the drawn org chart.
struct ChartNode {
    depth: usize,
    name: String,
    /// Title and department, as known.
    post: String,
    role: String,
    /// Quadrant key (for its colour) and label.
    quadrant: String,
    quadrant_label: String,
}

fn chart_of(t: Tr, map: &DecisionMapView) -> Vec<ChartNode> {
    map.chart()
        .into_iter()
        .map(|(depth, e)| ChartNode {
            depth,
            name: e.name.clone(),
            post: [&e.title, &e.department]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" · "),
            role: e
                .decision_role
                .as_deref()
                .map(|r| t.get(&format!("decision_entry-decision_role-{r}")))
                .unwrap_or_default(),
            quadrant: e.quadrant.clone().unwrap_or_default(),
            quadrant_label: e
                .quadrant
                .as_deref()
                .map(|q| t.get(&format!("decision_entry-quadrant-{q}")))
                .unwrap_or_default(),
        })
        .collect()
}

fn stage_name(t: Tr, key: &str) -> String {
    t.get(&format!("opportunity-stage-{key}"))
}

/// What moving from `from` to `to` takes, in words.
fn rule_label(t: Tr, rules: &SkipRules, from: Stage, to: Stage) -> String {
    use acre_domain::stages::{Move, check_move};
    match check_move(rules, from, to) {
        Move::Same => String::new(),
        Move::Allowed => t.get("stage-rule-ok"),
        Move::NeedsApproval(_) => t.get("stage-rule-supervisor"),
        Move::Refused(_) => t.get("stage-rule-no"),
    }
}

/// The problem a refused move came back with (`?problem=err-…&stage=…`):
/// only known message keys and stages, never text from the address.
fn problem_text(t: Tr, qs: &Qs) -> String {
    let Some(key) = qs.get("problem").filter(|k| {
        [
            "err-skip-refused",
            "err-opportunity-closed",
            "err-pending-approval",
            "err-stale",
            "err-reason-required",
            "err-forbidden",
        ]
        .contains(k)
    }) else {
        return String::new();
    };
    match qs.get("stage").and_then(Stage::parse) {
        Some(s) => t.with(key, "stage", s.key()),
        None => t.get(key),
    }
}

/// The stage panel of an opportunity's page.
pub async fn panel(
    app: &App,
    ctx: &Ctx,
    actor: &Actor,
    rec: &Record,
    qs: &Qs,
) -> Result<String, WebError> {
    let t = Tr(ctx.locale);
    let id = rec.id;
    let current = rec
        .get("stage")
        .to_text()
        .and_then(|s| Stage::parse(&s))
        .unwrap_or(Stage::LeadList);
    let rules = app.skip_rules().await.web(ctx)?;
    let stages = Stage::ALL
        .iter()
        .map(|s| StageView {
            key: s.key(),
            name: stage_name(t, s.key()),
            purpose: t.get(&format!("stage-{}-purpose", s.key())),
            checklist: (1..=s.checklist_len())
                .map(|i| t.get(&format!("stage-{}-check-{i}", s.key())))
                .collect(),
            state: match s.cmp(&current) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
            rule: rule_label(t, &rules, current, *s),
        })
        .collect();
    let status = rec.get("status").to_text().unwrap_or_else(|| "open".into());
    let pending = app
        .approvals_of(OPPORTUNITIES.entity, id)
        .await
        .web(ctx)?
        .into_iter()
        .find(|r| r.kind == "stage_skip" && matches!(r.state.as_str(), "pending" | "returned"))
        .map(|r| r.id);
    let conflicts = acre_app::registry::value::multi_parts(&rec.get("conflicts"))
        .iter()
        .map(|c| t.get(&format!("opportunity-conflicts-{c}")))
        .collect();
    let map = app.decision_map(actor, id).await.web(ctx)?;
    let quadrants = ["devil", "angel", "imp", "sweetie"]
        .into_iter()
        .map(|q| {
            (
                q,
                t.get(&format!("decision_entry-quadrant-{q}")),
                map.entries
                    .iter()
                    .filter(|e| e.quadrant.as_deref() == Some(q))
                    .map(|e| e.name.clone())
                    .collect(),
            )
        })
        .collect();
    let history = app.stage_history(actor, id).await.web(ctx)?;
    let case_link = match status.as_str() {
        "won" | "lost" => {
            let res = if status == "won" {
                "success-cases"
            } else {
                "failure-cases"
            };
            let q = serde_urlencoded::to_string([
                ("title", rec.title(&OPPORTUNITIES)),
                (
                    "customer_name",
                    rec.title_of("customer_id").unwrap_or_default().to_string(),
                ),
                (
                    "products",
                    rec.get("products").to_text().unwrap_or_default(),
                ),
            ])
            .unwrap_or_default();
            format!("/r/{res}/new?{q}")
        }
        _ => String::new(),
    };
    let next = Stage::ALL
        .get(current.index() + 1)
        .map(|s| s.key())
        .unwrap_or("");
    let p = StagePanel {
        next,
        t,
        csrf: actor.csrf_token.clone().unwrap_or_default(),
        id,
        version: rec.version,
        stages,
        status_label: t.get(&format!("opportunity-status-{status}")),
        status,
        close_reason: rec.get("close_reason").to_text().unwrap_or_default(),
        can_edit: app.can_edit(actor, &OPPORTUNITIES, rec),
        pending,
        conflicts,
        chart: chart_of(t, &map),
        map,
        quadrants,
        history,
        problem: problem_text(t, qs),
        case_link,
    };
    Ok(p.render().unwrap_or_default())
}

#[derive(serde::Deserialize)]
pub struct MoveForm {
    version: i64,
    stage: String,
    note: Option<String>,
}

/// Where a refused action sends the browser back to, with its reason.
fn back_with(id: i64, e: &AppError) -> Response {
    let mut q = vec![("problem", e.key().to_string())];
    if let Some((_, s)) = e.args.iter().find(|(k, _)| *k == "stage") {
        q.push(("stage", s.clone()));
    }
    let qs = serde_urlencoded::to_string(q).unwrap_or_default();
    Redirect::to(&format!("/r/opportunities/{id}?{qs}#stage-panel")).into_response()
}

/// Move to another stage (the panel's form and the kanban's drop).
pub async fn move_stage(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<MoveForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let Some(to) = Stage::parse(&f.stage) else {
        return Err(ctx.err(AppError::field("stage", "err-no-such-stage")));
    };
    match state
        .app
        .move_stage(actor, id, f.version, to, f.note.as_deref())
        .await
    {
        Ok(Moved::Done { .. }) if ctx.htmx => Ok(Html(String::new()).into_response()),
        Ok(Moved::Done { .. }) => Ok(Redirect::to(&format!(
            "/r/opportunities/{id}?done=flash-stage-moved"
        ))
        .into_response()),
        Ok(Moved::Requested { approval_id }) if ctx.htmx => Ok(Html(format!(
            "<a href=\"/approvals/{approval_id}\">{}</a>",
            Tr(ctx.locale).get("flash-skip-requested")
        ))
        .into_response()),
        Ok(Moved::Requested { .. }) => Ok(Redirect::to(&format!(
            "/r/opportunities/{id}?done=flash-skip-requested"
        ))
        .into_response()),
        // The kanban shows the refusal where the card was dropped.
        Err(e) if ctx.htmx => Err(ctx.err(e)),
        Err(e)
            if matches!(
                e.code,
                acre_app::ErrorCode::RuleRefused
                    | acre_app::ErrorCode::StaleVersion
                    | acre_app::ErrorCode::ValidationFailed
            ) =>
        {
            Ok(back_with(id, &e))
        }
        Err(e) => Err(ctx.err(e)),
    }
}

#[derive(serde::Deserialize)]
pub struct CloseForm {
    version: i64,
    outcome: String,
    reason: Option<String>,
}

/// Close as won or lost, with the reason.
pub async fn close(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<CloseForm>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let won = match f.outcome.as_str() {
        "won" => true,
        "lost" => false,
        _ => return Err(ctx.err(AppError::field("outcome", "err-option"))),
    };
    match state
        .app
        .close_opportunity(actor, id, f.version, won, f.reason.as_deref().unwrap_or(""))
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/r/opportunities/{id}?done=flash-closed")).into_response())
        }
        Err(e)
            if e.code != acre_app::ErrorCode::Forbidden
                && e.code != acre_app::ErrorCode::NotFound =>
        {
            let key = e.fields.values().next().cloned();
            let e = match key.as_deref() {
                Some("err-reason-required") => AppError::new(acre_app::ErrorCode::ValidationFailed)
                    .with_message("err-reason-required"),
                _ => e,
            };
            Ok(back_with(id, &e))
        }
        Err(e) => Err(ctx.err(e)),
    }
}

/// The pipeline views' filters from the page's query (`f.grade`, …).
fn filter_of(qs: &Qs) -> acre_app::error::Result<BoardFilter> {
    BoardFilter::parse(
        qs.get("f.grade"),
        qs.get("f.owner_id"),
        qs.get("f.team"),
        qs.get("f.source"),
        qs.get("f.close_month"),
    )
}

/// The filter bar the kanban and the forecast share, as submitted.
pub struct FilterBar {
    action: &'static str,
    grade: String,
    owner_id: String,
    owner_name: String,
    team: String,
    source: String,
    close_month: String,
    /// `(department id, its path)`.
    teams: Vec<(i64, String)>,
    /// `(source key, label)`.
    sources: Vec<(&'static str, String)>,
    /// The kanban filters by grade and close month; the forecast has its own
    /// months, from `from` on.
    full: bool,
    from: String,
}

async fn filter_bar(
    app: &App,
    ctx: &Ctx,
    qs: &Qs,
    action: &'static str,
    full: bool,
) -> Result<FilterBar, WebError> {
    let t = Tr(ctx.locale);
    let get = |k: &str| qs.get(k).unwrap_or("").to_string();
    let owner_id = get("f.owner_id");
    let owner_name = match owner_id.parse::<i64>() {
        Ok(id) => acre_store::users::by_id(&app.db, id)
            .await
            .map_err(AppError::from)
            .web(ctx)?
            .map(|u| u.display_name)
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(FilterBar {
        action,
        grade: get("f.grade"),
        owner_id,
        owner_name,
        team: get("f.team"),
        source: get("f.source"),
        close_month: get("f.close_month"),
        teams: app
            .department_tree()
            .await
            .web(ctx)?
            .into_iter()
            .map(|d| (d.dept.id, d.path))
            .collect(),
        sources: acre_app::customers::SOURCES
            .iter()
            .map(|s| (*s, t.get(&format!("opportunity-source-{s}"))))
            .collect(),
        full,
        from: get("from"),
    })
}

/// One column of the kanban.
pub struct Column {
    pub key: &'static str,
    pub name: String,
    pub cards: Vec<Card>,
    pub total: String,
    /// The next page of this column, if there is one.
    pub more: String,
    pub more_label: String,
}

pub struct Card {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub customer: String,
    pub owner: String,
    pub grade: String,
    pub amount: String,
    pub close_date: String,
}

#[derive(Template)]
#[template(path = "pipeline/board.html")]
struct BoardPage {
    layout: Layout,
    columns: Vec<Column>,
    bar: FilterBar,
}

#[derive(Template)]
#[template(path = "pipeline/column_partial.html")]
struct ColumnPartial {
    col: Column,
}

async fn column(
    app: &App,
    ctx: &Ctx,
    actor: &Actor,
    stage: Stage,
    qs: &Qs,
) -> Result<Column, WebError> {
    let t = Tr(ctx.locale);
    let page: i64 = qs
        .get(&format!("p.{}", stage.key()))
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
        .max(0);
    let filter = filter_of(qs).web(ctx)?;
    let col = app
        .board_column(actor, stage, &filter, page)
        .await
        .web(ctx)?;
    let more = if col.has_next {
        let mut next: Vec<(String, String)> =
            qs.0.iter()
                .filter(|(k, _)| k.starts_with("f."))
                .cloned()
                .collect();
        next.push((format!("p.{}", stage.key()), (page + 1).to_string()));
        format!(
            "/pipeline/column/{}?{}",
            stage.key(),
            serde_urlencoded::to_string(next).unwrap_or_default()
        )
    } else {
        String::new()
    };
    Ok(Column {
        key: stage.key(),
        name: stage_name(t, stage.key()),
        total: if col.more_than {
            format!("{}+", COLUMN_COUNT_UP_TO)
        } else {
            col.count.to_string()
        },
        cards: col
            .cards
            .into_iter()
            .map(|c| Card {
                id: c.id,
                version: c.version,
                name: c.name,
                customer: c.customer,
                owner: c.owner.unwrap_or_default(),
                grade: c.grade.unwrap_or_default(),
                amount: c.amount.map(|f| ctx.locale.money(f)).unwrap_or_default(),
                close_date: c.close_date.unwrap_or_default(),
            })
            .collect(),
        more,
        more_label: t.get("pipeline-more"),
    })
}

/// The kanban by stage (SP4): each column pages on its own.
pub async fn board(State(state): State<AppState>, ctx: Ctx, qs: Qs) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    state
        .app
        .readable_type(actor, OPPORTUNITIES.key)
        .web(&ctx)?;
    let mut columns = Vec::with_capacity(9);
    for s in Stage::ALL {
        columns.push(column(&state.app, &ctx, actor, s, &qs).await?);
    }
    let page = BoardPage {
        layout: Layout::new(&ctx, actor, "pipeline", "/pipeline"),
        columns,
        bar: filter_bar(&state.app, &ctx, &qs, "/pipeline", true).await?,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

/// The next page of one column (htmx).
pub async fn column_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(stage): Path<String>,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let stage = Stage::parse(&stage).ok_or_else(|| ctx.err(AppError::not_found()))?;
    let col = column(&state.app, &ctx, actor, stage, &qs).await?;
    let p = ColumnPartial { col };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "pipeline/forecast.html")]
struct ForecastPage {
    layout: Layout,
    rows: Vec<ForecastRow>,
    /// `(month, count, total, weighted)` per month, both grades.
    months: Vec<(String, i64, String, String)>,
    split: WorkSplit,
    money: Vec<(String, String)>,
    bar: FilterBar,
}

/// The forecast list (预计成交名单): A and B by expected close month.
pub async fn forecast(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    state
        .app
        .readable_type(actor, OPPORTUNITIES.key)
        .web(&ctx)?;
    let from = qs
        .get("from")
        .filter(|m| m.len() == 7 && m.as_bytes()[4] == b'-')
        .map(str::to_string)
        .unwrap_or_else(|| acre_app::registry::value::today()[..7].to_string());
    let filter = filter_of(&qs).web(&ctx)?;
    let rows = state.app.forecast(actor, &from, &filter).await.web(&ctx)?;
    let split = state.app.work_split(actor, &filter).await.web(&ctx)?;
    let mut months: Vec<(String, i64, i64, i64)> = Vec::new();
    for r in &rows {
        match months.iter_mut().find(|m| m.0 == r.month) {
            Some(m) => {
                m.1 += r.count;
                m.2 += r.total;
                m.3 += r.weighted;
            }
            None => months.push((r.month.clone(), r.count, r.total, r.weighted)),
        }
    }
    let l = ctx.locale;
    let page = ForecastPage {
        layout: Layout::new(&ctx, actor, "pipeline", "/pipeline/forecast"),
        money: rows
            .iter()
            .map(|r| (l.money(r.total), l.money(r.weighted)))
            .collect(),
        rows,
        months: months
            .into_iter()
            .map(|(m, n, t, w)| (m, n, l.money(t), l.money(w)))
            .collect(),
        split,
        bar: FilterBar {
            from,
            ..filter_bar(&state.app, &ctx, &qs, "/pipeline/forecast", false).await?
        },
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

#[derive(Template)]
#[template(path = "pipeline/rules.html")]
struct RulesPage {
    layout: Layout,
    /// `(stage key, stage name, rule key)` for the eight skippable stages.
    rows: Vec<(&'static str, String, &'static str)>,
}

/// The skip rule table (administrators).
pub async fn rules_page(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    actor
        .require(acre_domain::Capability::AdministerAccounts)
        .web(&ctx)?;
    let rules = state.app.skip_rules().await.web(&ctx)?;
    let t = Tr(ctx.locale);
    let page = RulesPage {
        layout: Layout::new(&ctx, actor, "admin", "/admin/stage-rules").with_flash(qs.get("done")),
        rows: Stage::ALL[..8]
            .iter()
            .map(|s| (s.key(), stage_name(t, s.key()), rules.rule(*s).key()))
            .collect(),
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

pub async fn save_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::Form(pairs): axum::Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let mut rules = state.app.skip_rules().await.web(&ctx)?;
    for (k, v) in &pairs {
        if let (Some(s), Some(r)) = (
            k.strip_prefix("rule.").and_then(Stage::parse),
            SkipRule::parse(v),
        ) && s != Stage::Signing
        {
            rules.0[s.index()] = r;
        }
    }
    state.app.set_skip_rules(actor, &rules).await.web(&ctx)?;
    Ok(Redirect::to("/admin/stage-rules?done=flash-rules-saved").into_response())
}
