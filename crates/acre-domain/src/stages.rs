//! The nine stages of the sales process (seed 002 §5, SP4) and the rule
//! table for skipping them (SP5).
//!
//! Moving forward one stage is always allowed. Moving forward further skips
//! the stages in between; each skipped stage's rule decides: `Ok` lets it be
//! skipped, `No` forbids it, `Supervisor` (the seed's NO*) needs the
//! supervisor's approval. The strictest skipped stage wins. Moving backwards
//! is allowed (and recorded by the caller).

use serde::{Deserialize, Serialize};

/// A stage of the sales process, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 取得潜在客户名单
    LeadList,
    /// 初访
    FirstVisit,
    /// 交流
    Exchange,
    /// 调研
    Research,
    /// 有针对性的系统演示
    Demo,
    /// 正式书面报价
    Quote,
    /// 客户的疑虑排除
    Objections,
    /// 商务谈判
    Negotiation,
    /// 签约
    Signing,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::LeadList,
        Stage::FirstVisit,
        Stage::Exchange,
        Stage::Research,
        Stage::Demo,
        Stage::Quote,
        Stage::Objections,
        Stage::Negotiation,
        Stage::Signing,
    ];

    /// Stable key (database, API, locale keys `stage-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            Stage::LeadList => "lead_list",
            Stage::FirstVisit => "first_visit",
            Stage::Exchange => "exchange",
            Stage::Research => "research",
            Stage::Demo => "demo",
            Stage::Quote => "quote",
            Stage::Objections => "objections",
            Stage::Negotiation => "negotiation",
            Stage::Signing => "signing",
        }
    }

    pub const KEYS: [&'static str; 9] = [
        "lead_list",
        "first_visit",
        "exchange",
        "research",
        "demo",
        "quote",
        "objections",
        "negotiation",
        "signing",
    ];

    pub fn parse(key: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Position, 0-based.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The win probability an opportunity carries at this stage, in percent
    /// (the default; the rep may change it).
    pub fn probability(self) -> i64 {
        match self {
            Stage::LeadList => 5,
            Stage::FirstVisit => 10,
            Stage::Exchange => 20,
            Stage::Research => 30,
            Stage::Demo => 40,
            Stage::Quote => 50,
            Stage::Objections => 60,
            Stage::Negotiation => 75,
            Stage::Signing => 90,
        }
    }

    /// How many checklist items the stage has (locale keys
    /// `stage-{key}-check-{1..n}`); the purpose is `stage-{key}-purpose`.
    pub fn checklist_len(self) -> usize {
        match self {
            Stage::LeadList => 4,
            Stage::FirstVisit => 4,
            Stage::Exchange => 5,
            Stage::Research => 4,
            Stage::Demo => 5,
            Stage::Quote => 3,
            Stage::Objections => 3,
            Stage::Negotiation => 5,
            Stage::Signing => 2,
        }
    }

    /// Whether a formal written quote may be made once an opportunity is at
    /// this stage: only after 交流 is complete (SP6), i.e. from 调研 on.
    pub fn allows_formal_quote(self) -> bool {
        self > Stage::Exchange
    }
}

/// What skipping one stage takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipRule {
    /// OK: may be skipped.
    Ok,
    /// NO*: may be skipped once the supervisor approves.
    Supervisor,
    /// NO: may not be skipped.
    No,
}

impl SkipRule {
    pub fn key(self) -> &'static str {
        match self {
            SkipRule::Ok => "ok",
            SkipRule::Supervisor => "supervisor",
            SkipRule::No => "no",
        }
    }
    pub fn parse(key: &str) -> Option<SkipRule> {
        [SkipRule::Ok, SkipRule::Supervisor, SkipRule::No]
            .into_iter()
            .find(|r| r.key() == key)
    }
}

/// The skip rule of each stage but the last (签约 is the goal, never skipped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkipRules(pub [SkipRule; 8]);

impl Default for SkipRules {
    /// Seed 002's table as requirements.md SP5 reads it: lead list OK; first
    /// visit NO; exchange NO*; research NO*; demo NO; formal quote NO*;
    /// objection handling NO*; negotiation NO*.
    fn default() -> Self {
        use SkipRule::*;
        SkipRules([
            Ok, No, Supervisor, Supervisor, No, Supervisor, Supervisor, Supervisor,
        ])
    }
}

impl SkipRules {
    pub fn rule(&self, stage: Stage) -> SkipRule {
        self.0.get(stage.index()).copied().unwrap_or(SkipRule::No)
    }
}

/// What a requested move takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Move {
    /// Allowed now (forward with nothing forbidden skipped, or backwards).
    Allowed,
    /// Nothing to do: already there.
    Same,
    /// Refused: this skipped stage may not be skipped.
    Refused(Stage),
    /// Allowed once the supervisor approves skipping these stages.
    NeedsApproval(Vec<Stage>),
}

/// Decide a move from `from` to `to` under `rules`.
pub fn check_move(rules: &SkipRules, from: Stage, to: Stage) -> Move {
    if from == to {
        return Move::Same;
    }
    if to < from {
        return Move::Allowed;
    }
    skipping(rules, &Stage::ALL[from.index() + 1..to.index()])
}

/// Where a new opportunity may start: at the first stage, or at a later one
/// when every stage before it may be skipped (the lead list is OK to skip,
/// so an opportunity may start at 初访).
pub fn may_start_at(rules: &SkipRules, stage: Stage) -> Move {
    skipping(rules, &Stage::ALL[..stage.index()])
}

/// What skipping these stages takes: the first forbidden one refuses;
/// otherwise those needing the supervisor ask for approval.
fn skipping(rules: &SkipRules, skipped: &[Stage]) -> Move {
    if let Some(s) = skipped.iter().find(|s| rules.rule(**s) == SkipRule::No) {
        return Move::Refused(*s);
    }
    let needs: Vec<Stage> = skipped
        .iter()
        .copied()
        .filter(|s| rules.rule(*s) == SkipRule::Supervisor)
        .collect();
    if needs.is_empty() {
        Move::Allowed
    } else {
        Move::NeedsApproval(needs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    #[test]
    fn one_step_forward_and_any_step_back_are_allowed() {
        let r = SkipRules::default();
        for w in Stage::ALL.windows(2) {
            assert_eq!(check_move(&r, w[0], w[1]), Move::Allowed);
            assert_eq!(check_move(&r, w[1], w[0]), Move::Allowed);
        }
        assert_eq!(check_move(&r, Signing, LeadList), Move::Allowed);
        assert_eq!(check_move(&r, Demo, Demo), Move::Same);
    }

    #[test]
    fn the_default_table_reads_as_the_seed() {
        let r = SkipRules::default();
        let expect = [
            (LeadList, SkipRule::Ok),
            (FirstVisit, SkipRule::No),
            (Exchange, SkipRule::Supervisor),
            (Research, SkipRule::Supervisor),
            (Demo, SkipRule::No),
            (Quote, SkipRule::Supervisor),
            (Objections, SkipRule::Supervisor),
            (Negotiation, SkipRule::Supervisor),
        ];
        for (s, rule) in expect {
            assert_eq!(r.rule(s), rule, "{s:?}");
        }
        assert_eq!(r.rule(Signing), SkipRule::No);
    }

    #[test]
    fn skipping_each_stage_alone_follows_its_rule() {
        let r = SkipRules::default();
        // Skip exactly stage k: move from k-1 to k+1.
        for k in 1..8 {
            let skipped = Stage::ALL[k];
            let m = check_move(&r, Stage::ALL[k - 1], Stage::ALL[k + 1]);
            let want = match r.rule(skipped) {
                SkipRule::Ok => Move::Allowed,
                SkipRule::No => Move::Refused(skipped),
                SkipRule::Supervisor => Move::NeedsApproval(vec![skipped]),
            };
            assert_eq!(m, want, "skipping {skipped:?}");
        }
    }

    #[test]
    fn the_strictest_skipped_stage_decides() {
        let r = SkipRules::default();
        // Skipping 交流 and 调研 needs approval for both.
        assert_eq!(
            check_move(&r, FirstVisit, Demo),
            Move::NeedsApproval(vec![Exchange, Research])
        );
        // Skipping past the demo is refused even though 报价 is NO*.
        assert_eq!(check_move(&r, Research, Objections), Move::Refused(Demo));
        // Straight from the list to signing: 初访 is the first forbidden one.
        assert_eq!(check_move(&r, LeadList, Signing), Move::Refused(FirstVisit));
    }

    #[test]
    fn an_edited_table_is_followed() {
        let mut r = SkipRules::default();
        r.0[Demo.index()] = SkipRule::Ok;
        r.0[Research.index()] = SkipRule::Ok;
        assert_eq!(check_move(&r, Exchange, Quote), Move::Allowed);
        r.0[Exchange.index()] = SkipRule::No;
        assert_eq!(
            check_move(&r, FirstVisit, Research),
            Move::Refused(Exchange)
        );
    }

    #[test]
    fn a_new_opportunity_may_start_at_the_first_visit_only() {
        let r = SkipRules::default();
        assert_eq!(may_start_at(&r, LeadList), Move::Allowed);
        assert_eq!(may_start_at(&r, FirstVisit), Move::Allowed);
        assert_eq!(may_start_at(&r, Exchange), Move::Refused(FirstVisit));
    }

    #[test]
    fn formal_quotes_come_after_the_exchange() {
        assert!(!FirstVisit.allows_formal_quote());
        assert!(!Exchange.allows_formal_quote());
        assert!(Research.allows_formal_quote());
        assert!(Signing.allows_formal_quote());
    }

    #[test]
    fn keys_round_trip() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.key()), Some(s));
            assert_eq!(Stage::KEYS[s.index()], s.key());
        }
        for r in [SkipRule::Ok, SkipRule::Supervisor, SkipRule::No] {
            assert_eq!(SkipRule::parse(r.key()), Some(r));
        }
    }
}
