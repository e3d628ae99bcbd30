//! The selling process on an opportunity: stage moves under the skip rules
//! (SP4, SP5) with their history, skips the supervisor approves, closing as
//! won or lost with a reason (SP16), and the concession log's rule (SP8).

use acre_domain::stages::{self, Move, SkipRule, SkipRules, Stage};
use acre_store::{Tx, Value, now_ms};

use crate::approvals::{NewRequest, Request, refuse_if_pending};
use crate::error::{AppError, ErrorCode, Result};
use crate::opportunities::OPPORTUNITIES;
use crate::registry::Record;
use crate::{Actor, App};

pub use crate::board::{ForecastRow, WorkSplit};

/// What a stage move did.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "result")]
pub enum Moved {
    /// The opportunity is at the new stage; its new version.
    Done { version: i64 },
    /// A skip the supervisor must approve was requested (NO*).
    Requested { approval_id: i64 },
}

/// One stay at a stage.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StageStay {
    pub stage: String,
    pub entered_at: i64,
    pub left_at: Option<i64>,
    /// Whole days spent (until now for the current stage).
    pub days: i64,
    pub by_name: Option<String>,
    /// Set when the move skipped stages with the supervisor's approval.
    pub approval_id: Option<i64>,
    pub note: Option<String>,
}

/// One person on an opportunity's decision map (SP3).
#[derive(Clone, Debug, serde::Serialize)]
pub struct MapEntry {
    pub id: i64,
    pub contact_id: i64,
    pub name: String,
    pub title: Option<String>,
    pub department: Option<String>,
    pub decision_role: Option<String>,
    pub influence: String,
    pub support: String,
    pub quadrant: Option<String>,
    pub reports_to: Option<i64>,
}

/// The decision map with its warnings: fewer than two people, or no finance
/// head or no business head among them (read from their titles and
/// departments, docs/opportunities.md).
#[derive(Clone, Debug, serde::Serialize)]
pub struct DecisionMapView {
    pub entries: Vec<MapEntry>,
    pub warn_few: bool,
    pub warn_heads: bool,
}

/// Levels of the drawn org chart; anyone deeper is drawn at the last one.
pub const CHART_DEPTH: usize = 5;

impl DecisionMapView {
    /// The map as an org chart (SP3): each person under the one they report
    /// to (`reports_to`, when that contact is on the map too), in a
    /// depth-first order with each one's level; people reporting to nobody
    /// on the map head their own branch. A loop of reports is cut where it
    /// would repeat someone.
    pub fn chart(&self) -> Vec<(usize, &MapEntry)> {
        let on_map = |c: i64| self.entries.iter().any(|e| e.contact_id == c);
        let mut out = Vec::with_capacity(self.entries.len());
        let mut seen = std::collections::HashSet::new();
        fn walk<'a>(
            all: &'a [MapEntry],
            e: &'a MapEntry,
            depth: usize,
            seen: &mut std::collections::HashSet<i64>,
            out: &mut Vec<(usize, &'a MapEntry)>,
        ) {
            if !seen.insert(e.id) {
                return;
            }
            out.push((depth.min(CHART_DEPTH), e));
            for c in all
                .iter()
                .filter(|c| c.reports_to == Some(e.contact_id) && c.id != e.id)
            {
                walk(all, c, depth + 1, seen, out);
            }
        }
        for e in self
            .entries
            .iter()
            .filter(|e| !e.reports_to.is_some_and(|r| r != e.contact_id && on_map(r)))
        {
            walk(&self.entries, e, 0, &mut seen, &mut out);
        }
        // Whoever is left sits in a loop of reports: drawn from the first.
        for e in &self.entries {
            walk(&self.entries, e, 0, &mut seen, &mut out);
        }
        out
    }
}

const FINANCE_WORDS: &[&str] = &["财务", "財務", "会计", "會計", "finance", "cfo"];
const BUSINESS_WORDS: &[&str] = &[
    "业务",
    "業務",
    "销售",
    "銷售",
    "营运",
    "營運",
    "总经理",
    "總經理",
    "老板",
    "老闆",
    "sales",
    "ceo",
    "business",
];

fn mentions(e: &MapEntry, words: &[&str]) -> bool {
    let text = format!(
        "{} {}",
        e.title.as_deref().unwrap_or(""),
        e.department.as_deref().unwrap_or("")
    )
    .to_lowercase();
    words.iter().any(|w| text.contains(w))
}

/// The refusal of a move past a stage that may not be skipped.
fn refused(stage: Stage) -> AppError {
    let mut e = AppError::new(ErrorCode::RuleRefused).with_message("err-skip-refused");
    e.args.push(("stage", stage.key().to_string()));
    e
}

fn stage_of(rec: &Record) -> Stage {
    rec.get("stage")
        .to_text()
        .and_then(|s| Stage::parse(&s))
        .unwrap_or(Stage::LeadList)
}

/// Record the move: close the current stay, open the next, set the stage
/// and its default probability. Refused as stale unless `version` is current.
#[allow(clippy::too_many_arguments)]
async fn apply_move(
    tx: &mut Tx,
    by: i64,
    id: i64,
    version: Option<i64>,
    from: Stage,
    to: Stage,
    approval: Option<i64>,
    note: Option<&str>,
) -> Result<i64> {
    let now = now_ms();
    let (check, mut args) = match version {
        Some(v) => (" AND version = $5", vec![Value::from(v)]),
        None => ("", vec![]),
    };
    let mut all = vec![
        Value::from(to.key()),
        Value::from(to.probability() as f64),
        Value::from(now),
        Value::from(by),
    ];
    all.append(&mut args);
    all.push(Value::from(id));
    all.push(Value::from(from.key()));
    let n = all.len();
    let done = tx
        .execute(
            &format!(
                "UPDATE opportunities SET stage = $1, probability = $2, updated_at = $3, updated_by = $4, version = version + 1 \
                 WHERE id = ${} AND stage = ${n} AND status = 'open' AND deleted_at IS NULL{check}",
                n - 1
            ),
            &all,
        )
        .await?;
    if done != 1 {
        return Err(AppError::stale());
    }
    tx.execute(
        "UPDATE opportunity_stages SET left_at = $1 WHERE opportunity_id = $2 AND left_at IS NULL",
        &[Value::from(now), Value::from(id)],
    )
    .await?;
    tx.execute(
        "INSERT INTO opportunity_stages (opportunity_id, stage, entered_at, by_user, approval_id, note) VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Value::from(id),
            Value::from(to.key()),
            Value::from(now),
            Value::from(by),
            Value::from(approval),
            Value::from(note),
        ],
    )
    .await?;
    acre_store::audit::record(
        tx,
        Some(by),
        OPPORTUNITIES.entity,
        id,
        "updated",
        &[acre_store::audit::Change {
            field: "stage".into(),
            old: Some(from.key().into()),
            new: Some(to.key().into()),
        }],
    )
    .await?;
    let v = tx
        .fetch_optional(
            "SELECT version FROM opportunities WHERE id = $1",
            &[Value::from(id)],
        )
        .await?
        .map(|r| r.i64("version"))
        .unwrap_or(0);
    Ok(v)
}

/// A skip the supervisor approved: the opportunity moves, if it is still
/// where it was when the skip was asked for.
pub(crate) async fn skip_approved(
    tx: &mut Tx,
    requester: &Actor,
    approver: &Actor,
    r: &Request,
) -> Result<()> {
    let (Some(from), Some(to)) = r
        .payload
        .as_deref()
        .and_then(|p| p.split_once("->"))
        .map(|(a, b)| (Stage::parse(a), Stage::parse(b)))
        .unwrap_or((None, None))
    else {
        return Ok(());
    };
    let _ = requester;
    match apply_move(
        tx,
        approver.id(),
        r.record_id,
        None,
        from,
        to,
        Some(r.id),
        None,
    )
    .await
    {
        // Moved meanwhile (backwards, closed): the approval stands, the
        // requester moves again.
        Err(e) if e.code == ErrorCode::StaleVersion => Ok(()),
        other => other.map(|_| ()),
    }
}

impl App {
    /// The skip rule table in force (administrators may change it).
    pub async fn skip_rules(&self) -> Result<SkipRules> {
        let mut rules = SkipRules::default();
        for row in self
            .db
            .fetch_all("SELECT stage, rule FROM stage_skip_rules", &[])
            .await?
        {
            if let (Some(s), Some(r)) = (
                Stage::parse(&row.str("stage")),
                SkipRule::parse(&row.str("rule")),
            ) && s != Stage::Signing
            {
                rules.0[s.index()] = r;
            }
        }
        Ok(rules)
    }

    /// Replace the skip rule table (administrators).
    pub async fn set_skip_rules(&self, actor: &Actor, rules: &SkipRules) -> Result<()> {
        actor.require(acre_domain::Capability::AdministerAccounts)?;
        let before = self.skip_rules().await?;
        let mut tx = self.db.begin().await?;
        let mut changes = Vec::new();
        for s in &Stage::ALL[..8] {
            let (old, new) = (before.rule(*s), rules.rule(*s));
            tx.execute(
                "UPDATE stage_skip_rules SET rule = $1 WHERE stage = $2",
                &[Value::from(new.key()), Value::from(s.key())],
            )
            .await?;
            if old != new {
                changes.push(acre_store::audit::Change {
                    field: s.key().into(),
                    old: Some(old.key().into()),
                    new: Some(new.key().into()),
                });
            }
        }
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            "stage_skip_rules",
            0,
            "updated",
            &changes,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Move an opportunity to another stage. Forward past stages follows
    /// the skip rules: refused (NO), or a request to the supervisor (NO*)
    /// that moves it once approved; backwards is always allowed. Only an
    /// open opportunity moves, one whose skip request is not pending.
    pub async fn move_stage(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        to: Stage,
        note: Option<&str>,
    ) -> Result<Moved> {
        let rec = self.get_record(actor, &OPPORTUNITIES, id, false).await?;
        if !self.can_edit(actor, &OPPORTUNITIES, &rec) {
            return Err(AppError::forbidden());
        }
        if rec.version != version {
            return Err(AppError::stale());
        }
        if rec.get("status").to_text().as_deref() != Some("open") {
            return Err(
                AppError::new(ErrorCode::RuleRefused).with_message("err-opportunity-closed")
            );
        }
        let from = stage_of(&rec);
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        match stages::check_move(&self.skip_rules().await?, from, to) {
            Move::Same => Ok(Moved::Done { version }),
            Move::Refused(s) => Err(refused(s)),
            Move::Allowed => {
                let mut tx = self.db.begin().await?;
                refuse_if_pending(&mut tx, OPPORTUNITIES.entity, id, "stage_skip").await?;
                let v = apply_move(&mut tx, actor.id(), id, Some(version), from, to, None, note)
                    .await?;
                tx.commit().await?;
                Ok(Moved::Done { version: v })
            }
            Move::NeedsApproval(_) => {
                let steps = self
                    .resolve_chain(&actor.user, "stage_skip", None, &[])
                    .await?;
                let title = format!(
                    "{} · {}→{}",
                    rec.title(&OPPORTUNITIES),
                    from.key(),
                    to.key()
                );
                let mut tx = self.db.begin().await?;
                refuse_if_pending(&mut tx, OPPORTUNITIES.entity, id, "stage_skip").await?;
                let approval_id = self
                    .submit_in(
                        &mut tx,
                        actor,
                        &NewRequest {
                            kind: "stage_skip",
                            entity: OPPORTUNITIES.entity,
                            record_id: id,
                            title: &title,
                            amount: rec.get("amount").as_i64(),
                            payload: Some(format!("{}->{}", from.key(), to.key())),
                            flags: &[],
                        },
                        &steps,
                    )
                    .await?;
                if let Some(n) = note {
                    tx.execute(
                        "UPDATE approval_events SET comment = $1 WHERE request_id = $2 AND action = 'submitted'",
                        &[Value::from(n), Value::from(approval_id)],
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok(Moved::Requested { approval_id })
            }
        }
    }

    /// The opportunity's stays at each stage, oldest first.
    pub async fn stage_history(&self, actor: &Actor, id: i64) -> Result<Vec<StageStay>> {
        let rec = self.get_record(actor, &OPPORTUNITIES, id, false).await?;
        let now = now_ms();
        let moves: Vec<StageStay> = self
            .db
            .fetch_all(
                "SELECT s.stage, s.entered_at, s.left_at, u.display_name, s.approval_id, s.note FROM opportunity_stages s \
                 LEFT JOIN users u ON u.id = s.by_user WHERE s.opportunity_id = $1 ORDER BY s.id",
                &[Value::from(id)],
            )
            .await?
            .iter()
            .map(|r| {
                let entered = r.i64("entered_at");
                let left = r.opt_i64("left_at");
                StageStay {
                    stage: r.str("stage"),
                    entered_at: entered,
                    left_at: left,
                    days: (left.unwrap_or(now) - entered).max(0) / 86_400_000,
                    by_name: r.opt_str("display_name"),
                    approval_id: r.opt_i64("approval_id"),
                    note: r.opt_str("note"),
                }
            })
            .collect();
        // Every opportunity starts at the lead list, when it is created.
        let left = moves.first().map(|m| m.entered_at);
        let mut out = vec![StageStay {
            stage: Stage::LeadList.key().into(),
            entered_at: rec.created_at,
            left_at: left,
            days: (left.unwrap_or(now) - rec.created_at).max(0) / 86_400_000,
            by_name: rec.created_by_name.clone(),
            approval_id: None,
            note: None,
        }];
        out.extend(moves);
        Ok(out)
    }

    /// Close an opportunity as won or lost; the reason is required. A lost
    /// one's customer is logged on the owner's territory as lost (SP16).
    pub async fn close_opportunity(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        won: bool,
        reason: &str,
    ) -> Result<i64> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::field("close_reason", "err-reason-required"));
        }
        let rec = self.get_record(actor, &OPPORTUNITIES, id, false).await?;
        if !self.can_edit(actor, &OPPORTUNITIES, &rec) {
            return Err(AppError::forbidden());
        }
        if rec.get("status").to_text().as_deref() != Some("open") {
            return Err(
                AppError::new(ErrorCode::RuleRefused).with_message("err-opportunity-closed")
            );
        }
        let status = if won { "won" } else { "lost" };
        let today = crate::registry::value::today();
        let mut tx = self.db.begin().await?;
        refuse_if_pending(&mut tx, OPPORTUNITIES.entity, id, "stage_skip").await?;
        let n = tx
            .execute(
                "UPDATE opportunities SET status = $1, close_reason = $2, closed_on = $3, probability = $4, updated_at = $5, updated_by = $6, version = version + 1 \
                 WHERE id = $7 AND version = $8 AND deleted_at IS NULL",
                &[
                    Value::from(status),
                    Value::from(reason),
                    Value::from(today.as_str()),
                    Value::from(if won { 100.0 } else { 0.0 }),
                    Value::from(now_ms()),
                    Value::from(actor.id()),
                    Value::from(id),
                    Value::from(version),
                ],
            )
            .await?;
        if n != 1 {
            return Err(AppError::stale());
        }
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            OPPORTUNITIES.entity,
            id,
            "updated",
            &[
                acre_store::audit::Change {
                    field: "status".into(),
                    old: Some("open".into()),
                    new: Some(status.into()),
                },
                acre_store::audit::Change {
                    field: "close_reason".into(),
                    old: None,
                    new: Some(reason.into()),
                },
            ],
        )
        .await?;
        if !won
            && let (Some(customer), Some(owner)) = (
                rec.get("customer_id").as_i64(),
                rec.get("owner_id").as_i64(),
            )
        {
            crate::territory::log_lost(&mut tx, actor, owner, customer, reason).await?;
        }
        tx.commit().await?;
        Ok(version + 1)
    }

    /// An opportunity's decision map, as the actor sees the opportunity.
    pub async fn decision_map(&self, actor: &Actor, opportunity: i64) -> Result<DecisionMapView> {
        self.get_record(actor, &OPPORTUNITIES, opportunity, false)
            .await?;
        let entries: Vec<MapEntry> = self
            .db
            .fetch_all(
                "SELECT d.id, d.contact_id, c.name, c.title, c.department, d.decision_role, d.influence, d.support, d.quadrant, d.reports_to \
                 FROM decision_entries d JOIN contacts c ON c.id = d.contact_id \
                 WHERE d.opportunity_id = $1 AND d.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY d.id",
                &[Value::from(opportunity)],
            )
            .await?
            .iter()
            .map(|r| MapEntry {
                id: r.i64("id"),
                contact_id: r.i64("contact_id"),
                name: r.str("name"),
                title: r.opt_str("title"),
                department: r.opt_str("department"),
                decision_role: r.opt_str("decision_role"),
                influence: r.str("influence"),
                support: r.str("support"),
                quadrant: r.opt_str("quadrant"),
                reports_to: r.opt_i64("reports_to"),
            })
            .collect();
        Ok(DecisionMapView {
            warn_few: entries.len() < 2,
            warn_heads: !(entries.iter().any(|e| mentions(e, FINANCE_WORDS))
                && entries.iter().any(|e| mentions(e, BUSINESS_WORDS))),
            entries,
        })
    }
}

/// Demo opportunities: one per demo customer, advanced by its grade (A to
/// negotiation, B to the demo, C to the exchange, D to the first visit),
/// and one skip waiting for manager1's approval.
pub(crate) async fn load_demo(app: &App) -> Result<()> {
    use crate::registry::Input;
    if app
        .db
        .fetch_optional("SELECT id FROM opportunities LIMIT 1", &[])
        .await?
        .is_some()
    {
        return Ok(());
    }
    let rows = app
        .db
        .fetch_all(
            "SELECT c.id, c.name, c.grade, c.owner_id FROM customers c WHERE c.owner_id IS NOT NULL AND c.deleted_at IS NULL ORDER BY c.id LIMIT 20",
            &[],
        )
        .await?;
    for (i, r) in rows.iter().enumerate() {
        let Some(user) = acre_store::users::by_id(&app.db, r.i64("owner_id")).await? else {
            continue;
        };
        let actor = Actor::new(user, None);
        let grade = r.opt_str("grade").unwrap_or_else(|| "C".into());
        let (target, amount, month) = match grade.as_str() {
            "A" => (Stage::Negotiation, 680_000, 1),
            "B" => (Stage::Demo, 420_000, 3),
            "C" => (Stage::Exchange, 260_000, 7),
            _ => (Stage::FirstVisit, 150_000, 12),
        };
        let close = chrono::Utc::now().date_naive() + chrono::Months::new(month);
        let input: Input = [
            ("name", format!("{} ERP 项目", r.str("name"))),
            ("customer_id", r.i64("id").to_string()),
            ("amount", (amount + i as i64 * 10_000).to_string()),
            ("close_date", close.format("%Y-%m-%d").to_string()),
            ("source", "telemarketing".into()),
            ("products", "一亩 ERP 制造版".into()),
            ("probability", target.probability().to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let (id, mut version) = app.create_record(&actor, &OPPORTUNITIES, &input).await?;
        if i == 0 {
            load_demo_map(app, &actor, id, r.i64("id")).await?;
        }
        for s in &Stage::ALL[1..=target.index()] {
            if let Moved::Done { version: v } =
                app.move_stage(&actor, id, version, *s, None).await?
            {
                version = v;
            }
        }
        // rep2's C-grade customer asks to go straight to the demo.
        if grade == "C" && actor.user.username == "rep2" {
            app.move_stage(
                &actor,
                id,
                version,
                Stage::Demo,
                Some("客户要求先看系统演示"),
            )
            .await?;
        }
    }
    load_demo_documents(app).await
}

/// The first demo opportunity's decision map: the customer's general
/// manager on top, three heads reporting to them, one of them a 魔鬼.
async fn load_demo_map(app: &App, actor: &Actor, opportunity: i64, customer: i64) -> Result<()> {
    use crate::registry::Input;
    let top = app
        .db
        .fetch_optional(
            "SELECT id FROM contacts WHERE customer_id = $1 AND deleted_at IS NULL ORDER BY id LIMIT 1",
            &[Value::from(customer)],
        )
        .await?
        .map(|r| r.i64("id"));
    let Some(top) = top else { return Ok(()) };
    let map = |contact: i64,
               role: &str,
               influence: &str,
               support: &str,
               reports_to: Option<i64>|
     -> Input {
        [
            ("opportunity_id", opportunity.to_string()),
            ("contact_id", contact.to_string()),
            ("decision_role", role.to_string()),
            ("influence", influence.to_string()),
            ("support", support.to_string()),
            (
                "reports_to",
                reports_to.map(|r| r.to_string()).unwrap_or_default(),
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    };
    app.create_record(
        actor,
        &crate::opportunities::DECISION_MAP,
        &map(top, "decision_maker", "high", "high", None),
    )
    .await?;
    for (name, title, role, influence, support) in [
        ("赵敏", "财务经理", "approver", "high", "low"),
        ("钱峰", "信息部经理", "influencer", "low", "high"),
        ("孙丽", "生产总监", "influencer", "low", "low"),
    ] {
        let contact: Input = [
            ("customer_id", customer.to_string()),
            ("name", name.to_string()),
            ("title", title.to_string()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
        let (c, _) = app
            .create_record(actor, &crate::customers::CONTACTS, &contact)
            .await?;
        app.create_record(
            actor,
            &crate::opportunities::DECISION_MAP,
            &map(c, role, influence, support, Some(top)),
        )
        .await?;
    }
    Ok(())
}

/// A demo quote, approved and sent, and its contract, signed and under way
/// with a payment plan and a first payment: on rep1's A-grade opportunity.
pub(crate) async fn load_demo_documents(app: &App) -> Result<()> {
    use crate::registry::Input;
    let input = |pairs: &[(&str, String)]| -> Input {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    };
    let user = |name: &'static str| async move {
        acre_store::users::credentials(&app.db, name)
            .await
            .map(|u| u.map(|(u, _)| Actor::new(u, None)))
    };
    let (Some(rep1), Some(manager1)) = (user("rep1").await?, user("manager1").await?) else {
        return Ok(());
    };
    let Some(opp) = app
        .db
        .fetch_optional(
            "SELECT id FROM opportunities WHERE owner_id = $1 AND grade = 'A' ORDER BY id LIMIT 1",
            &[Value::from(rep1.id())],
        )
        .await?
        .map(|r| r.i64("id"))
    else {
        return Ok(());
    };
    let first = |sql: &'static str| async move {
        app.db
            .fetch_optional(sql, &[])
            .await
            .map(|r| r.map(|r| r.i64("id")))
    };
    let strategy =
        first("SELECT id FROM price_strategies WHERE floor_price IS NOT NULL ORDER BY id LIMIT 1")
            .await?;
    let product = match strategy {
        Some(s) => app
            .db
            .fetch_optional(
                "SELECT product_id AS id FROM price_strategies WHERE id = $1",
                &[Value::from(s)],
            )
            .await?
            .map(|r| r.i64("id")),
        None => None,
    };
    let template =
        first("SELECT id FROM contract_templates WHERE deleted_at IS NULL ORDER BY id LIMIT 1")
            .await?;
    let today = crate::registry::value::today();
    let (quote, _) = app
        .create_record(
            &rep1,
            &crate::quotes::QUOTES,
            &input(&[
                ("title", "ERP 制造版与实施服务报价".into()),
                ("opportunity_id", opp.to_string()),
                ("quote_date", today.clone()),
                ("tax_rate", "13".into()),
                ("currency", "CNY".into()),
                ("payment_terms", "签约付 30%，上线付 60%，验收付 10%".into()),
            ]),
        )
        .await?;
    let mut line = vec![
        ("quote_id", quote.to_string()),
        ("quantity", "1".into()),
        ("discount", "5".into()),
    ];
    if let (Some(p), Some(s)) = (product, strategy) {
        line.push(("product_id", p.to_string()));
        line.push(("price_strategy_id", s.to_string()));
    } else {
        line.push(("description", "ERP 授权".into()));
        line.push(("unit_price", "380000".into()));
    }
    app.create_record(&rep1, &crate::quotes::QUOTE_LINES, &input(&line))
        .await?;
    app.create_record(
        &rep1,
        &crate::quotes::QUOTE_LINES,
        &input(&[
            ("quote_id", quote.to_string()),
            ("description", "实施顾问服务（人天）".into()),
            ("quantity", "40".into()),
            ("unit_price", "2500".into()),
        ]),
    )
    .await?;
    let version = |table: &'static str, id: i64| async move {
        app.db
            .fetch_optional(
                &format!("SELECT version FROM {table} WHERE id = $1"),
                &[Value::from(id)],
            )
            .await
            .map(|r| r.map(|r| r.i64("version")).unwrap_or(0))
    };
    let manager1 = &manager1;
    let approve = |aid: i64| async move {
        app.decide(
            manager1,
            aid,
            1,
            acre_domain::approval::Decision::Approve,
            Some("同意"),
        )
        .await
    };
    let aid = app
        .submit_held(
            &rep1,
            &crate::quotes::HELD,
            quote,
            version("quotes", quote).await?,
        )
        .await?;
    approve(aid).await?;
    app.mark_quote_sent(&rep1, quote, version("quotes", quote).await?)
        .await?;
    let mut fields = vec![
        ("title", "ERP 软件销售及实施合同".to_string()),
        ("quote_id", quote.to_string()),
        ("sign_date", today.clone()),
    ];
    if let Some(t) = template {
        fields.push(("template_id", t.to_string()));
    }
    let (contract, _) = app
        .create_record(&rep1, &crate::contracts::CONTRACTS, &input(&fields))
        .await?;
    let aid = app
        .submit_held(
            &rep1,
            &crate::contracts::HELD,
            contract,
            version("contracts", contract).await?,
        )
        .await?;
    approve(aid).await?;
    for to in ["signed", "executing"] {
        app.set_contract_status(&rep1, contract, version("contracts", contract).await?, to)
            .await?;
    }
    let total = app
        .db
        .fetch_optional(
            "SELECT amount FROM contracts WHERE id = $1",
            &[Value::from(contract)],
        )
        .await?
        .and_then(|r| r.opt_i64("amount"))
        .unwrap_or(0);
    let due = |days: i64| {
        (chrono::Utc::now() + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    let mut first_installment = 0;
    for (name, share, days) in [("首付款", 30, -20), ("上线款", 60, 60), ("验收款", 10, 120)]
    {
        let (id, _) = app
            .create_record(
                &rep1,
                &crate::contracts::INSTALLMENTS,
                &input(&[
                    ("name", name.into()),
                    ("contract_id", contract.to_string()),
                    ("due_date", due(days)),
                    (
                        "amount",
                        crate::registry::value::money_plain(total * share / 100),
                    ),
                ]),
            )
            .await?;
        if first_installment == 0 {
            first_installment = id;
        }
    }
    // Half of the down payment has come in: the rest is overdue.
    app.create_record(
        &rep1,
        &crate::contracts::PAYMENTS,
        &input(&[
            ("contract_id", contract.to_string()),
            ("installment_id", first_installment.to_string()),
            ("received_on", due(-15)),
            (
                "amount",
                crate::registry::value::money_plain(total * 15 / 100),
            ),
            ("method", "bank_transfer".into()),
            ("reference", "招行回单 0001".into()),
        ]),
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, reports_to: Option<i64>) -> MapEntry {
        MapEntry {
            id,
            contact_id: id * 10,
            name: format!("p{id}"),
            title: None,
            department: None,
            decision_role: None,
            influence: "high".into(),
            support: "high".into(),
            quadrant: None,
            reports_to: reports_to.map(|r| r * 10),
        }
    }

    fn drawn(entries: Vec<MapEntry>) -> Vec<(usize, i64)> {
        let map = DecisionMapView {
            entries,
            warn_few: false,
            warn_heads: false,
        };
        map.chart().into_iter().map(|(d, e)| (d, e.id)).collect()
    }

    #[test]
    fn the_chart_puts_each_person_under_their_superior() {
        // 1 is the boss; 2 and 3 report to 1; 4 to 3; 5 to someone not on
        // the map, so heads a branch of their own.
        let chart = drawn(vec![
            person(4, Some(3)),
            person(2, Some(1)),
            person(1, None),
            person(3, Some(1)),
            person(5, Some(99)),
        ]);
        assert_eq!(chart, [(0, 1), (1, 2), (1, 3), (2, 4), (0, 5)]);
    }

    #[test]
    fn a_loop_of_reports_is_drawn_once() {
        let chart = drawn(vec![
            person(1, Some(2)),
            person(2, Some(1)),
            person(3, Some(3)),
        ]);
        assert_eq!(chart.len(), 3, "{chart:?}");
        assert_eq!(chart[0], (0, 3), "reporting to oneself heads a branch");
        assert!(chart.contains(&(0, 1)) && chart.contains(&(1, 2)));
    }
}
