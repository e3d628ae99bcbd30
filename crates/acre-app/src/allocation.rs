//! Who owns a customer (CU4 allocation, CU5 transfer, the pool 公海): every
//! change of owner — register, reclaim, assign, transfer, claim, release, the
//! idle rule — goes through `move_customers`, one transaction of a few
//! set-based statements that writes ownership history beside the change, so
//! 100,000 customers move as fast as ten and the history is never partial.

use acre_domain::{Capability, Role};
use acre_store::{Tx, Value, now_ms};

use crate::customers::CUSTOMERS;
use crate::error::{AppError, ErrorCode, Result};
use crate::registry::ListQuery;
use crate::registry::service::MAX_BULK;
use crate::registry::sql::{self, Sql};
use crate::registry::tally;
use crate::{Actor, App};

/// Why a customer joined or left someone's territory (CU12), plus the two
/// reasons the system itself gives (reallocated by a manager, idle).
pub const REASONS: &[&str] = &[
    "exchange",
    "closed_down",
    "won",
    "lost",
    "new_development",
    "handed_over",
    "reallocated",
    "idle",
];

/// A day in China Standard Time, where the daily claim limit resets.
const CST_OFFSET_MS: i64 = 8 * 3600 * 1000;
const DAY_MS: i64 = 24 * 3600 * 1000;

/// Which customers an action takes: those matching a list query (the same
/// filter language as the customer list) or chosen ones.
#[derive(Clone, Debug)]
pub enum Selection {
    Query(ListQuery),
    Ids(Vec<i64>),
}

/// What happens to the selected customers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Manager: owners removed, customers go to the pool (重新分配).
    Reclaim,
    /// Manager: to a chosen person, from the pool or from the team (功能分配 / 选择分配).
    Assign(i64),
    /// Owner: to a colleague (转交).
    Transfer(i64),
    /// Rep: from the pool to oneself (领取).
    Claim,
    /// Owner: back to the pool (放弃).
    Release,
    /// The idle rule (no follow-up for N days), run by the background job.
    Idle,
}

impl Selection {
    /// Chosen ids when there are any, else the customers matching `filter`
    /// (list query pairs such as `f.grade=A,B`).
    pub fn from_parts(filter: &[(String, String)], ids: &[i64]) -> Result<Selection> {
        if ids.is_empty() {
            Ok(Selection::Query(ListQuery::parse(&CUSTOMERS, filter)?))
        } else {
            Ok(Selection::Ids(ids.to_vec()))
        }
    }
}

impl Action {
    /// From its stable name (`reclaim`, `assign`, `transfer`, `claim`,
    /// `release`) and the receiving person where one is needed.
    pub fn parse(name: &str, to_user: Option<i64>) -> Result<Action> {
        let to = || to_user.ok_or_else(|| AppError::field("to_user", "err-required"));
        Ok(match name {
            "reclaim" => Action::Reclaim,
            "assign" => Action::Assign(to()?),
            "transfer" => Action::Transfer(to()?),
            "claim" => Action::Claim,
            "release" => Action::Release,
            _ => return Err(AppError::field("action", "err-option")),
        })
    }

    /// Stable key in `ownership_history.action` and locale keys `own-action-{key}`.
    pub fn key(self) -> &'static str {
        match self {
            Action::Reclaim => "reclaimed",
            Action::Assign(_) => "assigned",
            Action::Transfer(_) => "transferred",
            Action::Claim => "claimed",
            Action::Release => "released",
            Action::Idle => "idle_reclaimed",
        }
    }
    fn to_user(self, actor: &Actor) -> Option<i64> {
        match self {
            Action::Assign(u) | Action::Transfer(u) => Some(u),
            Action::Claim => Some(actor.id()),
            Action::Reclaim | Action::Release | Action::Idle => None,
        }
    }
    fn default_reason(self) -> &'static str {
        match self {
            Action::Reclaim | Action::Assign(_) => "reallocated",
            Action::Claim => "new_development",
            Action::Idle => "idle",
            Action::Transfer(_) | Action::Release => "handed_over",
        }
    }
}

/// How many customers an action would move, and from whom (the preview
/// shown before anything runs).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Preview {
    pub count: i64,
    /// `(current owner, their name, count)`, largest first; no owner = the pool.
    pub by_owner: Vec<(Option<i64>, String, i64)>,
}

/// The outcome of a move.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Moved {
    pub run_id: i64,
    pub moved: i64,
}

/// One row of a customer's ownership history.
#[derive(Clone, Debug, serde::Serialize)]
pub struct OwnershipEntry {
    pub at: i64,
    pub action: String,
    pub reason: Option<String>,
    pub from_user: Option<String>,
    pub to_user: Option<String>,
    pub by_user: Option<String>,
    pub note: Option<String>,
}

/// The pool's rules (one row in `pool_rules`); `None` means no limit.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PoolRules {
    pub daily_claim_limit: Option<i64>,
    pub cooldown_days: Option<i64>,
    pub holding_cap: Option<i64>,
    /// Days without follow-up before a customer of grade A, B, C, D or no
    /// grade returns to the pool.
    pub idle_days: [Option<i64>; 5],
    pub warn_days: i64,
}

/// Grades in the order of `PoolRules::idle_days`; the last is "no grade".
pub const IDLE_GRADES: [&str; 5] = ["A", "B", "C", "D", ""];

/// Start of today in China Standard Time, as epoch milliseconds.
pub fn cst_day_start(now: i64) -> i64 {
    (now + CST_OFFSET_MS).div_euclid(DAY_MS) * DAY_MS - CST_OFFSET_MS
}

impl App {
    /// The WHERE (on `customers t`) of the customers an action may take: the
    /// selection, live rows, and what the actor may move.
    fn movable(&self, actor: &Actor, sel: &Selection, action: Action, s: &mut Sql) -> Result<()> {
        match sel {
            Selection::Query(q) => {
                let q = ListQuery {
                    trash: false,
                    ..q.clone()
                };
                sql::where_clause(&CUSTOMERS, &q, s);
            }
            Selection::Ids(ids) => {
                if ids.is_empty() || ids.len() > MAX_BULK {
                    return Err(AppError::field("ids", "err-select-customers"));
                }
                s.push(" WHERE t.deleted_at IS NULL AND t.id IN (");
                let marks: Vec<String> = ids.iter().map(|id| s.arg(Value::from(*id))).collect();
                s.push(&marks.join(", "));
                s.push(")");
            }
        }
        match action {
            Action::Reclaim | Action::Assign(_) => actor.require(Capability::AllocateCustomers)?,
            Action::Transfer(_) | Action::Release | Action::Claim => {
                actor.require(Capability::EditCustomers)?
            }
            Action::Idle => {}
        }
        if let Some(p) = taken_from(actor, action, ROWS, s) {
            s.push(&format!(" AND {p}"));
        }
        Ok(())
    }

    /// The movable customers counted by current owner (`owner_id`, 0 for
    /// the pool, and `n`) as the tallies hold them, when the selection is a
    /// filter they answer (`tally::ask`): a preview and a move's count then
    /// read a few rows instead of every match (a tenth of 1M customers by
    /// source: 98 ms on SQLite, whose selection indexes leave out the owner).
    /// Call after `movable`, which checks that the actor may act.
    fn tallied(&self, actor: &Actor, sel: &Selection, action: Action) -> Option<Sql> {
        let Selection::Query(q) = sel else {
            return None;
        };
        let asked = tally::ask(&CUSTOMERS, q)?;
        let mut s = Sql::on(self.db.backend());
        let mut w = asked.conditions(&mut s);
        w.push(taken_from(actor, action, TALLIES, &mut s)?);
        s.push(&format!(
            "SELECT k.owner_id, CAST(SUM(k.n) AS BIGINT) AS n FROM {} k WHERE {} \
             GROUP BY k.owner_id HAVING SUM(k.n) > 0",
            tally::table(&CUSTOMERS),
            w.join(" AND ")
        ));
        Some(s)
    }

    /// How many customers the action would move now, by current owner.
    pub async fn preview_move(
        &self,
        actor: &Actor,
        sel: &Selection,
        action: Action,
    ) -> Result<Preview> {
        let mut s = Sql::on(self.db.backend());
        self.movable(actor, sel, action, &mut s)?;
        let (text, args) = match self.tallied(actor, sel, action) {
            Some(k) => (format!("{} ORDER BY n DESC", k.text), k.args),
            None => (
                format!(
                    "SELECT t.owner_id, COUNT(*) AS n FROM customers t{} GROUP BY t.owner_id ORDER BY n DESC",
                    s.text
                ),
                s.args,
            ),
        };
        let rows = self.db.fetch_all(&text, &args).await?;
        // The tallies name the pool 0.
        let owner_of = |r: &acre_store::Row| r.opt_i64("owner_id").filter(|o| *o != 0);
        let ids: Vec<i64> = rows.iter().filter_map(owner_of).collect();
        let names = acre_store::users::names(&self.db, &ids).await?;
        let by_owner: Vec<(Option<i64>, String, i64)> = rows
            .iter()
            .map(|r| {
                let owner = owner_of(r);
                let name = owner
                    .and_then(|o| names.get(&o).cloned())
                    .unwrap_or_default();
                (owner, name, r.i64("n"))
            })
            .collect();
        Ok(Preview {
            count: by_owner.iter().map(|(_, _, n)| n).sum(),
            by_owner,
        })
    }

    /// Move the selected customers. `expected` is the count the person saw in
    /// the preview: if the matches changed since, nothing moves (409).
    pub async fn move_customers(
        &self,
        actor: &Actor,
        sel: &Selection,
        action: Action,
        reason: Option<&str>,
        note: Option<&str>,
        expected: Option<i64>,
    ) -> Result<Moved> {
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            Some(r) if REASONS.contains(&r) => r,
            Some(_) => return Err(AppError::field("reason", "err-option")),
            None if matches!(action, Action::Transfer(_)) => {
                return Err(AppError::field("reason", "err-required"));
            }
            None => action.default_reason(),
        };
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        if note.is_some_and(|n| n.chars().count() > 500) {
            return Err(AppError::field("note", "err-too-long"));
        }
        if let Some(to) = action.to_user(actor) {
            self.check_recipient(actor, action, to).await?;
        }
        let mut s = Sql::on(self.db.backend());
        self.movable(actor, sel, action, &mut s)?;
        let mut tx = self.db.begin().await?;
        if let Selection::Ids(ids) = sel {
            lock_rows(&mut tx, ids).await?;
        }
        let count = match self.tallied(actor, sel, action) {
            Some(k) => {
                let sum = format!(
                    "SELECT CAST(COALESCE(SUM(x.n), 0) AS BIGINT) AS n FROM ({}) x",
                    k.text
                );
                count(&mut tx, &sum, &k.args).await?
            }
            None => {
                let all = format!("SELECT COUNT(*) AS n FROM customers t{}", s.text);
                count(&mut tx, &all, &s.args).await?
            }
        };
        if expected.is_some_and(|e| e != count) {
            return Err(AppError::new(ErrorCode::StaleVersion).with_message("err-moved-meanwhile"));
        }
        if count == 0 {
            return Err(AppError::field("ids", "err-nothing-to-move"));
        }
        if action == Action::Claim {
            self.check_claim(&mut tx, actor, &s, count).await?;
        }
        if let Action::Transfer(to) = action {
            check_cap(&mut tx, to, count, self.pool_rules().await?.holding_cap).await?;
        }
        let criteria = match sel {
            Selection::Query(q) => format!("{:?} {:?}", q.q, q.filters),
            Selection::Ids(ids) => format!("{} ids", ids.len()),
        };
        let step = Step {
            action,
            to: action.to_user(actor),
            reason,
            note,
            by: Some(actor.id()),
            criteria: &criteria,
        };
        let run_id = apply(&mut tx, &s, &step, count).await?;
        tx.commit().await?;
        self.vacuum_after(count, MOVED_TABLES.to_vec());
        Ok(Moved {
            run_id,
            moved: count,
        })
    }

    /// The person receiving customers must be active and able to own them; a
    /// manager assigns within their own team.
    async fn check_recipient(&self, actor: &Actor, action: Action, to: i64) -> Result<()> {
        let user = acre_store::users::by_id(&self.db, to)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| AppError::field("to_user", "err-no-such-user"))?;
        let role = Role::from_key(&user.role).unwrap_or(Role::Rep);
        if !role.can(Capability::EditCustomers) {
            return Err(AppError::field("to_user", "err-cannot-own-customers"));
        }
        match action {
            Action::Transfer(_) if to == actor.id() => {
                Err(AppError::field("to_user", "err-transfer-self"))
            }
            Action::Assign(_) if !self.in_scope(actor, to).await? => {
                Err(AppError::field("to_user", "err-not-in-team"))
            }
            _ => Ok(()),
        }
    }

    /// The pool's limits on a claim: per day, the former owner's wait, the cap.
    async fn check_claim(&self, tx: &mut Tx, actor: &Actor, s: &Sql, claiming: i64) -> Result<()> {
        let rules = self.pool_rules().await?;
        let now = now_ms();
        if let Some(limit) = rules.daily_claim_limit {
            let today = count(
                tx,
                "SELECT COUNT(*) AS n FROM ownership_history WHERE to_user = $1 AND action = 'claimed' AND at >= $2",
                &[actor.id().into(), cst_day_start(now).into()],
            )
            .await?;
            if today + claiming > limit {
                let mut e = AppError::new(ErrorCode::LimitReached).with_message("err-claim-limit");
                e.args = vec![
                    ("limit", limit.to_string()),
                    ("left", (limit - today).max(0).to_string()),
                ];
                return Err(e);
            }
        }
        if let Some(days) = rules.cooldown_days.filter(|d| *d > 0) {
            let mut c = Sql {
                args: s.args.clone(),
                ..Sql::default()
            };
            let me = c.arg(actor.id().into());
            let since = c.arg((now - days * DAY_MS).into());
            let recent = count(
                tx,
                &format!(
                    "SELECT COUNT(*) AS n FROM ownership_history h WHERE h.from_user = {me} AND h.to_user IS NULL \
                     AND h.at > {since} AND h.customer_id IN (SELECT t.id FROM customers t{})",
                    s.text
                ),
                &c.args,
            )
            .await?;
            if recent > 0 {
                let mut e =
                    AppError::new(ErrorCode::LimitReached).with_message("err-claim-cooldown");
                e.args = vec![("days", days.to_string())];
                return Err(e);
            }
        }
        check_cap(tx, actor.id(), claiming, rules.holding_cap).await
    }

    /// A customer's owners over time, newest first.
    pub async fn ownership_history(
        &self,
        actor: &Actor,
        customer: i64,
    ) -> Result<Vec<OwnershipEntry>> {
        self.get_record(actor, &CUSTOMERS, customer, false).await?;
        let rows = self
            .db
            .fetch_all(
                "SELECT h.at, h.action, h.reason, fu.display_name AS from_name, tu.display_name AS to_name, \
                 bu.display_name AS by_name, r.note FROM ownership_history h \
                 LEFT JOIN users fu ON fu.id = h.from_user LEFT JOIN users tu ON tu.id = h.to_user \
                 LEFT JOIN users bu ON bu.id = h.by_user LEFT JOIN allocation_runs r ON r.id = h.run_id \
                 WHERE h.customer_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT 200",
                &[customer.into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| OwnershipEntry {
                at: r.i64("at"),
                action: r.str("action"),
                reason: r.opt_str("reason"),
                from_user: r.opt_str("from_name"),
                to_user: r.opt_str("to_name"),
                by_user: r.opt_str("by_name"),
                note: r.opt_str("note"),
            })
            .collect())
    }

    /// The pool's rules; none set means no limits and no idle rule.
    pub async fn pool_rules(&self) -> Result<PoolRules> {
        let Some(r) = self
            .db
            .fetch_optional("SELECT * FROM pool_rules WHERE id = 1", &[])
            .await?
        else {
            return Ok(PoolRules {
                warn_days: 7,
                ..PoolRules::default()
            });
        };
        Ok(PoolRules {
            daily_claim_limit: r.opt_i64("daily_claim_limit"),
            cooldown_days: r.opt_i64("cooldown_days"),
            holding_cap: r.opt_i64("holding_cap"),
            idle_days: [
                r.opt_i64("idle_days_a"),
                r.opt_i64("idle_days_b"),
                r.opt_i64("idle_days_c"),
                r.opt_i64("idle_days_d"),
                r.opt_i64("idle_days_ungraded"),
            ],
            warn_days: r.i64("warn_days"),
        })
    }

    /// Change the pool's rules (those who allocate customers).
    pub async fn set_pool_rules(&self, actor: &Actor, rules: &PoolRules) -> Result<()> {
        actor.require(Capability::AllocateCustomers)?;
        let bad = |v: Option<i64>| v.is_some_and(|n| !(0..=100_000).contains(&n));
        let mut errs = crate::FieldErrors::new();
        for (k, v) in [
            ("daily_claim_limit", rules.daily_claim_limit),
            ("cooldown_days", rules.cooldown_days),
            ("holding_cap", rules.holding_cap),
            ("warn_days", Some(rules.warn_days)),
        ] {
            if bad(v) {
                errs.insert(k.into(), "err-number-range".into());
            }
        }
        for (i, v) in rules.idle_days.iter().enumerate() {
            if bad(*v) || v.is_some_and(|n| n == 0) {
                errs.insert(format!("idle_days_{i}"), "err-number-range".into());
            }
        }
        if !errs.is_empty() {
            return Err(AppError::fields(errs));
        }
        let mut tx = self.db.begin().await?;
        tx.execute("DELETE FROM pool_rules WHERE id = 1", &[])
            .await?;
        let d = &rules.idle_days;
        tx.execute(
            "INSERT INTO pool_rules (id, daily_claim_limit, cooldown_days, holding_cap, idle_days_a, idle_days_b, \
             idle_days_c, idle_days_d, idle_days_ungraded, warn_days, updated_at, updated_by) \
             VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                rules.daily_claim_limit.into(),
                rules.cooldown_days.into(),
                rules.holding_cap.into(),
                d[0].into(),
                d[1].into(),
                d[2].into(),
                d[3].into(),
                d[4].into(),
                rules.warn_days.into(),
                now_ms().into(),
                actor.id().into(),
            ],
        )
        .await?;
        let change = acre_store::audit::Change {
            field: "pool_rules".into(),
            old: None,
            new: serde_json::to_string(rules).ok(),
        };
        acre_store::audit::record(&mut tx, Some(actor.id()), "pool", 1, "updated", &[change])
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// New customers start their ownership history with the owner their
/// registrar chose (none: the pool), set-based for imports.
pub(crate) async fn registered(tx: &mut Tx, actor: &Actor, ids: &[i64]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let now = now_ms();
    let mut s = Sql::default();
    let now_p = s.arg(now.into());
    let by_p = s.arg(actor.id().into());
    let marks: Vec<String> = ids.iter().map(|id| s.arg(Value::from(*id))).collect();
    let list = marks.join(", ");
    let sql = format!(
        "INSERT INTO ownership_history (customer_id, from_user, to_user, action, reason, at, by_user) \
         SELECT id, NULL, owner_id, 'registered', 'new_development', {now_p}, {by_p} FROM customers WHERE id IN ({list})"
    );
    if ids.len() > 1 {
        tx.keeping_check_plans(async |tx: &mut Tx| tx.execute(&sql, &s.args).await)
            .await?;
    } else {
        tx.execute(&sql, &s.args).await?;
    }
    // `owned_since` stays empty: the registrar has owned it since it was
    // created, which is where `IDLE_SINCE` falls back to. Not writing it
    // spares every imported row a second version.
    Ok(())
}

/// A customer deleted for good takes its owners' history with it (the log
/// has no foreign keys to do it; see migration 0029).
pub(crate) async fn forget(tx: &mut Tx, customer: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM ownership_history WHERE customer_id = $1",
        &[customer.into()],
    )
    .await?;
    Ok(())
}

/// The `n` of a `SELECT COUNT(*) AS n …`.
async fn count(tx: &mut Tx, sql: &str, args: &[Value]) -> Result<i64> {
    Ok(tx
        .fetch_optional(sql, args)
        .await?
        .map(|r| r.i64("n"))
        .unwrap_or(0))
}

/// One move, as recorded in `allocation_runs`.
struct Step<'a> {
    action: Action,
    to: Option<i64>,
    reason: &'a str,
    note: Option<&'a str>,
    /// Who ran it; `None` for the idle rule, which runs as the system.
    by: Option<i64>,
    criteria: &'a str,
}

/// Move the `count` customers that `s` (a WHERE on `customers t`) selects:
/// the run, the history (which keeps each customer's previous owner), the
/// owners (and the copy their opportunities carry), and the old owner's
/// shares — five set-based statements.
async fn apply(tx: &mut Tx, s: &Sql, step: &Step<'_>, count: i64) -> Result<i64> {
    let now = now_ms();
    let run_id = tx
        .insert(
            "INSERT INTO allocation_runs (action, criteria, to_user, reason, note, moved, at, by_user) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            &[
                step.action.key().into(),
                step.criteria.into(),
                step.to.into(),
                step.reason.into(),
                step.note.into(),
                count.into(),
                now.into(),
                step.by.into(),
            ],
        )
        .await?;
    let mut h = Sql {
        args: s.args.clone(),
        ..Sql::default()
    };
    let to_p = h.arg(step.to.into());
    let action_p = h.arg(step.action.key().into());
    let reason_p = h.arg(step.reason.into());
    let run_p = h.arg(run_id.into());
    let now_p = h.arg(now.into());
    let by_p = h.arg(step.by.into());
    tx.keeping_check_plans(async |tx: &mut Tx| -> Result<()> {
        // Both statements visit the customers in id order, which is the order of
        // their rows on disk: each page is read and written once, while the
        // order of the filter's index sends the database back and forth over
        // the whole table (on PostgreSQL at 1M customers, 20.6 s → 13.6 s for
        // a move of 98,798; see docs/performance.md).
        tx.execute(
            &format!(
                "INSERT INTO ownership_history (customer_id, from_user, to_user, action, reason, run_id, at, by_user) \
                 SELECT t.id, t.owner_id, {to_p}, {action_p}, {reason_p}, {run_p}, {now_p}, {by_p} FROM customers t{} \
                 ORDER BY t.id",
                s.text
            ),
            &h.args,
        )
        .await?;
        let moved_ids = "SELECT customer_id FROM ownership_history WHERE run_id = $1";
        let update = "UPDATE customers AS t SET owner_id = $2, owned_since = $3, last_followup_at = NULL, \
             version = t.version + 1, updated_at = $4, updated_by = $5 \
             FROM (SELECT customer_id, from_user FROM ownership_history WHERE run_id = $1 \
             ORDER BY customer_id) AS h WHERE t.id = h.customer_id";
        let args = [
            run_id.into(),
            step.to.into(),
            step.to.map(|_| now).into(),
            now.into(),
            step.by.into(),
        ];
        // What the moved customers counted for, handed to the new owner.
        let held = match tx.backend() {
            // The update returns each row's classification and former owner,
            // sparing a second visit of every moved row (0.6–0.9 s for 80,000).
            acre_store::Backend::Postgres => {
                let returning = format!(
                    "WITH moved AS ({update} RETURNING h.from_user AS owner_id, {}) {}",
                    tally::columns(&CUSTOMERS),
                    tally::grouped(&CUSTOMERS, "SELECT * FROM moved")
                );
                tally::of_rows(&CUSTOMERS, &tx.fetch_all(&returning, &args).await?)
            }
            // SQLite's RETURNING may not name the history: the rows are read
            // first, which leaves their pages in the cache for the update.
            acre_store::Backend::Sqlite => {
                let held = tally::of(
                    tx,
                    &CUSTOMERS,
                    &format!("t.id IN ({moved_ids})"),
                    &[run_id.into()],
                )
                .await?;
                tx.execute(update, &args).await?;
                held
            }
        };
        tally::add(tx, &CUSTOMERS, &held.moved_to(step.to)).await?;
        // Opportunities carry their customer's owner: who sees them follows.
        tx.execute(
            &format!(
                "UPDATE opportunities SET customer_owner_id = $2 WHERE customer_id IN ({moved_ids})"
            ),
            &[run_id.into(), step.to.into()],
        )
        .await?;
        // A new owner decides afresh whom to share with.
        tx.execute(
            &format!("DELETE FROM customer_shares WHERE customer_id IN ({moved_ids})"),
            &[run_id.into()],
        )
        .await?;
        Ok(())
    })
    .await?;
    Ok(run_id)
}

/// How a statement names a customer's owner: the column, and its tests for
/// an owned customer and for the pool.
struct OwnerColumn {
    column: &'static str,
    owned: &'static str,
    pool: &'static str,
}

/// The customers' own rows (`customers t`).
const ROWS: OwnerColumn = OwnerColumn {
    column: "t.owner_id",
    owned: "t.owner_id IS NOT NULL",
    pool: "t.owner_id IS NULL",
};

/// Their tallies (`customer_tallies k`), where the pool is owner 0.
const TALLIES: OwnerColumn = OwnerColumn {
    column: "k.owner_id",
    owned: "k.owner_id <> 0",
    pool: "k.owner_id = 0",
};

/// The owners whose customers `action` takes, as a condition on `o`
/// (arguments pushed on `s`): one rule for a selection of customers and for
/// their tallies. `None` for the idle rule, which selects by itself.
fn taken_from(actor: &Actor, action: Action, o: OwnerColumn, s: &mut Sql) -> Option<String> {
    let scope = |s: &mut Sql| {
        let (pred, args) = crate::org::owner_predicate(actor, o.column, s.args.len() + 1);
        s.args.extend(args);
        pred
    };
    Some(match action {
        Action::Reclaim => format!("{} AND {}", o.owned, scope(s)),
        Action::Assign(to) => {
            let p = scope(s);
            let to = s.arg(to.into());
            format!("({} OR ({p} AND {} <> {to}))", o.pool, o.column)
        }
        Action::Transfer(_) | Action::Release => {
            format!("{} = {}", o.column, s.arg(actor.id().into()))
        }
        Action::Claim => o.pool.to_string(),
        Action::Idle => return None,
    })
}

/// What a move rewrites.
const MOVED_TABLES: [&str; 3] = ["customers", "opportunities", "ownership_history"];

/// When a customer counts as idle: its last follow-up, else since its owner got it.
const IDLE_SINCE: &str = "COALESCE(t.last_followup_at, t.owned_since, t.created_at)";

/// The WHERE of owned customers of one grade idle since before `cutoff`.
fn idle_where(grade: &str, cutoff: i64, s: &mut Sql) {
    let c = s.arg(cutoff.into());
    s.push(&format!(
        " WHERE t.deleted_at IS NULL AND t.owner_id IS NOT NULL AND {IDLE_SINCE} < {c}"
    ));
    let is_grade = grade_is(grade, s);
    s.push(&format!(" AND {is_grade}"));
}

/// The test for customers of `grade` (empty: ungraded), as the idle rules
/// name grades.
fn grade_is(grade: &str, s: &mut Sql) -> String {
    if grade.is_empty() {
        "t.grade IS NULL".to_string()
    } else {
        format!("t.grade = {}", s.arg(grade.into()))
    }
}

/// A customer about to return to the pool under the idle rule.
#[derive(Clone, Debug, serde::Serialize)]
pub struct IdleWarning {
    pub id: i64,
    pub name: String,
    pub grade: Option<String>,
    /// When the rule will take it.
    pub due_at: i64,
}

impl App {
    /// Return idle customers to the pool, per grade (the background job).
    /// Returns how many moved.
    pub async fn run_idle_rule(&self, now: i64) -> Result<i64> {
        let rules = self.pool_rules().await?;
        let mut total = 0;
        for (grade, days) in IDLE_GRADES.iter().zip(rules.idle_days) {
            let Some(days) = days else { continue };
            let mut s = Sql::default();
            idle_where(grade, now - days * DAY_MS, &mut s);
            let mut tx = self.db.begin().await?;
            let count = count(
                &mut tx,
                &format!("SELECT COUNT(*) AS n FROM customers t{}", s.text),
                &s.args,
            )
            .await?;
            if count > 0 {
                let criteria = format!("grade={grade} idle_days={days}");
                let step = Step {
                    action: Action::Idle,
                    to: None,
                    reason: "idle",
                    note: None,
                    by: None,
                    criteria: &criteria,
                };
                apply(&mut tx, &s, &step, count).await?;
            }
            tx.commit().await?;
            total += count;
        }
        self.vacuum_after(total, MOVED_TABLES.to_vec());
        Ok(total)
    }

    /// The actor's customers the idle rule will take within the warning
    /// period, the 100 soonest first. One walk of the actor's customers for
    /// every grade with a rule (one per grade read a rep's 150,000 customers
    /// five times at 1M).
    pub async fn idle_warnings(&self, actor: &Actor) -> Result<Vec<IdleWarning>> {
        let rules = self.pool_rules().await?;
        let now = now_ms();
        let mut s = Sql::default();
        let mut taken = Vec::new();
        let mut due = Vec::new();
        for (grade, days) in IDLE_GRADES.iter().zip(rules.idle_days) {
            let Some(days) = days else { continue };
            let is_grade = grade_is(grade, &mut s);
            let cutoff = s.arg((now - (days - rules.warn_days).max(0) * DAY_MS).into());
            taken.push(format!("({is_grade} AND {IDLE_SINCE} < {cutoff})"));
            due.push(format!(
                "WHEN {is_grade} THEN {}",
                s.arg((days * DAY_MS).into())
            ));
        }
        if taken.is_empty() {
            return Ok(Vec::new());
        }
        let me = s.arg(actor.id().into());
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "SELECT t.id, t.name, t.grade, {IDLE_SINCE} + CASE {} END AS due FROM customers t \
                     WHERE t.deleted_at IS NULL AND t.owner_id = {me} AND ({}) ORDER BY due, t.id LIMIT 100",
                    due.join(" "),
                    taken.join(" OR ")
                ),
                &s.args,
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| IdleWarning {
                id: r.i64("id"),
                name: r.str("name"),
                grade: r.opt_str("grade"),
                due_at: r.i64("due"),
            })
            .collect())
    }

    /// Run `job` only if this instance holds the lease `name` (taken when
    /// free or expired, kept by its holder), so one server of many runs it.
    pub async fn take_lease(&self, name: &str, holder: &str, ttl_ms: i64) -> Result<bool> {
        let now = now_ms();
        let n = self
            .db
            .execute(
                "INSERT INTO job_leases (name, holder, expires_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at \
                 WHERE job_leases.expires_at < $4 OR job_leases.holder = excluded.holder",
                &[name.into(), holder.into(), (now + ttl_ms).into(), now.into()],
            )
            .await?;
        Ok(n == 1)
    }
}

/// Hold the chosen rows until commit, so two people claiming the same
/// customer cannot both get it (SQLite's write transaction already serialises).
async fn lock_rows(tx: &mut Tx, ids: &[i64]) -> Result<()> {
    if tx.backend() != acre_store::Backend::Postgres {
        return Ok(());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let args: Vec<Value> = ids.iter().map(|i| Value::from(*i)).collect();
    tx.fetch_all(
        &format!(
            "SELECT id FROM customers WHERE id IN ({}) FOR UPDATE",
            marks.join(", ")
        ),
        &args,
    )
    .await?;
    Ok(())
}

/// Refuse when `user` would hold more than the cap (库容).
async fn check_cap(tx: &mut Tx, user: i64, adding: i64, cap: Option<i64>) -> Result<()> {
    let Some(cap) = cap else { return Ok(()) };
    let held = count(
        tx,
        &format!("SELECT {} AS n", tally::held_sql(&CUSTOMERS, "$1")),
        &[user.into()],
    )
    .await?;
    if held + adding > cap {
        let mut e = AppError::new(ErrorCode::LimitReached).with_message("err-holding-cap");
        e.args = vec![("cap", cap.to_string()), ("held", held.to_string())];
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claim_day_starts_at_midnight_in_china() {
        // 2026-11-27 15:59:59 UTC is 23:59:59 in Beijing; a second later is the next day.
        let before = 1_795_795_199_000;
        assert_eq!(cst_day_start(before), 1_795_708_800_000);
        assert_eq!(cst_day_start(before + 1000), 1_795_795_200_000);
    }
}
