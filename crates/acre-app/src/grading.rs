//! Grading customers (CU11) from the questionnaire of seed 002 §3, with the
//! target market (CU13) and key-account criteria (CU14) shown beside it.
//! Who may grade a customer is exactly who may edit it; the history and the
//! flagged list follow the customer's visibility.

use acre_domain::grading::market::{self, IndustryPosition, KeyAccountCheck, TargetMarket};
use acre_domain::grading::{Answers, Flag, Grade, Proposal};
use acre_store::Value;
use acre_store::audit::{self, Change};
use serde::Serialize;

use crate::customers::CUSTOMERS;
use crate::error::{AppError, FieldErrors, Result};
use crate::registry::sql::Sql;
use crate::registry::tally::Tally;
use crate::registry::{Input, Record};
use crate::{Actor, App};

/// Longest note kept with a grading.
const NOTE_MAX: usize = 500;
/// Longest page of the flagged list.
pub const FLAGGED_MAX: i64 = 200;

/// A parsed questionnaire submission.
#[derive(Clone, Debug)]
pub struct GradingForm {
    pub answers: Answers,
    /// CU14's third criterion, asked on the same form.
    pub position: Option<IndustryPosition>,
    /// The grade the rep picks; the proposal when left empty.
    pub chosen: Option<Grade>,
    pub note: Option<String>,
}

impl GradingForm {
    /// Check every field at once; each bad one gets its message key.
    pub fn parse(input: &Input) -> Result<GradingForm> {
        let get = |k: &str| input.get(k).map(String::as_str);
        let filled = |k: &str| get(k).map(str::trim).filter(|s| !s.is_empty());
        let mut errs = FieldErrors::new();
        let answers = Answers::parse(get).map_err(|e| {
            for (field, key) in e {
                errs.insert(field.into(), key.into());
            }
        });
        let position = filled("industry_position").map(IndustryPosition::parse);
        if position == Some(None) {
            errs.insert("industry_position".into(), "err-option".into());
        }
        let chosen = filled("chosen_grade").map(Grade::parse);
        if chosen == Some(None) {
            errs.insert("chosen_grade".into(), "err-option".into());
        }
        let note = filled("note").map(str::to_string);
        if note.as_ref().is_some_and(|n| n.chars().count() > NOTE_MAX) {
            errs.insert("note".into(), "err-too-long".into());
        }
        match answers {
            Ok(answers) if errs.is_empty() => Ok(GradingForm {
                answers,
                position: position.flatten(),
                chosen: chosen.flatten(),
                note,
            }),
            _ => Err(AppError::fields(errs)),
        }
    }

    /// What the answers say, before anything is stored.
    pub fn assess(&self) -> Assessment {
        let proposal = self.answers.propose();
        let chosen = self.chosen.unwrap_or(proposal.grade);
        Assessment {
            proposal,
            chosen,
            flag: self.answers.check(chosen),
        }
    }
}

/// The proposed grade, the chosen one and whether they contradict.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Assessment {
    pub proposal: Proposal,
    pub chosen: Grade,
    pub flag: Option<Flag>,
}

/// One stored grading.
#[derive(Clone, Debug, Serialize)]
pub struct GradeEntry {
    pub id: i64,
    pub at: i64,
    pub by_name: Option<String>,
    pub answers: serde_json::Value,
    pub proposed_grade: String,
    pub chosen_grade: String,
    pub flagged: bool,
    pub note: Option<String>,
}

/// A customer whose latest grading contradicts its answers.
#[derive(Clone, Debug, Serialize)]
pub struct FlaggedCustomer {
    pub customer_id: i64,
    pub customer_name: String,
    pub owner_name: Option<String>,
    pub proposed_grade: String,
    pub chosen_grade: String,
    pub graded_at: i64,
    pub graded_by: Option<String>,
}

/// CU13 and CU14 for one customer, from its file and latest grading.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct MarketView {
    pub target: TargetMarket,
    pub key_account: KeyAccountCheck,
}

/// CU13/CU14 from the customer's file and the industry position given at
/// its latest grading (`history` newest first).
pub fn market_view(rec: &Record, history: &[GradeEntry]) -> MarketView {
    let position = history
        .first()
        .and_then(|g| g.answers["industry_position"].as_str())
        .and_then(IndustryPosition::parse);
    let band = rec
        .get("revenue_band")
        .to_text()
        .and_then(|b| market::RevenueBand::from_key(&b));
    let share = match rec.get("market_share") {
        Value::Float(f) => f,
        _ => None,
    };
    let industry = rec.get("industry").to_text();
    MarketView {
        target: market::target_market(industry.as_deref(), band),
        key_account: market::key_account(band, share, position),
    }
}

impl App {
    /// Grade a customer: store the answers with the proposed and chosen
    /// grade, and set the customer's grade, in one transaction.
    pub async fn grade_customer(
        &self,
        actor: &Actor,
        customer: i64,
        input: &Input,
    ) -> Result<(i64, Assessment)> {
        let rec = self.get_record(actor, &CUSTOMERS, customer, false).await?;
        if !self.can_edit(actor, &CUSTOMERS, &rec) {
            return Err(AppError::forbidden());
        }
        let form = GradingForm::parse(input)?;
        let a = form.assess();
        let mut answers = serde_json::to_value(form.answers).unwrap_or_default();
        if let Some(p) = form.position {
            answers["industry_position"] = p.key().into();
        }
        let now = acre_store::now_ms();
        let mut tx = self.db.begin().await?;
        let id = tx
            .insert(
                "INSERT INTO grade_history (customer_id, answers, proposed_grade, chosen_grade, flagged, note, created_at, created_by) \
                 VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
                &[
                    customer.into(),
                    answers.to_string().into(),
                    a.proposal.grade.key().into(),
                    a.chosen.key().into(),
                    a.flag.is_some().into(),
                    form.note.clone().into(),
                    now.into(),
                    actor.id().into(),
                ],
            )
            .await?;
        // The grade field is the registry's; a concurrent edit makes this stale.
        let n = tx
            .execute(
                "UPDATE customers SET grade = $1, version = version + 1, updated_at = $2, updated_by = $3 \
                 WHERE id = $4 AND version = $5 AND deleted_at IS NULL",
                &[
                    a.chosen.key().into(),
                    now.into(),
                    actor.id().into(),
                    customer.into(),
                    rec.version.into(),
                ],
            )
            .await?;
        if n != 1 {
            return Err(AppError::stale());
        }
        let chosen = Value::from(a.chosen.key());
        let regraded = Tally::of_record(&CUSTOMERS, |k| rec.get(k), -1).plus(Tally::of_record(
            &CUSTOMERS,
            |k| {
                if k == "grade" {
                    chosen.clone()
                } else {
                    rec.get(k)
                }
            },
            1,
        ));
        crate::registry::tally::add(&mut tx, &CUSTOMERS, &regraded).await?;
        let change = Change {
            field: "grade".into(),
            old: rec.get("grade").to_text(),
            new: Some(a.chosen.key().into()),
        };
        audit::record(
            &mut tx,
            Some(actor.id()),
            CUSTOMERS.entity,
            customer,
            "graded",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok((id, a))
    }

    /// CU14: set the customer's category (and key-account flag) to the one
    /// the key-account criteria suggest, as an ordinary edit of `version`:
    /// the same permission, stale-edit and history rules as the form.
    /// Returns the category and the new version.
    pub async fn apply_suggested_category(
        &self,
        actor: &Actor,
        customer: i64,
        version: i64,
    ) -> Result<(&'static str, i64)> {
        let rec = self.get_record(actor, &CUSTOMERS, customer, false).await?;
        let history = self.grade_history(actor, customer).await?;
        let category = market_view(&rec, &history).key_account.category;
        let input: Input = [
            ("category".to_string(), category.to_string()),
            (
                "key_account".to_string(),
                (category == "key_account").to_string(),
            ),
        ]
        .into_iter()
        .collect();
        let version = self
            .update_record(actor, &CUSTOMERS, customer, version, &input)
            .await?;
        Ok((category, version))
    }

    /// Every grading of a customer the actor can see, newest first.
    pub async fn grade_history(&self, actor: &Actor, customer: i64) -> Result<Vec<GradeEntry>> {
        self.get_record(actor, &CUSTOMERS, customer, false).await?;
        let rows = self
            .db
            .fetch_all(
                "SELECT g.id, g.created_at, u.display_name, g.answers, g.proposed_grade, g.chosen_grade, g.flagged, g.note \
                 FROM grade_history g LEFT JOIN users u ON u.id = g.created_by \
                 WHERE g.customer_id = $1 ORDER BY g.id DESC",
                &[customer.into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| GradeEntry {
                id: r.i64("id"),
                at: r.i64("created_at"),
                by_name: r.opt_str("display_name"),
                answers: serde_json::from_str(&r.str("answers")).unwrap_or_default(),
                proposed_grade: r.str("proposed_grade"),
                chosen_grade: r.str("chosen_grade"),
                flagged: r.bool("flagged"),
                note: r.opt_str("note"),
            })
            .collect())
    }

    /// Customers in the actor's scope whose latest grading is flagged, newest
    /// first, with their total. Visibility is the customer list's predicate.
    pub async fn flagged_customers(
        &self,
        actor: &Actor,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<FlaggedCustomer>, i64)> {
        if !CUSTOMERS.access.can_read(actor) {
            return Err(AppError::forbidden());
        }
        let mut s = Sql::default();
        s.push(
            " FROM grade_history g JOIN customers t ON t.id = g.customer_id \
             LEFT JOIN users ou ON ou.id = t.owner_id LEFT JOIN users gu ON gu.id = g.created_by \
             WHERE g.flagged = TRUE AND t.deleted_at IS NULL \
             AND g.id = (SELECT MAX(h.id) FROM grade_history h WHERE h.customer_id = g.customer_id)",
        );
        if let Some(p) = CUSTOMERS.access.row_predicate(actor, &mut s) {
            s.push(&format!(" AND {p}"));
        }
        let total = self
            .db
            .fetch_optional(&format!("SELECT COUNT(*) AS n{}", s.text), &s.args)
            .await?
            .map(|r| r.i64("n"))
            .unwrap_or(0);
        let lim = s.arg(limit.clamp(1, FLAGGED_MAX).into());
        let off = s.arg(offset.max(0).into());
        let text = format!(
            "SELECT g.customer_id, t.name, ou.display_name AS owner_name, g.proposed_grade, g.chosen_grade, \
             g.created_at, gu.display_name AS graded_by{} ORDER BY g.created_at DESC, g.id DESC LIMIT {lim} OFFSET {off}",
            s.text
        );
        let rows = self.db.fetch_all(&text, &s.args).await?;
        let items = rows
            .iter()
            .map(|r| FlaggedCustomer {
                customer_id: r.i64("customer_id"),
                customer_name: r.str("name"),
                owner_name: r.opt_str("owner_name"),
                proposed_grade: r.str("proposed_grade"),
                chosen_grade: r.str("chosen_grade"),
                graded_at: r.i64("created_at"),
                graded_by: r.opt_str("graded_by"),
            })
            .collect();
        Ok((items, total))
    }
}

#[cfg(test)]
mod tests {
    use acre_domain::grading::market::{DISTRIBUTION, MANUFACTURING, RevenueBand};

    use crate::customers::CUSTOMERS;

    /// The domain's target-market lists use the customer field's option keys.
    #[test]
    fn market_lists_match_the_customer_options() {
        let industries = CUSTOMERS.field("industry").unwrap().options;
        for i in industries.iter().filter(|i| **i != "other") {
            assert!(
                MANUFACTURING.contains(i) || DISTRIBUTION.contains(i),
                "{i} is in neither list"
            );
        }
        for i in MANUFACTURING.iter().chain(DISTRIBUTION) {
            assert!(industries.contains(i), "{i} is no customer industry");
        }
        for b in CUSTOMERS.field("revenue_band").unwrap().options {
            assert!(RevenueBand::from_key(b).is_some(), "{b}");
        }
    }
}
