//! Pages for moving customers by filter (CU4 reclaim and filter assign, CU5
//! transfer by filter), the pool's rules, and territories (CU12). Moving
//! chosen rows is a bulk action of the customer list.

use acre_app::allocation::{Action, IDLE_GRADES, PoolRules, REASONS, Selection};
use acre_app::customers::CUSTOMERS;
use acre_app::{AppError, FieldErrors};
use acre_domain::Capability;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::records::Qs;
use crate::state::AppState;

/// The customer fields a move may filter on (CU4's list, plus the owner).
const FILTERS: &[&str] = &["grade", "category", "source", "industry", "company_nature"];

/// `(key, label, selected)` for a select.
type Choice = (String, String, bool);

pub struct FilterSel {
    pub key: &'static str,
    pub label: String,
    pub options: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "customers/moves.html")]
struct MovesPage {
    layout: Layout,
    actions: Vec<Choice>,
    filters: Vec<FilterSel>,
    region: String,
    q: String,
    can_allocate: bool,
    owner_id: String,
    owner_title: String,
    to_user: String,
    to_title: String,
    reasons: Vec<Choice>,
    note: String,
    /// The preview: how many, and from whom.
    preview: Option<(i64, Vec<(String, i64)>)>,
    errors: FieldErrors,
    form_error: String,
}

fn get<'a>(pairs: &'a [(String, String)], k: &str) -> &'a str {
    pairs
        .iter()
        .find(|(x, _)| x == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// The actions the actor may take from this page.
fn action_keys(actor: &acre_app::Actor) -> Vec<&'static str> {
    if actor.can(Capability::AllocateCustomers) {
        vec!["reclaim", "assign", "transfer", "release"]
    } else {
        vec!["transfer", "release"]
    }
}

pub(crate) fn reason_choices(t: &crate::tr::Tr, selected: &str) -> Vec<Choice> {
    REASONS
        .iter()
        .map(|r| (r.to_string(), t.get(&format!("reason-{r}")), *r == selected))
        .collect()
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    pairs: &[(String, String)],
    preview: Option<(i64, Vec<(String, i64)>)>,
    err: Option<AppError>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let layout = Layout::new(ctx, actor, "customers", "/customers/moves")
        .with_count_flash(Qs(pairs.to_vec()).get("done"), Qs(pairs.to_vec()).get("n"));
    let t = layout.t;
    let title = |id: &str| {
        let id = id.parse::<i64>().ok();
        let db = state.app.db.clone();
        async move {
            match id {
                Some(id) => acre_store::users::by_id(&db, id)
                    .await
                    .ok()
                    .flatten()
                    .map(|u| u.display_name)
                    .unwrap_or_default(),
                None => String::new(),
            }
        }
    };
    let action = get(pairs, "action");
    let (errors, form_error) = match err {
        Some(e) if !e.fields.is_empty() => (e.fields, String::new()),
        Some(e) => (FieldErrors::new(), e.message(ctx.locale)),
        None => (FieldErrors::new(), String::new()),
    };
    let page = MovesPage {
        actions: action_keys(actor)
            .into_iter()
            .map(|a| (a.to_string(), t.get(&format!("move-{a}")), a == action))
            .collect(),
        filters: FILTERS
            .iter()
            .filter_map(|k| CUSTOMERS.field(k))
            .map(|f| {
                let chosen = get(pairs, &format!("f.{}", f.key));
                FilterSel {
                    key: f.key,
                    label: t.get(&CUSTOMERS.label_key(f.key)),
                    options: f
                        .options
                        .iter()
                        .map(|o| {
                            (
                                o.to_string(),
                                t.get(&CUSTOMERS.option_key(f.key, o)),
                                *o == chosen,
                            )
                        })
                        .collect(),
                }
            })
            .collect(),
        region: get(pairs, "f.region").to_string(),
        q: get(pairs, "q").to_string(),
        can_allocate: actor.can(Capability::AllocateCustomers),
        owner_id: get(pairs, "f.owner_id").to_string(),
        owner_title: title(get(pairs, "f.owner_id")).await,
        to_user: get(pairs, "to_user").to_string(),
        to_title: title(get(pairs, "to_user")).await,
        reasons: reason_choices(&t, get(pairs, "reason")),
        note: get(pairs, "note").to_string(),
        preview,
        errors,
        form_error,
        layout,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

pub async fn page(State(state): State<AppState>, ctx: Ctx, qs: Qs) -> Result<Response, WebError> {
    render(&state, &ctx, &qs.0, None, None).await
}

/// Preview (`step=preview`) or run (`step=run`, with the previewed count).
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let filter: Vec<(String, String)> = pairs
        .iter()
        .filter(|(k, v)| (k.starts_with("f.") || k == "q") && !v.trim().is_empty())
        .cloned()
        .collect();
    let parsed = Selection::from_parts(&filter, &[]).and_then(|sel| {
        Action::parse(get(&pairs, "action"), get(&pairs, "to_user").parse().ok()).map(|a| (sel, a))
    });
    let (sel, action) = match parsed {
        Ok(x) => x,
        Err(e) => return render(&state, &ctx, &pairs, None, Some(e)).await,
    };
    if get(&pairs, "step") == "run" {
        let reason = Some(get(&pairs, "reason"));
        let note = Some(get(&pairs, "note"));
        let expected = get(&pairs, "expected").parse().ok();
        return match state
            .app
            .move_customers(actor, &sel, action, reason, note, expected)
            .await
        {
            Ok(m) => Ok(
                Redirect::to(&format!("/customers/moves?done=flash-moved&n={}", m.moved))
                    .into_response(),
            ),
            Err(e) => render(&state, &ctx, &pairs, None, Some(e)).await,
        };
    }
    match state.app.preview_move(actor, &sel, action).await {
        Ok(p) => {
            let pool = ctx.locale.t("pool-name");
            let by_owner = p
                .by_owner
                .into_iter()
                .map(|(id, name, n)| (if id.is_some() { name } else { pool.clone() }, n))
                .collect();
            render(&state, &ctx, &pairs, Some((p.count, by_owner)), None).await
        }
        Err(e) => render(&state, &ctx, &pairs, None, Some(e)).await,
    }
}

#[derive(Template)]
#[template(path = "customers/pool_rules.html")]
struct RulesPage {
    layout: Layout,
    /// `(name, label, value)`.
    fields: Vec<(String, String, String)>,
    errors: FieldErrors,
    can_edit: bool,
}

fn rule_fields(t: &crate::tr::Tr, r: &PoolRules) -> Vec<(String, String, String)> {
    let n = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut out = vec![
        (
            "daily_claim_limit".to_string(),
            t.get("pool-daily-claim-limit"),
            n(r.daily_claim_limit),
        ),
        (
            "cooldown_days".into(),
            t.get("pool-cooldown-days"),
            n(r.cooldown_days),
        ),
        (
            "holding_cap".into(),
            t.get("pool-holding-cap"),
            n(r.holding_cap),
        ),
    ];
    for (i, g) in IDLE_GRADES.iter().enumerate() {
        let grade = if g.is_empty() {
            t.get("pool-no-grade")
        } else {
            g.to_string()
        };
        out.push((
            format!("idle_days_{i}"),
            t.0.t_args("pool-idle-days", &[("grade", grade)]),
            n(r.idle_days[i]),
        ));
    }
    out.push((
        "warn_days".into(),
        t.get("pool-warn-days"),
        r.warn_days.to_string(),
    ));
    out
}

pub async fn rules_page(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let rules = state.app.pool_rules().await.web(&ctx)?;
    let layout =
        Layout::new(&ctx, actor, "customers", "/customers/pool-rules").with_flash(qs.get("done"));
    let page = RulesPage {
        fields: rule_fields(&layout.t, &rules),
        errors: FieldErrors::new(),
        can_edit: actor.can(Capability::AllocateCustomers),
        layout,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

pub async fn save_rules(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let mut errors = FieldErrors::new();
    let mut num = |k: &str| -> Option<i64> {
        let v = get(&pairs, k).trim();
        if v.is_empty() {
            return None;
        }
        v.parse()
            .map_err(|_| errors.insert(k.into(), "err-number-range".into()))
            .ok()
    };
    let rules = PoolRules {
        daily_claim_limit: num("daily_claim_limit"),
        cooldown_days: num("cooldown_days"),
        holding_cap: num("holding_cap"),
        idle_days: [
            num("idle_days_0"),
            num("idle_days_1"),
            num("idle_days_2"),
            num("idle_days_3"),
            num("idle_days_4"),
        ],
        warn_days: num("warn_days").unwrap_or(7),
    };
    let result = if errors.is_empty() {
        state.app.set_pool_rules(actor, &rules).await
    } else {
        Err(AppError::fields(errors))
    };
    match result {
        Ok(()) => Ok(Redirect::to("/customers/pool-rules?done=flash-saved").into_response()),
        Err(e) if !e.fields.is_empty() => {
            let layout = Layout::new(&ctx, actor, "customers", "/customers/pool-rules");
            let mut fields = rule_fields(&layout.t, &rules);
            // Show what was typed, not what was parsed.
            for f in &mut fields {
                f.2 = get(&pairs, &f.0).to_string();
            }
            let page = RulesPage {
                fields,
                errors: e.fields,
                can_edit: true,
                layout,
            };
            Ok(Html(page.render().unwrap_or_default()).into_response())
        }
        Err(e) => Err(ctx.err(e)),
    }
}

#[derive(Template)]
#[template(path = "customers/territories.html")]
struct TerritoriesPage {
    layout: Layout,
    rows: Vec<acre_app::territory::Territory>,
    can_allocate: bool,
    /// The viewer's own territory, when they have one.
    mine: Option<acre_app::territory::Territory>,
    changes: Vec<acre_app::territory::TerritoryChange>,
    warnings: Vec<acre_app::allocation::IdleWarning>,
    /// Whose changes are shown.
    subject: String,
}

pub async fn territories(
    State(state): State<AppState>,
    ctx: Ctx,
    qs: Qs,
) -> Result<Response, WebError> {
    territory_page(state, ctx, qs, None).await
}

pub async fn territory(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(user): Path<i64>,
    qs: Qs,
) -> Result<Response, WebError> {
    territory_page(state, ctx, qs, Some(user)).await
}

async fn territory_page(
    state: AppState,
    ctx: Ctx,
    qs: Qs,
    user: Option<i64>,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let app = &state.app;
    let subject = user.unwrap_or(actor.id());
    let rows = app.territories(actor).await.web(&ctx)?;
    let changes = app.territory_changes(actor, subject, 100).await.web(&ctx)?;
    let mine = rows.iter().find(|r| r.user_id == subject).cloned();
    let warnings = if subject == actor.id() {
        app.idle_warnings(actor).await.web(&ctx)?
    } else {
        Vec::new()
    };
    let subject_name = match &mine {
        Some(m) => m.name.clone(),
        None => acre_store::users::by_id(&app.db, subject)
            .await
            .ok()
            .flatten()
            .map(|u| u.display_name)
            .unwrap_or_default(),
    };
    let page = TerritoriesPage {
        layout: Layout::new(&ctx, actor, "customers", "/territories").with_flash(qs.get("done")),
        can_allocate: actor.can(Capability::AllocateCustomers),
        rows: if actor.can(Capability::AllocateCustomers) {
            rows
        } else {
            Vec::new()
        },
        mine,
        changes,
        warnings,
        subject: subject_name,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

#[derive(serde::Deserialize)]
pub struct TargetForm {
    target_size: Option<String>,
}

pub async fn set_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(user): Path<i64>,
    Form(f): Form<TargetForm>,
) -> Result<Response, WebError> {
    let target = match f.target_size.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(
            v.parse()
                .map_err(|_| ctx.err(AppError::field("target_size", "err-number-range")))?,
        ),
    };
    state
        .app
        .set_territory_target(ctx.actor()?, user, target)
        .await
        .web(&ctx)?;
    Ok(Redirect::to("/territories?done=flash-saved").into_response())
}
