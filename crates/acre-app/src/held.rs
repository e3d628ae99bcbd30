//! Records whose status follows an approval request (quotes, contracts): a
//! draft is submitted through the engine and held `under_approval`; the
//! decision sets it approved, rejected, or back to draft (returned or
//! withdrawn); sending a returned request again holds it anew. Types lock
//! their drafts with `Editable`, so nothing changes while held.

use acre_domain::approval::State;
use acre_store::{Tx, Value, now_ms};

use crate::approvals::{NewRequest, Request};
use crate::error::{AppError, ErrorCode, Result};
use crate::registry::RecordType;
use crate::{Actor, App};

/// How a type's records go through approval.
pub struct Held {
    /// The request kind (its chain is configured under this name).
    pub kind: &'static str,
    pub rt: &'static RecordType,
    /// The amount the chain's thresholds read.
    pub amount: &'static str,
    /// A boolean field that, when set, flags the request (`below_floor`).
    pub flag: Option<(&'static str, &'static str)>,
    /// Children without which a record is not submitted: `(table, link, message)`.
    pub needs: Option<(&'static str, &'static str, &'static str)>,
    /// The status an approval gives.
    pub approved: &'static str,
    /// The status a rejection gives.
    pub rejected: &'static str,
}

/// Every kind that holds its record.
fn all() -> [&'static Held; 2] {
    [&crate::quotes::HELD, &crate::contracts::HELD]
}

pub(crate) fn find(kind: &str) -> Option<&'static Held> {
    all().into_iter().find(|h| h.kind == kind)
}

/// The approval a resource's records go through (`quotes`, `contracts`).
pub fn of_resource(key: &str) -> Option<&'static Held> {
    all().into_iter().find(|h| h.rt.key == key)
}

/// Set a record's status from one of `from` to `to`, with its version
/// when given, and audit it.
pub(crate) async fn set_status(
    tx: &mut Tx,
    rt: &RecordType,
    by: i64,
    id: i64,
    version: Option<i64>,
    from: &[&str],
    to: &str,
) -> Result<()> {
    let marks: Vec<String> = (0..from.len()).map(|i| format!("${}", i + 4)).collect();
    let mut args = vec![Value::from(to), Value::from(now_ms()), Value::from(by)];
    args.extend(from.iter().map(|s| Value::from(*s)));
    args.push(Value::from(id));
    let mut text = format!(
        "UPDATE {} SET status = $1, updated_at = $2, updated_by = $3, version = version + 1 \
         WHERE status IN ({}) AND id = ${} AND deleted_at IS NULL",
        rt.table,
        marks.join(", "),
        from.len() + 4
    );
    if let Some(v) = version {
        args.push(Value::from(v));
        text.push_str(&format!(" AND version = ${}", from.len() + 5));
    }
    if tx.execute(&text, &args).await? != 1 {
        return Err(AppError::stale());
    }
    acre_store::audit::record(
        tx,
        Some(by),
        rt.entity,
        id,
        "updated",
        &[acre_store::audit::Change {
            field: "status".into(),
            old: from.first().map(|s| s.to_string()),
            new: Some(to.into()),
        }],
    )
    .await?;
    Ok(())
}

/// What a decision (or a withdrawal) does to the held record.
pub(crate) async fn decided(tx: &mut Tx, by: i64, r: &Request, state: State) -> Result<()> {
    let Some(h) = find(&r.kind) else {
        return Ok(());
    };
    let to = match state {
        State::Approved => h.approved,
        State::Rejected => h.rejected,
        State::Returned | State::Withdrawn => "draft",
        State::Pending => return Ok(()),
    };
    set_status(tx, h.rt, by, r.record_id, None, &["under_approval"], to).await
}

/// A returned request sent again holds its record again.
pub(crate) async fn resubmitted(tx: &mut Tx, by: i64, r: &Request) -> Result<()> {
    match find(&r.kind) {
        Some(h) => {
            set_status(
                tx,
                h.rt,
                by,
                r.record_id,
                None,
                &["draft"],
                "under_approval",
            )
            .await
        }
        None => Ok(()),
    }
}

/// A status step taken by hand: from one of `from` to `to`, else `message`.
pub struct Step {
    pub from: &'static [&'static str],
    pub to: &'static str,
    pub message: &'static str,
}

impl App {
    /// Submit a draft for approval through the engine; it is held while
    /// pending. A request returned earlier is sent again rather than
    /// doubled. Returns the request's id.
    pub async fn submit_held(
        &self,
        actor: &Actor,
        h: &'static Held,
        id: i64,
        version: i64,
    ) -> Result<i64> {
        let rec = self.get_record(actor, h.rt, id, false).await?;
        if !self.can_edit(actor, h.rt, &rec) {
            return Err(AppError::forbidden());
        }
        if rec.get("status").to_text().as_deref() != Some("draft") {
            return Err(AppError::new(ErrorCode::RuleRefused).with_message("err-held-locked"));
        }
        if let Some((table, link, message)) = h.needs {
            let n = self
                .db
                .fetch_optional(
                    &format!(
                        "SELECT COUNT(*) AS n FROM {table} WHERE {link} = $1 AND deleted_at IS NULL"
                    ),
                    &[Value::from(id)],
                )
                .await?
                .map(|r| r.i64("n"))
                .unwrap_or(0);
            if n == 0 {
                return Err(AppError::new(ErrorCode::RuleRefused).with_message(message));
            }
        }
        let mut tx = self.db.begin().await?;
        let returned = App::open_request(&mut tx, h.rt.entity, id, h.kind).await?;
        drop(tx);
        if let Some(r) = returned {
            self.resubmit(actor, r.id, r.version, None).await?;
            return Ok(r.id);
        }
        let flags: Vec<&str> = h
            .flag
            .filter(|(field, _)| rec.get(field) == Value::Bool(Some(true)))
            .map(|(_, flag)| flag)
            .into_iter()
            .collect();
        let amount = rec.get(h.amount).as_i64();
        let steps = self
            .resolve_chain(&actor.user, h.kind, amount, &flags)
            .await?;
        let title = format!(
            "{} {}",
            rec.get("number").to_text().unwrap_or_default(),
            rec.title(h.rt)
        );
        let mut tx = self.db.begin().await?;
        set_status(
            &mut tx,
            h.rt,
            actor.id(),
            id,
            Some(version),
            &["draft"],
            "under_approval",
        )
        .await?;
        let aid = self
            .submit_in(
                &mut tx,
                actor,
                &NewRequest {
                    kind: h.kind,
                    entity: h.rt.entity,
                    record_id: id,
                    title: &title,
                    amount,
                    payload: None,
                    flags: &flags,
                },
                &steps,
            )
            .await?;
        tx.commit().await?;
        Ok(aid)
    }

    /// Take a step on a record the actor may edit (a quote sent, a
    /// contract signed…); refused with the step's message from elsewhere.
    pub async fn advance_status(
        &self,
        actor: &Actor,
        rt: &'static RecordType,
        id: i64,
        version: i64,
        step: Step,
    ) -> Result<()> {
        let Step { from, to, message } = step;
        let rec = self.get_record(actor, rt, id, false).await?;
        if !self.can_edit(actor, rt, &rec) {
            return Err(AppError::forbidden());
        }
        if !rec
            .get("status")
            .to_text()
            .is_some_and(|s| from.contains(&s.as_str()))
        {
            return Err(AppError::new(ErrorCode::RuleRefused).with_message(message));
        }
        let mut tx = self.db.begin().await?;
        set_status(&mut tx, rt, actor.id(), id, Some(version), from, to).await?;
        tx.commit().await?;
        Ok(())
    }
}
