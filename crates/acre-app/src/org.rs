//! The organisation: data scope as one composable SQL predicate (design.md §5)
//! and "my supervisor" for approvals.

use acre_domain::ScopeKind;
use acre_store::Value;
use acre_store::departments::{self, Department};
use acre_store::users::{self, User};

use crate::error::Result;
use crate::{Actor, App};

/// SQL that selects the ids of every user in the department subtree rooted at
/// parameter `$n` (a recursive CTE both databases understand).
pub(crate) fn subtree_users_sql(n: usize) -> String {
    format!(
        "SELECT su.id FROM users su WHERE su.department_id IN (\
         WITH RECURSIVE sub(id) AS (SELECT CAST(${n} AS BIGINT) \
         UNION ALL SELECT d.id FROM departments d JOIN sub ON d.parent_id = sub.id) \
         SELECT id FROM sub)"
    )
}

/// The predicate "the row's owner is someone `actor` may see", on column
/// `owner_col`, with parameters numbered from `$first`. Composed into every
/// query that lists, counts, exports or prints records: never a per-row check.
pub fn owner_predicate(actor: &Actor, owner_col: &str, first: usize) -> (String, Vec<Value>) {
    match (actor.role.scope(), actor.user.department_id) {
        (ScopeKind::All, _) => ("1=1".to_string(), vec![]),
        (ScopeKind::Subtree, Some(dept)) => (
            format!(
                "({owner_col} = ${first} OR {owner_col} IN ({}))",
                subtree_users_sql(first + 1)
            ),
            vec![actor.id().into(), dept.into()],
        ),
        (ScopeKind::Subtree, None) | (ScopeKind::Own, _) => {
            (format!("{owner_col} = ${first}"), vec![actor.id().into()])
        }
    }
}

/// Like `owner_predicate`, with a team written as one set (`owner IN (the
/// actor, then the subtree's people)`) rather than an `OR`: a query on an
/// index led by the owner then reads one range per person (a kanban
/// column's count, a team's forecast), where the `OR` made SQLite walk
/// another index and look up every row.
pub fn owner_set_predicate(actor: &Actor, owner_col: &str, first: usize) -> (String, Vec<Value>) {
    match (actor.role.scope(), actor.user.department_id) {
        (ScopeKind::Subtree, Some(dept)) => (
            format!(
                "{owner_col} IN (SELECT CAST(${first} AS BIGINT) UNION ALL {})",
                subtree_users_sql(first + 1)
            ),
            vec![actor.id().into(), dept.into()],
        ),
        _ => owner_predicate(actor, owner_col, first),
    }
}

/// Whether `owner_predicate` is one equality (the actor's own rows), which an
/// index on the owner answers as one range.
pub fn owns_alone(actor: &Actor) -> bool {
    matches!(
        (actor.role.scope(), actor.user.department_id),
        (ScopeKind::Own, _) | (ScopeKind::Subtree, None)
    )
}

/// A department with its place in the tree, for display.
#[derive(Clone, Debug, serde::Serialize)]
pub struct DeptNode {
    #[serde(flatten)]
    pub dept: Department,
    pub depth: usize,
    /// Names from the root down to this department, e.g. "总经理室 / 大客户部".
    pub path: String,
}

/// Order departments depth-first (children after their parent, by sort order).
pub fn tree(all: &[Department]) -> Vec<DeptNode> {
    fn walk(
        all: &[Department],
        parent: Option<i64>,
        depth: usize,
        prefix: &str,
        out: &mut Vec<DeptNode>,
    ) {
        for d in all.iter().filter(|d| d.parent_id == parent) {
            let path = if prefix.is_empty() {
                d.name.clone()
            } else {
                format!("{prefix} / {}", d.name)
            };
            out.push(DeptNode {
                dept: d.clone(),
                depth,
                path: path.clone(),
            });
            if depth < 32 {
                walk(all, Some(d.id), depth + 1, &path, out);
            }
        }
    }
    let mut out = Vec::with_capacity(all.len());
    walk(all, None, 0, "", &mut out);
    out
}

/// Whether `candidate` is `dept` or lies below it.
pub fn is_in_subtree(all: &[Department], dept: i64, candidate: i64) -> bool {
    let mut cur = Some(candidate);
    let mut steps = 0;
    while let Some(id) = cur {
        if id == dept {
            return true;
        }
        cur = all.iter().find(|d| d.id == id).and_then(|d| d.parent_id);
        steps += 1;
        if steps > all.len() {
            break;
        }
    }
    false
}

impl App {
    /// Whether `user` is within the actor's data scope (themselves, their
    /// department subtree, or everyone), by the same predicate as records.
    pub async fn in_scope(&self, actor: &Actor, user: i64) -> Result<bool> {
        let (pred, args) = owner_predicate(actor, "u.id", 2);
        let mut all = vec![Value::from(user)];
        all.extend(args);
        Ok(self
            .db
            .fetch_optional(
                &format!("SELECT u.id FROM users u WHERE u.id = $1 AND {pred}"),
                &all,
            )
            .await?
            .is_some())
    }

    /// Users the actor may see by their data scope (rep: self; manager: their
    /// department subtree; others: everyone), a bounded page.
    pub async fn team(
        &self,
        actor: &Actor,
        q: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<User>, i64)> {
        let (pred, args) = owner_predicate(actor, "u.id", 1);
        Ok(users::list(
            &self.db,
            (&pred, args),
            q,
            limit.clamp(1, 200),
            offset.max(0),
        )
        .await?)
    }

    /// "My supervisor": the direct superior if set, else the head of the
    /// user's department (or of the nearest department above that has one).
    pub async fn supervisor_of(&self, user: &User) -> Result<Option<User>> {
        if let Some(id) = user.superior_id {
            return Ok(users::by_id(&self.db, id).await?);
        }
        let all = departments::all(&self.db).await?;
        let mut cur = user.department_id;
        let mut steps = 0;
        while let Some(id) = cur {
            let Some(d) = all.iter().find(|d| d.id == id) else {
                break;
            };
            if let Some(head) = d.head_user_id.filter(|h| *h != user.id) {
                return Ok(users::by_id(&self.db, head).await?);
            }
            cur = d.parent_id;
            steps += 1;
            if steps > all.len() {
                break;
            }
        }
        Ok(None)
    }
}
