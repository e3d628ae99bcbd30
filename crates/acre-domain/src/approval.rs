//! The approval engine's rules (design.md §6, AC9): which steps a request
//! goes through and where each decision leaves it. Who fills a step is
//! resolved from the organisation by the service.

use serde::{Deserialize, Serialize};

use crate::Role;

/// Where a request stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting for the current step's approver.
    Pending,
    /// Every step approved: the requested change has been made.
    Approved,
    /// Refused, with a reason. Final.
    Rejected,
    /// Sent back for changes; the requester may resubmit.
    Returned,
    /// Taken back by the requester.
    Withdrawn,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Pending,
        State::Approved,
        State::Rejected,
        State::Returned,
        State::Withdrawn,
    ];
    pub fn key(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Rejected => "rejected",
            State::Returned => "returned",
            State::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|x| x.key() == s)
    }
    /// Whether the request still holds its record (locks apply).
    pub fn open(self) -> bool {
        matches!(self, State::Pending | State::Returned)
    }
}

/// An approver's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approve,
    Reject,
    /// Back to the requester for changes.
    Return,
}

impl Decision {
    pub fn key(self) -> &'static str {
        match self {
            Decision::Approve => "approve",
            Decision::Reject => "reject",
            Decision::Return => "return",
        }
    }
    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Approve, Decision::Reject, Decision::Return]
            .into_iter()
            .find(|d| d.key() == s)
    }
    /// Rejecting or returning needs a reason the requester can act on.
    pub fn needs_reason(self) -> bool {
        self != Decision::Approve
    }
}

/// Who decides a step, as configured by the administrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Approver {
    /// The requester's supervisor (direct superior, else department head).
    Superior,
    /// The head of the requester's department.
    DepartmentHead,
    /// Anyone holding the role (finance, the director…).
    Role(Role),
    /// A named user.
    User(i64),
}

impl Approver {
    pub fn key(self) -> &'static str {
        match self {
            Approver::Superior => "superior",
            Approver::DepartmentHead => "department_head",
            Approver::Role(_) => "role",
            Approver::User(_) => "user",
        }
    }
    /// From the stored columns `(approver, role, user_id)`.
    pub fn from_parts(kind: &str, role: Option<&str>, user: Option<i64>) -> Option<Approver> {
        match kind {
            "superior" => Some(Approver::Superior),
            "department_head" => Some(Approver::DepartmentHead),
            "role" => role.and_then(Role::from_key).map(Approver::Role),
            "user" => user.map(Approver::User),
            _ => None,
        }
    }
}

/// One configured step of a request kind's chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepRule {
    pub approver: Approver,
    /// The step applies only to requests of at least this amount (fen).
    pub min_amount: Option<i64>,
    /// The step applies only to requests carrying this flag (e.g. a quote
    /// priced under the floor: `below_floor`).
    pub flag: Option<String>,
}

impl StepRule {
    pub fn always(approver: Approver) -> StepRule {
        StepRule {
            approver,
            min_amount: None,
            flag: None,
        }
    }
    /// Whether this step is part of a request with this amount and flags.
    pub fn applies(&self, amount: Option<i64>, flags: &[&str]) -> bool {
        let amount_ok = match self.min_amount {
            Some(min) => amount.is_some_and(|a| a >= min),
            None => true,
        };
        let flag_ok = match &self.flag {
            Some(f) => flags.contains(&f.as_str()),
            None => true,
        };
        amount_ok && flag_ok
    }
}

/// The steps a request goes through, in order. A kind with no configured
/// step still needs someone's yes: the supervisor's.
pub fn chain(rules: &[StepRule], amount: Option<i64>, flags: &[&str]) -> Vec<Approver> {
    let steps: Vec<Approver> = rules
        .iter()
        .filter(|r| r.applies(amount, flags))
        .map(|r| r.approver)
        .collect();
    if steps.is_empty() {
        vec![Approver::Superior]
    } else {
        steps
    }
}

/// The request's state and current step after `decision` at step `step` of
/// `steps` (0-based).
pub fn after(decision: Decision, step: usize, steps: usize) -> (State, usize) {
    match decision {
        Decision::Approve if step + 1 < steps => (State::Pending, step + 1),
        Decision::Approve => (State::Approved, step),
        Decision::Reject => (State::Rejected, step),
        Decision::Return => (State::Returned, step),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unconfigured_kind_goes_to_the_supervisor() {
        assert_eq!(chain(&[], None, &[]), vec![Approver::Superior]);
    }

    #[test]
    fn thresholds_and_flags_add_steps() {
        let rules = vec![
            StepRule::always(Approver::Superior),
            StepRule {
                approver: Approver::Role(Role::Director),
                min_amount: Some(10_000_000),
                flag: None,
            },
            StepRule {
                approver: Approver::Role(Role::GeneralManager),
                min_amount: None,
                flag: Some("below_floor".into()),
            },
        ];
        assert_eq!(chain(&rules, Some(500_000), &[]), vec![Approver::Superior]);
        assert_eq!(
            chain(&rules, Some(10_000_000), &[]),
            vec![Approver::Superior, Approver::Role(Role::Director)]
        );
        assert_eq!(
            chain(&rules, None, &["below_floor"]),
            vec![Approver::Superior, Approver::Role(Role::GeneralManager)]
        );
    }

    #[test]
    fn approving_walks_the_chain_and_the_last_yes_approves() {
        assert_eq!(after(Decision::Approve, 0, 2), (State::Pending, 1));
        assert_eq!(after(Decision::Approve, 1, 2), (State::Approved, 1));
        assert_eq!(after(Decision::Approve, 0, 1), (State::Approved, 0));
    }

    #[test]
    fn reject_and_return_stop_at_the_step() {
        assert_eq!(after(Decision::Reject, 1, 3), (State::Rejected, 1));
        assert_eq!(after(Decision::Return, 0, 3), (State::Returned, 0));
        assert!(Decision::Reject.needs_reason() && Decision::Return.needs_reason());
        assert!(!Decision::Approve.needs_reason());
    }

    #[test]
    fn approvers_read_back_from_storage() {
        assert_eq!(
            Approver::from_parts("role", Some("finance"), None),
            Some(Approver::Role(Role::Finance))
        );
        assert_eq!(
            Approver::from_parts("user", None, Some(7)),
            Some(Approver::User(7))
        );
        assert_eq!(Approver::from_parts("role", Some("nobody"), None), None);
        for s in State::ALL {
            assert_eq!(State::parse(s.key()), Some(s));
        }
    }
}
