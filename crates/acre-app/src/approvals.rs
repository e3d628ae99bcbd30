//! The approval engine (design.md §6, AC9): one request on one record, a
//! chain of steps resolved from the organisation when it is submitted, the
//! decisions with their history, the inbox and the notifications. What an
//! approval does to its record is the kind's business (`effects`).

use acre_domain::Role;
use acre_domain::approval::{self, Approver, Decision, State, StepRule};
use acre_store::departments;
use acre_store::users::{self, User};
use acre_store::{Row, Tx, Value, now_ms};

use crate::error::{AppError, ErrorCode, Result};
use crate::{Actor, App};

/// Request kinds and what approving each does.
pub const KINDS: &[&str] = &["stage_skip", "quote", "contract"];

/// The flags a kind's requests may carry, which a step may require
/// (a quote under a floor price: `below_floor`).
pub fn flags_of(kind: &str) -> Vec<&'static str> {
    crate::held::find(kind)
        .and_then(|h| h.flag)
        .map(|(_, flag)| vec![flag])
        .unwrap_or_default()
}

/// One approval request as lists and pages show it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Request {
    pub id: i64,
    pub kind: String,
    pub entity: String,
    pub record_id: i64,
    pub title: String,
    pub amount: Option<i64>,
    /// What approving will do, as the kind reads it (e.g. the target stage).
    pub payload: Option<String>,
    pub requested_by: i64,
    pub requested_by_name: String,
    pub state: String,
    pub step: i64,
    pub approver_id: Option<i64>,
    pub approver_name: Option<String>,
    pub approver_role: Option<String>,
    pub reason: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub decided_at: Option<i64>,
}

/// One thing that happened to a request.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Event {
    pub at: i64,
    pub user_name: Option<String>,
    pub action: String,
    pub step: Option<i64>,
    pub comment: Option<String>,
}

/// One resolved step: a user, or anyone of a role.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Step {
    pub position: i64,
    pub approver_id: Option<i64>,
    pub approver_name: Option<String>,
    pub approver_role: Option<String>,
}

/// A request with its steps and history.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Detail {
    pub request: Request,
    pub steps: Vec<Step>,
    pub events: Vec<Event>,
    /// Whether the viewer may decide the current step now.
    pub can_decide: bool,
    /// Whether the viewer is the requester and may withdraw or resubmit.
    pub is_requester: bool,
}

/// Which requests an inbox lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inbox {
    /// 待我审批: waiting for the viewer's answer.
    Todo,
    /// 我发起的: the viewer's own requests, any state.
    Mine,
}

/// What a request is about, as its kind submits it.
pub struct NewRequest<'a> {
    pub kind: &'static str,
    pub entity: &'static str,
    pub record_id: i64,
    pub title: &'a str,
    pub amount: Option<i64>,
    pub payload: Option<String>,
    /// Conditions steps may depend on (`below_floor`).
    pub flags: &'a [&'a str],
}

/// A configured step, as the administrator edits it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FlowStep {
    pub approver: String,
    pub role: Option<String>,
    pub user_id: Option<i64>,
    pub min_amount: Option<i64>,
    pub flag: Option<String>,
}

const SELECT: &str = "SELECT r.id, r.kind, r.entity, r.record_id, r.title, r.amount, r.payload, \
     r.requested_by, ru.display_name AS requested_by_name, r.state, r.step, r.approver_id, \
     au.display_name AS approver_name, r.approver_role, r.reason, r.version, r.created_at, \
     r.updated_at, r.decided_at FROM approval_requests r \
     JOIN users ru ON ru.id = r.requested_by LEFT JOIN users au ON au.id = r.approver_id";

fn request(r: &Row) -> Request {
    Request {
        id: r.i64("id"),
        kind: r.str("kind"),
        entity: r.str("entity"),
        record_id: r.i64("record_id"),
        title: r.str("title"),
        amount: r.opt_i64("amount"),
        payload: r.opt_str("payload"),
        requested_by: r.i64("requested_by"),
        requested_by_name: r.str("requested_by_name"),
        state: r.str("state"),
        step: r.i64("step"),
        approver_id: r.opt_i64("approver_id"),
        approver_name: r.opt_str("approver_name"),
        approver_role: r.opt_str("approver_role"),
        reason: r.opt_str("reason"),
        version: r.i64("version"),
        created_at: r.i64("created_at"),
        updated_at: r.i64("updated_at"),
        decided_at: r.opt_i64("decided_at"),
    }
}

/// Whether `actor` answers the request's current step.
fn answers(actor: &Actor, r: &Request) -> bool {
    r.requested_by != actor.id()
        && (r.approver_id == Some(actor.id())
            || r.approver_role.as_deref() == Some(actor.role.key()))
}

async fn event(
    tx: &mut Tx,
    request: i64,
    user: i64,
    action: &str,
    step: Option<i64>,
    comment: Option<&str>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO approval_events (request_id, at, user_id, action, step, comment) VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Value::from(request),
            Value::from(now_ms()),
            Value::from(user),
            Value::from(action),
            Value::from(step),
            Value::from(comment),
        ],
    )
    .await?;
    Ok(())
}

/// Tell a user, or everyone of a role, about a request.
async fn notify(
    tx: &mut Tx,
    who: (Option<i64>, Option<&str>),
    kind: &str,
    title: &str,
    link: &str,
) -> Result<()> {
    let users: Vec<i64> = match who {
        (Some(u), _) => vec![u],
        (None, Some(role)) => tx
            .fetch_all(
                "SELECT id FROM users WHERE role = $1 AND active = TRUE",
                &[Value::from(role)],
            )
            .await?
            .iter()
            .map(|r| r.i64("id"))
            .collect(),
        _ => vec![],
    };
    for u in users {
        tx.execute(
            "INSERT INTO notifications (user_id, at, kind, title, link) VALUES ($1, $2, $3, $4, $5)",
            &[
                Value::from(u),
                Value::from(now_ms()),
                Value::from(kind),
                Value::from(title),
                Value::from(link),
            ],
        )
        .await?;
    }
    Ok(())
}

/// An in-app notification.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Notification {
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub title: String,
    pub link: Option<String>,
    pub read: bool,
}

impl App {
    /// The configured chain of a kind, in order.
    pub async fn flow(&self, kind: &str) -> Result<Vec<FlowStep>> {
        let rows = self
            .db
            .fetch_all(
                "SELECT approver, role, user_id, min_amount, flag FROM approval_flow_steps WHERE kind = $1 ORDER BY position",
                &[Value::from(kind)],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| FlowStep {
                approver: r.str("approver"),
                role: r.opt_str("role"),
                user_id: r.opt_i64("user_id"),
                min_amount: r.opt_i64("min_amount"),
                flag: r.opt_str("flag"),
            })
            .collect())
    }

    /// Replace a kind's chain (administrators). Every step must name a
    /// known approver; requests already submitted keep their steps.
    pub async fn set_flow(&self, actor: &Actor, kind: &str, steps: &[FlowStep]) -> Result<()> {
        actor.require(acre_domain::Capability::AdministerAccounts)?;
        if !KINDS.contains(&kind) {
            return Err(AppError::not_found());
        }
        let mut errs = crate::error::FieldErrors::new();
        for (i, s) in steps.iter().enumerate() {
            if Approver::from_parts(&s.approver, s.role.as_deref(), s.user_id).is_none() {
                errs.insert(format!("steps[{i}].approver"), "err-option".into());
            }
        }
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM approval_flow_steps WHERE kind = $1",
            &[Value::from(kind)],
        )
        .await?;
        for (i, s) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO approval_flow_steps (kind, position, approver, role, user_id, min_amount, flag) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    Value::from(kind),
                    Value::from(i as i64 + 1),
                    Value::from(s.approver.as_str()),
                    Value::from(s.role.clone()),
                    Value::from(s.user_id),
                    Value::from(s.min_amount),
                    Value::from(s.flag.clone()),
                ],
            )
            .await?;
        }
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            "approval_flow",
            0,
            "updated",
            &[acre_store::audit::Change {
                field: kind.to_string(),
                old: None,
                new: Some(serde_json::to_string(steps).unwrap_or_default()),
            }],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Who decides each step of a request by `requester`: a user, or a role.
    /// Nobody approves their own request: a step that would fall to the
    /// requester goes to their supervisor, and one nobody fills goes to the
    /// general manager (the director, for the general manager's own).
    pub(crate) async fn resolve_chain(
        &self,
        requester: &User,
        kind: &str,
        amount: Option<i64>,
        flags: &[&str],
    ) -> Result<Vec<(Option<i64>, Option<String>)>> {
        let rules: Vec<StepRule> = self
            .flow(kind)
            .await?
            .iter()
            .filter_map(|s| {
                Some(StepRule {
                    approver: Approver::from_parts(&s.approver, s.role.as_deref(), s.user_id)?,
                    min_amount: s.min_amount,
                    flag: s.flag.clone(),
                })
            })
            .collect();
        let fallback = if requester.role == Role::GeneralManager.key() {
            Role::Director
        } else {
            Role::GeneralManager
        };
        let mut out = Vec::new();
        for a in approval::chain(&rules, amount, flags) {
            let user = match a {
                Approver::Superior => self.supervisor_of(requester).await?.map(|u| u.id),
                Approver::DepartmentHead => self.department_head(requester).await?,
                Approver::User(u) if u != requester.id => Some(u),
                Approver::User(_) => self.supervisor_of(requester).await?.map(|u| u.id),
                Approver::Role(r) => {
                    out.push((None, Some(r.key().to_string())));
                    continue;
                }
            };
            match user.filter(|u| *u != requester.id) {
                Some(u) => out.push((Some(u), None)),
                None => out.push((None, Some(fallback.key().to_string()))),
            }
        }
        Ok(out)
    }

    async fn department_head(&self, user: &User) -> Result<Option<i64>> {
        let all = departments::all(&self.db).await?;
        let mut cur = user.department_id;
        for _ in 0..all.len() {
            let Some(d) = cur.and_then(|id| all.iter().find(|d| d.id == id)) else {
                break;
            };
            if let Some(h) = d.head_user_id.filter(|h| *h != user.id) {
                return Ok(Some(h));
            }
            cur = d.parent_id;
        }
        Ok(None)
    }

    /// Submit a request inside the caller's transaction, with its steps
    /// resolved beforehand (`resolve_chain`). Returns its id.
    pub(crate) async fn submit_in(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        new: &NewRequest<'_>,
        steps: &[(Option<i64>, Option<String>)],
    ) -> Result<i64> {
        let now = now_ms();
        let (first_user, first_role) = steps.first().cloned().unwrap_or((None, None));
        let id = tx
            .insert(
                "INSERT INTO approval_requests (kind, entity, record_id, title, amount, payload, requested_by, state, step, approver_id, approver_role, version, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9, 1, $10, $10) RETURNING id",
                &[
                    Value::from(new.kind),
                    Value::from(new.entity),
                    Value::from(new.record_id),
                    Value::from(new.title),
                    Value::from(new.amount),
                    Value::from(new.payload.clone()),
                    Value::from(actor.id()),
                    Value::from(first_user),
                    Value::from(first_role.clone()),
                    Value::from(now),
                ],
            )
            .await?;
        for (i, (u, r)) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO approval_steps (request_id, position, approver_id, approver_role) VALUES ($1, $2, $3, $4)",
                &[
                    Value::from(id),
                    Value::from(i as i64),
                    Value::from(*u),
                    Value::from(r.clone()),
                ],
            )
            .await?;
        }
        event(tx, id, actor.id(), "submitted", Some(0), None).await?;
        let link = format!("/approvals/{id}");
        notify(
            tx,
            (first_user, first_role.as_deref()),
            "approval_pending",
            new.title,
            &link,
        )
        .await?;
        Ok(id)
    }

    /// The open request of a kind on a record, if any (its lock).
    pub(crate) async fn open_request(
        tx: &mut Tx,
        entity: &str,
        record_id: i64,
        kind: &str,
    ) -> Result<Option<Request>> {
        Ok(tx
            .fetch_optional(
                &format!(
                    "{SELECT} WHERE r.entity = $1 AND r.record_id = $2 AND r.kind = $3 AND r.state IN ('pending', 'returned') ORDER BY r.id DESC LIMIT 1"
                ),
                &[
                    Value::from(entity),
                    Value::from(record_id),
                    Value::from(kind),
                ],
            )
            .await?
            .as_ref()
            .map(request))
    }

    /// A request the actor may see: theirs, one they answer or answered a
    /// step of, or one by someone in their data scope.
    pub async fn approval(&self, actor: &Actor, id: i64) -> Result<Detail> {
        let (scope, mut args) = crate::org::owner_predicate(actor, "r.requested_by", 4);
        let mut all = vec![
            Value::from(id),
            Value::from(actor.id()),
            Value::from(actor.role.key()),
        ];
        all.append(&mut args);
        let row = self
            .db
            .fetch_optional(
                &format!(
                    "{SELECT} WHERE r.id = $1 AND (r.requested_by = $2 OR {scope} OR EXISTS (SELECT 1 FROM approval_steps s WHERE s.request_id = r.id AND (s.approver_id = $2 OR s.approver_role = $3)))"
                ),
                &all,
            )
            .await?
            .ok_or_else(AppError::not_found)?;
        let request = request(&row);
        let steps = self
            .db
            .fetch_all(
                "SELECT s.position, s.approver_id, u.display_name, s.approver_role FROM approval_steps s LEFT JOIN users u ON u.id = s.approver_id WHERE s.request_id = $1 ORDER BY s.position",
                &[Value::from(id)],
            )
            .await?
            .iter()
            .map(|r| Step {
                position: r.i64("position"),
                approver_id: r.opt_i64("approver_id"),
                approver_name: r.opt_str("display_name"),
                approver_role: r.opt_str("approver_role"),
            })
            .collect();
        let events = self
            .db
            .fetch_all(
                "SELECT e.at, u.display_name, e.action, e.step, e.comment FROM approval_events e LEFT JOIN users u ON u.id = e.user_id WHERE e.request_id = $1 ORDER BY e.id",
                &[Value::from(id)],
            )
            .await?
            .iter()
            .map(|r| Event {
                at: r.i64("at"),
                user_name: r.opt_str("display_name"),
                action: r.str("action"),
                step: r.opt_i64("step"),
                comment: r.opt_str("comment"),
            })
            .collect();
        Ok(Detail {
            can_decide: request.state == State::Pending.key() && answers(actor, &request),
            is_requester: request.requested_by == actor.id(),
            request,
            steps,
            events,
        })
    }

    /// Approve, reject or return the current step. Rejecting and returning
    /// need a reason. Only the step's approver may answer, never the
    /// requester; `version` must be current.
    pub async fn decide(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        decision: Decision,
        comment: Option<&str>,
    ) -> Result<State> {
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        let detail = self.approval(actor, id).await?;
        let r = &detail.request;
        if r.state != State::Pending.key() || !answers(actor, r) {
            return Err(AppError::forbidden());
        }
        if decision.needs_reason() && comment.is_none() {
            return Err(AppError::field("comment", "err-reason-required"));
        }
        let (state, step) = approval::after(decision, r.step as usize, detail.steps.len());
        let next = detail.steps.get(step).filter(|_| state == State::Pending);
        let now = now_ms();
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE approval_requests SET state = $1, step = $2, approver_id = $3, approver_role = $4, reason = $5, \
                 version = version + 1, updated_at = $6, decided_at = $7 WHERE id = $8 AND version = $9 AND state = 'pending'",
                &[
                    Value::from(state.key()),
                    Value::from(step as i64),
                    Value::from(next.and_then(|s| s.approver_id)),
                    Value::from(next.and_then(|s| s.approver_role.clone())),
                    Value::from(if decision == Decision::Approve {
                        r.reason.clone()
                    } else {
                        comment.map(str::to_string)
                    }),
                    Value::from(now),
                    Value::from((state != State::Pending).then_some(now)),
                    Value::from(id),
                    Value::from(version),
                ],
            )
            .await?;
        if n != 1 {
            return Err(AppError::stale());
        }
        let action = match decision {
            Decision::Approve => "approved",
            Decision::Reject => "rejected",
            Decision::Return => "returned",
        };
        event(&mut tx, id, actor.id(), action, Some(r.step), comment).await?;
        let link = format!("/approvals/{id}");
        match next {
            Some(s) => {
                notify(
                    &mut tx,
                    (s.approver_id, s.approver_role.as_deref()),
                    "approval_pending",
                    &r.title,
                    &link,
                )
                .await?
            }
            None => {
                notify(
                    &mut tx,
                    (Some(r.requested_by), None),
                    &format!("approval_{}", state.key()),
                    &r.title,
                    &link,
                )
                .await?
            }
        }
        self.approval_effects(&mut tx, actor, r, state).await?;
        tx.commit().await?;
        Ok(state)
    }

    /// The requester takes a pending or returned request back.
    pub async fn withdraw(&self, actor: &Actor, id: i64, version: i64) -> Result<()> {
        let detail = self.approval(actor, id).await?;
        let r = &detail.request;
        if !detail.is_requester || !State::parse(&r.state).is_some_and(State::open) {
            return Err(AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE approval_requests SET state = 'withdrawn', approver_id = NULL, approver_role = NULL, version = version + 1, updated_at = $1, decided_at = $1 \
                 WHERE id = $2 AND version = $3",
                &[Value::from(now_ms()), Value::from(id), Value::from(version)],
            )
            .await?;
        if n != 1 {
            return Err(AppError::stale());
        }
        event(&mut tx, id, actor.id(), "withdrawn", None, None).await?;
        self.approval_effects(&mut tx, actor, r, State::Withdrawn)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The requester sends a returned request again, from its first step.
    pub async fn resubmit(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        comment: Option<&str>,
    ) -> Result<()> {
        let detail = self.approval(actor, id).await?;
        let r = &detail.request;
        if !detail.is_requester || r.state != State::Returned.key() {
            return Err(AppError::forbidden());
        }
        let first = detail.steps.first();
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "UPDATE approval_requests SET state = 'pending', step = 0, approver_id = $1, approver_role = $2, version = version + 1, updated_at = $3, decided_at = NULL \
                 WHERE id = $4 AND version = $5",
                &[
                    Value::from(first.and_then(|s| s.approver_id)),
                    Value::from(first.and_then(|s| s.approver_role.clone())),
                    Value::from(now_ms()),
                    Value::from(id),
                    Value::from(version),
                ],
            )
            .await?;
        if n != 1 {
            return Err(AppError::stale());
        }
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        event(&mut tx, id, actor.id(), "resubmitted", Some(0), comment).await?;
        // Returned, a held record was a draft again; now it is held anew.
        crate::held::resubmitted(&mut tx, actor.id(), r).await?;
        notify(
            &mut tx,
            (
                first.and_then(|s| s.approver_id),
                first.and_then(|s| s.approver_role.as_deref()),
            ),
            "approval_pending",
            &r.title,
            &format!("/approvals/{id}"),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// An inbox page, newest first, with the total.
    pub async fn inbox(
        &self,
        actor: &Actor,
        which: Inbox,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Request>, i64)> {
        let (filter, args) = match which {
            Inbox::Todo => (
                "r.state = 'pending' AND r.requested_by <> $1 AND (r.approver_id = $1 OR r.approver_role = $2)",
                vec![Value::from(actor.id()), Value::from(actor.role.key())],
            ),
            Inbox::Mine => ("r.requested_by = $1", vec![Value::from(actor.id())]),
        };
        let total = self
            .db
            .fetch_optional(
                &format!("SELECT COUNT(*) AS n FROM approval_requests r WHERE {filter}"),
                &args,
            )
            .await?
            .map(|r| r.i64("n"))
            .unwrap_or(0);
        let mut page_args = args.clone();
        page_args.push(Value::from(limit.clamp(1, 200)));
        page_args.push(Value::from(offset.max(0)));
        let n = args.len();
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "{SELECT} WHERE {filter} ORDER BY r.updated_at DESC, r.id DESC LIMIT ${} OFFSET ${}",
                    n + 1,
                    n + 2
                ),
                &page_args,
            )
            .await?;
        Ok((rows.iter().map(request).collect(), total))
    }

    /// How many requests wait for the actor (the navigation's badge).
    pub async fn waiting_count(&self, actor: &Actor) -> Result<i64> {
        Ok(self.inbox(actor, Inbox::Todo, 1, 0).await?.1)
    }

    /// The requests on one record, newest first (its page's approval card).
    pub async fn approvals_of(&self, entity: &str, record_id: i64) -> Result<Vec<Request>> {
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "{SELECT} WHERE r.entity = $1 AND r.record_id = $2 ORDER BY r.id DESC LIMIT 20"
                ),
                &[Value::from(entity), Value::from(record_id)],
            )
            .await?;
        Ok(rows.iter().map(request).collect())
    }

    /// The actor's notifications, newest first, and how many are unread.
    pub async fn notifications(
        &self,
        actor: &Actor,
        limit: i64,
    ) -> Result<(Vec<Notification>, i64)> {
        let rows = self
            .db
            .fetch_all(
                "SELECT id, at, kind, title, link, read_at FROM notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2",
                &[Value::from(actor.id()), Value::from(limit.clamp(1, 200))],
            )
            .await?;
        let unread = self.unread_count(actor).await?;
        Ok((
            rows.iter()
                .map(|r| Notification {
                    id: r.i64("id"),
                    at: r.i64("at"),
                    kind: r.str("kind"),
                    title: r.str("title"),
                    link: r.opt_str("link"),
                    read: r.opt_i64("read_at").is_some(),
                })
                .collect(),
            unread,
        ))
    }

    pub async fn unread_count(&self, actor: &Actor) -> Result<i64> {
        Ok(self
            .db
            .fetch_optional(
                "SELECT COUNT(*) AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL",
                &[Value::from(actor.id())],
            )
            .await?
            .map(|r| r.i64("n"))
            .unwrap_or(0))
    }

    /// Mark all of the actor's notifications read.
    pub async fn read_notifications(&self, actor: &Actor) -> Result<()> {
        self.db
            .execute(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
                &[Value::from(now_ms()), Value::from(actor.id())],
            )
            .await?;
        Ok(())
    }

    /// What a decided (or withdrawn) request does to its record.
    async fn approval_effects(
        &self,
        tx: &mut Tx,
        actor: &Actor,
        r: &Request,
        state: State,
    ) -> Result<()> {
        match r.kind.as_str() {
            "stage_skip" if state == State::Approved => {
                let requester = users::by_id(&self.db, r.requested_by)
                    .await?
                    .ok_or_else(AppError::not_found)?;
                crate::pipeline::skip_approved(tx, &Actor::new(requester, None), actor, r).await
            }
            _ => crate::held::decided(tx, actor.id(), r, state).await,
        }
    }
}

/// Refuse a change while a request of `kind` holds the record.
pub(crate) async fn refuse_if_pending(
    tx: &mut Tx,
    entity: &str,
    record_id: i64,
    kind: &str,
) -> Result<()> {
    if App::open_request(tx, entity, record_id, kind)
        .await?
        .is_some()
    {
        return Err(AppError::new(ErrorCode::RuleRefused).with_message("err-pending-approval"));
    }
    Ok(())
}
