//! The pipeline's read views (SP1, SP4): the kanban's columns, the forecast
//! list and the 找单 / 养单 / 打单 split. Each is one query narrowed by the
//! opportunities' copy of their customer's owner (see `Access::CustomerCopy`)
//! and read from a partial index of open opportunities, so a column or the
//! forecast costs a page or a grouping of index entries, not a table walk.

use acre_domain::stages::Stage;
use acre_store::Value;

use crate::error::Result;
use crate::opportunities::OPPORTUNITIES;
use crate::registry::sql::Sql;
use crate::{Actor, App};

/// Cards a kanban column shows at once.
pub const COLUMN_PAGE: i64 = 20;

/// Beyond this a column's count reads "500+": nobody works a column card by
/// card past that, and counting further would read the whole stage.
pub const COLUMN_COUNT_UP_TO: i64 = 500;

/// One card on the kanban.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BoardCard {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub customer_id: i64,
    pub customer: String,
    pub owner: Option<String>,
    pub grade: Option<String>,
    /// Fen.
    pub amount: Option<i64>,
    pub close_date: Option<String>,
}

/// One page of a kanban column and the column's count.
#[derive(Clone, Debug, serde::Serialize)]
pub struct BoardColumn {
    pub stage: &'static str,
    pub cards: Vec<BoardCard>,
    /// Open opportunities at the stage, up to `COLUMN_COUNT_UP_TO`.
    pub count: i64,
    /// The count stopped at `COLUMN_COUNT_UP_TO`; there are more.
    pub more_than: bool,
    /// Another page follows this one.
    pub has_next: bool,
}

/// Narrowing the pipeline views (SP1): by the opportunity's grades, its
/// owner, the owner's team (a department and those under it), its lead
/// source and its expected close month (`YYYY-MM`).
#[derive(Clone, Debug, Default)]
pub struct BoardFilter {
    pub grades: Vec<String>,
    pub owner: Option<i64>,
    pub team: Option<i64>,
    pub source: Option<String>,
    pub close_month: Option<String>,
}

impl BoardFilter {
    /// From query pairs (`grade` may list several: `A,B`); a malformed
    /// value is a field error rather than an empty view.
    pub fn parse(
        grade: Option<&str>,
        owner: Option<&str>,
        team: Option<&str>,
        source: Option<&str>,
        close_month: Option<&str>,
    ) -> Result<BoardFilter> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let mut errs = crate::error::FieldErrors::new();
        let mut id = |key: &str, v: Option<&str>| -> Option<i64> {
            let v = given(v)?;
            let n = v.parse().ok();
            if n.is_none() {
                errs.insert(key.into(), "err-option".into());
            }
            n
        };
        let owner = id("owner_id", owner);
        let team = id("team", team);
        let grades: Vec<String> = given(grade)
            .map(|g| g.split(',').map(|x| x.trim().to_string()).collect())
            .unwrap_or_default();
        if grades
            .iter()
            .any(|g| !crate::customers::GRADES.contains(&g.as_str()))
        {
            errs.insert("grade".into(), "err-option".into());
        }
        let source = given(source).map(str::to_string);
        if source
            .as_deref()
            .is_some_and(|s| !crate::customers::SOURCES.contains(&s))
        {
            errs.insert("source".into(), "err-option".into());
        }
        let close_month = given(close_month).map(str::to_string);
        if close_month.as_deref().is_some_and(|m| {
            m.len() != 7 || crate::registry::value::parse_date(&format!("{m}-01")).is_none()
        }) {
            errs.insert("close_month".into(), "err-date".into());
        }
        if !errs.is_empty() {
            return Err(crate::error::AppError::fields(errs));
        }
        Ok(BoardFilter {
            grades,
            owner,
            team,
            source,
            close_month,
        })
    }

    /// Its conditions, appended to `s`.
    fn push(&self, s: &mut Sql) {
        if !self.grades.is_empty() {
            let marks: Vec<String> = self
                .grades
                .iter()
                .map(|g| s.arg(Value::from(g.as_str())))
                .collect();
            s.push(&format!(" AND t.grade IN ({})", marks.join(", ")));
        }
        if let Some(o) = self.owner {
            let o = s.arg(Value::from(o));
            s.push(&format!(" AND t.owner_id = {o}"));
        }
        if let Some(team) = self.team {
            let n = s.args.len() + 1;
            s.args.push(Value::from(team));
            s.push(&format!(
                " AND t.owner_id IN ({})",
                crate::org::subtree_users_sql(n)
            ));
        }
        if let Some(src) = &self.source {
            let p = s.arg(Value::from(src.as_str()));
            s.push(&format!(" AND t.source = {p}"));
        }
        if let Some(m) = &self.close_month {
            let p = s.arg(Value::from(format!("{m}%")));
            s.push(&format!(" AND t.close_date LIKE {p}"));
        }
    }
}

/// One row of the forecast list's summary: a close month and grade.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ForecastRow {
    /// `YYYY-MM`.
    pub month: String,
    pub grade: String,
    pub count: i64,
    /// Expected amounts, fen.
    pub total: i64,
    /// Amounts weighted by probability, fen.
    pub weighted: i64,
}

/// The open opportunities by kind of work (SP1): 找单 (D and ungraded),
/// 养单 (C and B), 打单 (A).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct WorkSplit {
    pub find: i64,
    pub nurture: i64,
    pub close: i64,
}

/// The WHERE shared by the views: open, live, of customers owned by someone
/// in the actor's sight or shared with them (not the pool's: an `OR` with
/// the pool made SQLite walk every stage row by row).
/// `paged` marks a query that reads rows in `updated_at` order: unless the
/// actor's rows are one range of the owner index (a rep without shares),
/// SQLite must not let the owner drive it, or it gathers and sorts every
/// row of a team instead of walking the stage's index to a page.
fn open_in_sight(app: &App, actor: &Actor, s: &mut Sql, paged: bool) {
    if paged
        && app.db.backend() == acre_store::Backend::Sqlite
        && (actor.has_shares || !crate::org::owns_alone(actor))
    {
        s.owner_plus = "+";
    }
    s.push(" WHERE t.status = 'open' AND t.deleted_at IS NULL");
    if let Some(p) = OPPORTUNITIES.access.owned_predicate(actor, s) {
        s.push(&format!(" AND {p}"));
    }
    s.owner_plus = "";
}

impl App {
    /// One page of a kanban column (SP4): the open opportunities at `stage`
    /// the actor sees, most recently changed first, and their capped count.
    pub async fn board_column(
        &self,
        actor: &Actor,
        stage: Stage,
        filter: &BoardFilter,
        page: i64,
    ) -> Result<BoardColumn> {
        self.readable_type(actor, OPPORTUNITIES.key)?;
        let where_ = |paged: bool| {
            let mut s = Sql::default();
            open_in_sight(self, actor, &mut s, paged);
            let st = s.arg(Value::from(stage.key()));
            s.push(&format!(" AND t.stage = {st}"));
            filter.push(&mut s);
            s
        };
        let c = where_(false);
        let count = self
            .db
            .fetch_optional(
                &format!(
                    "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM opportunities t{} LIMIT {}) c",
                    c.text,
                    COLUMN_COUNT_UP_TO + 1
                ),
                &c.args,
            )
            .await?
            .map(|r| r.i64("n"))
            .unwrap_or(0);
        let mut p = where_(true);
        let offset = p.arg(Value::from(page.max(0) * COLUMN_PAGE));
        // One more than a page tells whether another follows.
        let text = format!(
            "SELECT t.id, t.version, t.name, t.customer_id, t.grade, t.amount, t.close_date, \
             (SELECT c.name FROM customers c WHERE c.id = t.customer_id) AS customer, \
             (SELECT u.display_name FROM users u WHERE u.id = t.owner_id) AS owner \
             FROM opportunities t{} ORDER BY t.updated_at DESC, t.id DESC LIMIT {} OFFSET {}",
            p.text,
            COLUMN_PAGE + 1,
            offset
        );
        let rows = self.db.fetch_all(&text, &p.args).await?;
        let has_next = rows.len() as i64 > COLUMN_PAGE;
        Ok(BoardColumn {
            stage: stage.key(),
            cards: rows
                .iter()
                .take(COLUMN_PAGE as usize)
                .map(|r| BoardCard {
                    id: r.i64("id"),
                    version: r.i64("version"),
                    name: r.str("name"),
                    customer_id: r.i64("customer_id"),
                    customer: r.str("customer"),
                    owner: r.opt_str("owner"),
                    grade: r.opt_str("grade"),
                    amount: r.opt_i64("amount"),
                    close_date: r.opt_str("close_date"),
                })
                .collect(),
            count,
            more_than: count > COLUMN_COUNT_UP_TO,
            has_next,
        })
    }

    /// The forecast list (预计成交名单, SP1): the open A and B opportunities
    /// the actor may see by expected close month from `from_month` on
    /// (`YYYY-MM`), with counts, amounts and weighted amounts.
    pub async fn forecast(
        &self,
        actor: &Actor,
        from_month: &str,
        filter: &BoardFilter,
    ) -> Result<Vec<ForecastRow>> {
        self.readable_type(actor, OPPORTUNITIES.key)?;
        let mut s = Sql::default();
        open_in_sight(self, actor, &mut s, false);
        filter.push(&mut s);
        let from = s.arg(Value::from(from_month));
        // Grouped by day in the forecast index's own order (no sort), then
        // folded into months here: a few hundred groups instead of sorting
        // every opportunity by its month.
        let text = format!(
            "SELECT t.grade, t.close_date AS d, COUNT(*) AS n, \
             CAST(COALESCE(SUM(t.amount), 0) AS BIGINT) AS total, \
             SUM(t.amount * COALESCE(t.probability, 0)) AS weighted \
             FROM opportunities t{} AND t.grade IN ('A', 'B') AND t.close_date >= {from} \
             GROUP BY t.grade, t.close_date",
            s.text
        );
        let mut months: std::collections::BTreeMap<(String, String), (i64, i64, f64)> =
            Default::default();
        for r in self.db.fetch_all(&text, &s.args).await? {
            let day = r.str("d");
            let month = day.get(..7).unwrap_or(&day).to_string();
            let e = months.entry((month, r.str("grade"))).or_default();
            e.0 += r.i64("n");
            e.1 += r.i64("total");
            e.2 += r.value("weighted").as_f64().unwrap_or(0.0);
        }
        Ok(months
            .into_iter()
            .map(|((month, grade), (count, total, weighted))| ForecastRow {
                month,
                grade,
                count,
                total,
                weighted: (weighted / 100.0).round() as i64,
            })
            .collect())
    }

    /// How the actor's visible open opportunities split into 找单 / 养单 / 打单.
    pub async fn work_split(&self, actor: &Actor, filter: &BoardFilter) -> Result<WorkSplit> {
        self.readable_type(actor, OPPORTUNITIES.key)?;
        let mut s = Sql::default();
        open_in_sight(self, actor, &mut s, false);
        filter.push(&mut s);
        let text = format!(
            "SELECT t.grade, COUNT(*) AS n FROM opportunities t{} GROUP BY t.grade",
            s.text
        );
        let mut out = WorkSplit::default();
        for r in self.db.fetch_all(&text, &s.args).await? {
            let n = r.i64("n");
            match r.opt_str("grade").as_deref() {
                Some("A") => out.close += n,
                Some("B" | "C") => out.nurture += n,
                _ => out.find += n,
            }
        }
        Ok(out)
    }
}
