//! Territories (责任区, CU12): each rep's named-account list is the customers
//! they own, with a target size; its changes are the ownership history, each
//! with its reason, and a list below target asks for a supplement.

use acre_domain::{Capability, Role};
use acre_store::{Value, now_ms};

use crate::error::{AppError, Result};
use crate::{Actor, App};

const DAY_MS: i64 = 24 * 3600 * 1000;

/// One person's territory as their manager sees it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Territory {
    pub user_id: i64,
    pub name: String,
    pub held: i64,
    pub target: Option<i64>,
    /// Joined and left in the last 30 days.
    pub added_30d: i64,
    pub removed_30d: i64,
}

impl Territory {
    /// How many customers the list lacks to reach its target.
    pub fn shortfall(&self) -> i64 {
        self.target.map(|t| (t - self.held).max(0)).unwrap_or(0)
    }
}

/// One change of a territory: a customer joined or left, and why.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TerritoryChange {
    pub at: i64,
    pub customer_id: i64,
    pub customer: String,
    /// Whether the customer joined (true) or left (false) the list.
    pub joined: bool,
    pub action: String,
    pub reason: Option<String>,
    pub note: Option<String>,
    /// The other side: who it came from or went to (none: the pool).
    pub other: Option<String>,
}

impl App {
    /// The territories the actor may see: their own, or for those who
    /// allocate, everyone in their scope who can own customers.
    pub async fn territories(&self, actor: &Actor) -> Result<Vec<Territory>> {
        let (pred, mut args) = if actor.can(Capability::AllocateCustomers) {
            crate::org::owner_predicate(actor, "u.id", 1)
        } else {
            ("u.id = $1".to_string(), vec![Value::from(actor.id())])
        };
        let owners: Vec<&str> = Role::ALL
            .iter()
            .filter(|r| r.can(Capability::EditCustomers))
            .map(|r| r.key())
            .collect();
        let roles: Vec<String> = owners
            .iter()
            .map(|r| {
                args.push(Value::from(*r));
                format!("${}", args.len())
            })
            .collect();
        args.push(Value::from(now_ms() - 30 * DAY_MS));
        let since = format!("${}", args.len());
        // One grouped query per measure, joined to the users: no per-person loop.
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "SELECT u.id, u.display_name, tt.target_size, {} AS held, \
                     (SELECT COUNT(*) FROM ownership_history h WHERE h.to_user = u.id AND h.at >= {since}) AS added, \
                     (SELECT COUNT(*) FROM ownership_history h WHERE h.from_user = u.id AND h.at >= {since}) AS removed \
                     FROM users u LEFT JOIN territory_targets tt ON tt.user_id = u.id \
                     WHERE u.active = TRUE AND {pred} AND u.role IN ({}) ORDER BY u.display_name",
                    crate::registry::tally::held_sql(&crate::customers::CUSTOMERS, "u.id"),
                    roles.join(", ")
                ),
                &args,
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Territory {
                user_id: r.i64("id"),
                name: r.str("display_name"),
                held: r.i64("held"),
                target: r.opt_i64("target_size"),
                added_30d: r.i64("added"),
                removed_30d: r.i64("removed"),
            })
            .collect())
    }

    /// Whether the actor may look at `user`'s territory: their own, or in scope.
    async fn may_see_territory(&self, actor: &Actor, user: i64) -> Result<()> {
        if user == actor.id() {
            return Ok(());
        }
        if actor.can(Capability::AllocateCustomers) && self.in_scope(actor, user).await? {
            return Ok(());
        }
        Err(AppError::not_found())
    }

    /// Set a person's target list size (managers, for their team).
    pub async fn set_territory_target(
        &self,
        actor: &Actor,
        user: i64,
        target: Option<i64>,
    ) -> Result<()> {
        actor.require(Capability::AllocateCustomers)?;
        self.may_see_territory(actor, user).await?;
        if target.is_some_and(|t| !(0..=100_000).contains(&t)) {
            return Err(AppError::field("target_size", "err-number-range"));
        }
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM territory_targets WHERE user_id = $1",
            &[user.into()],
        )
        .await?;
        if let Some(t) = target {
            tx.execute(
                "INSERT INTO territory_targets (user_id, target_size, updated_at, updated_by) VALUES ($1, $2, $3, $4)",
                &[user.into(), t.into(), now_ms().into(), actor.id().into()],
            )
            .await?;
        }
        let change = acre_store::audit::Change {
            field: "target_size".into(),
            old: None,
            new: target.map(|t| t.to_string()),
        };
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            "territory",
            user,
            "updated",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The latest changes of `user`'s territory, newest first.
    pub async fn territory_changes(
        &self,
        actor: &Actor,
        user: i64,
        limit: i64,
    ) -> Result<Vec<TerritoryChange>> {
        self.may_see_territory(actor, user).await?;
        // The newest changes of each side, each from its own index, before
        // anything is joined: one OR over both read every change the rep
        // ever had with its customer, then sorted them (796 ms for a rep
        // with 150,000 customers at 1M on SQLite).
        let newest = |side: &str| {
            format!(
                "SELECT id FROM (SELECT h.id FROM ownership_history h WHERE h.{side} = $1 \
                 ORDER BY h.at DESC, h.id DESC LIMIT $2) AS {side}_side"
            )
        };
        let rows = self
            .db
            .fetch_all(
                &format!(
                    "SELECT h.at, h.customer_id, c.name, h.to_user, h.action, h.reason, r.note, \
                     fu.display_name AS from_name, tu.display_name AS to_name \
                     FROM ({} UNION {}) AS pick JOIN ownership_history h ON h.id = pick.id \
                     JOIN customers c ON c.id = h.customer_id \
                     LEFT JOIN users fu ON fu.id = h.from_user LEFT JOIN users tu ON tu.id = h.to_user \
                     LEFT JOIN allocation_runs r ON r.id = h.run_id \
                     ORDER BY h.at DESC, h.id DESC LIMIT $2",
                    newest("to_user"),
                    newest("from_user")
                ),
                &[user.into(), limit.clamp(1, 500).into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let joined = r.opt_i64("to_user") == Some(user);
                TerritoryChange {
                    at: r.i64("at"),
                    customer_id: r.i64("customer_id"),
                    customer: r.str("name"),
                    joined,
                    action: r.str("action"),
                    reason: r.opt_str("reason"),
                    note: r.opt_str("note"),
                    other: if joined {
                        r.opt_str("from_name")
                    } else {
                        r.opt_str("to_name")
                    },
                }
            })
            .collect())
    }
}

/// A lost opportunity's customer is logged on its owner's territory as lost
/// (SP16): it stays on the list, and the change asks for a supplement. The
/// note carries the loss's reason.
pub(crate) async fn log_lost(
    tx: &mut acre_store::Tx,
    actor: &Actor,
    owner: i64,
    customer: i64,
    reason: &str,
) -> Result<()> {
    let run = tx
        .insert(
            "INSERT INTO allocation_runs (action, to_user, reason, note, moved, at, by_user) VALUES ('opportunity_lost', $1, 'lost', $2, 0, $3, $4) RETURNING id",
            &[
                owner.into(),
                reason.into(),
                now_ms().into(),
                actor.id().into(),
            ],
        )
        .await?;
    tx.execute(
        "INSERT INTO ownership_history (customer_id, from_user, to_user, action, reason, run_id, at, by_user) VALUES ($1, $2, $2, 'opportunity_lost', 'lost', $3, $4, $5)",
        &[
            customer.into(),
            owner.into(),
            run.into(),
            now_ms().into(),
            actor.id().into(),
        ],
    )
    .await?;
    Ok(())
}
