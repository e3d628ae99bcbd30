//! Customer grading A/B/C/D (CU11, seed 002 §3): the two criteria tables, a
//! questionnaire answer, the proposed grade with its close window, and the
//! flag raised when a rep's chosen grade contradicts the answers
//! ("别自作多情、别滥竽充数、别自我催眠").
//!
//! Mapping, conservative by design (docs/grading.md):
//! 1. no objective need → D, not a prospect at all;
//! 2. else the lowest grade whose table row the answers satisfy exactly;
//! 3. else (answers contradict each other, e.g. selection started with low
//!    resolve) the lowest grade whose need and resolve columns are satisfied,
//!    ignoring the "work started" columns;
//! 4. else D.
//!
//! A chosen grade is accepted when it is the proposed one or its row fits
//! the answers exactly; any other grade is flagged, as over- or underrated.

pub mod market;

use serde::{Deserialize, Serialize};

/// A customer grade; A is closest to signing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// Best first.
    pub const ALL: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

    pub fn key(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.key() == s.trim())
    }
    /// When a customer of this grade is expected to sign.
    pub fn close_window(self) -> CloseWindow {
        match self {
            Grade::A => CloseWindow::new(0, Some(3)),
            Grade::B => CloseWindow::new(4, Some(6)),
            Grade::C => CloseWindow::new(7, Some(12)),
            Grade::D => CloseWindow::new(13, None),
        }
    }
}

/// Months from now within which a deal is expected: A ≤ 3, B 4–6, C 7–12, D > 12.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CloseWindow {
    pub from_months: u8,
    /// `None`: beyond twelve months, no horizon.
    pub to_months: Option<u8>,
}

impl CloseWindow {
    const fn new(from_months: u8, to_months: Option<u8>) -> CloseWindow {
        CloseWindow {
            from_months,
            to_months,
        }
    }
}

/// How strong a feeling is: resolve, dissatisfaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Mid,
    Low,
    None,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::High, Level::Mid, Level::Low, Level::None];
    pub fn key(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Mid => "mid",
            Level::Low => "low",
            Level::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == s.trim())
    }
}

/// The questionnaire, in the two shapes of seed 002 §3's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "computerised")]
pub enum Answers {
    /// 未信息化: no system yet.
    #[serde(rename = "no")]
    NotComputerised {
        objective_need: bool,
        subjective_need: bool,
        resolve: Level,
        feasibility_started: bool,
        selection_started: bool,
    },
    /// 已信息化: replacing or widening a current system.
    #[serde(rename = "yes")]
    Computerised {
        objective_need: bool,
        subjective_need: bool,
        dissatisfaction: Level,
        resolve: Level,
        selection_started: bool,
    },
}

/// Allowed values of one column; `Any` is the tables' "Y/N".
#[derive(Clone, Copy)]
enum Yn {
    Y,
    N,
    Any,
}

impl Yn {
    fn fits(self, v: bool) -> bool {
        match self {
            Yn::Y => v,
            Yn::N => !v,
            Yn::Any => true,
        }
    }
}

/// One table row: `(grade, objective, subjective, levels…, started…)`.
type NotComputerisedRow = (Grade, Yn, Yn, &'static [Level], Yn, Yn);
type ComputerisedRow = (Grade, Yn, Yn, &'static [Level], &'static [Level], Yn);

use Level::{High, Low, Mid, None as Nil};

/// Seed 002 §3, customers not yet computerised: objective need, subjective
/// need, resolve, feasibility study started, selection started.
const NOT_COMPUTERISED: [NotComputerisedRow; 4] = [
    (Grade::A, Yn::Y, Yn::Y, &[High], Yn::Y, Yn::Y),
    (Grade::B, Yn::Y, Yn::Y, &[High, Mid], Yn::Any, Yn::N),
    (Grade::C, Yn::Y, Yn::Y, &[Mid, Low], Yn::Any, Yn::N),
    (Grade::D, Yn::Y, Yn::N, &[Low, Nil], Yn::N, Yn::N),
];

/// Seed 002 §3, customers already computerised: objective need, subjective
/// need, dissatisfaction with the current system, resolve to switch,
/// selection started.
const COMPUTERISED: [ComputerisedRow; 4] = [
    (Grade::A, Yn::Y, Yn::Y, &[High], &[High], Yn::Y),
    (Grade::B, Yn::Y, Yn::Y, &[High, Mid], &[High, Mid], Yn::N),
    (Grade::C, Yn::Y, Yn::Y, &[Mid, Low], &[Mid, Low], Yn::N),
    (Grade::D, Yn::Y, Yn::Y, &[Low, Nil], &[Low, Nil], Yn::N),
];

impl Answers {
    pub fn objective_need(&self) -> bool {
        match *self {
            Answers::NotComputerised { objective_need, .. }
            | Answers::Computerised { objective_need, .. } => objective_need,
        }
    }

    /// Whether the answers satisfy `grade`'s row; with `relaxed`, the
    /// "work started" columns (feasibility, selection) are not checked.
    pub fn fits(&self, grade: Grade, relaxed: bool) -> bool {
        match *self {
            Answers::NotComputerised {
                objective_need,
                subjective_need,
                resolve,
                feasibility_started,
                selection_started,
            } => NOT_COMPUTERISED.iter().filter(|r| r.0 == grade).any(
                |&(_, obj, subj, res, feas, sel)| {
                    obj.fits(objective_need)
                        && subj.fits(subjective_need)
                        && res.contains(&resolve)
                        && (relaxed
                            || (feas.fits(feasibility_started) && sel.fits(selection_started)))
                },
            ),
            Answers::Computerised {
                objective_need,
                subjective_need,
                dissatisfaction,
                resolve,
                selection_started,
            } => COMPUTERISED.iter().filter(|r| r.0 == grade).any(
                |&(_, obj, subj, dis, res, sel)| {
                    obj.fits(objective_need)
                        && subj.fits(subjective_need)
                        && dis.contains(&dissatisfaction)
                        && res.contains(&resolve)
                        && (relaxed || sel.fits(selection_started))
                },
            ),
        }
    }

    /// The grade the answers support, and how it was reached.
    pub fn propose(&self) -> Proposal {
        let lowest = |relaxed: bool| {
            Grade::ALL
                .into_iter()
                .rev()
                .find(|g| self.fits(*g, relaxed))
        };
        let (grade, basis) = if !self.objective_need() {
            (Grade::D, Basis::NoObjectiveNeed)
        } else if let Some(g) = lowest(false) {
            (g, Basis::Row)
        } else if let Some(g) = lowest(true) {
            (g, Basis::Relaxed)
        } else {
            (Grade::D, Basis::NoRow)
        };
        Proposal {
            grade,
            basis,
            close_window: grade.close_window(),
        }
    }

    /// Whether `chosen` contradicts the answers, and in which direction.
    pub fn check(&self, chosen: Grade) -> Option<Flag> {
        let proposed = self.propose().grade;
        if chosen == proposed || self.fits(chosen, false) {
            return None;
        }
        Some(if chosen < proposed {
            Flag::Overrated
        } else {
            Flag::Underrated
        })
    }
}

/// How a proposal was reached (shown beside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The answers match the grade's row.
    Row,
    /// They match it only when the "work started" columns are ignored.
    Relaxed,
    /// No row fits at all: D, to be safe.
    NoRow,
    /// No objective need: not a prospect, D.
    NoObjectiveNeed,
}

/// The proposed grade with its expected close window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Proposal {
    pub grade: Grade,
    pub basis: Basis,
    pub close_window: CloseWindow,
}

/// A chosen grade the answers do not support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Better than the answers allow: wishful (别自作多情、别滥竽充数、别自我催眠).
    Overrated,
    /// Worse than the answers show: an A hidden in the long list.
    Underrated,
}

impl Flag {
    pub fn key(self) -> &'static str {
        match self {
            Flag::Overrated => "overrated",
            Flag::Underrated => "underrated",
        }
    }
}

/// A field of the questionnaire that is missing or not one of its options:
/// `(field, message key)`.
pub type AnswerError = (&'static str, &'static str);

/// Yes/no as forms and the API send it.
fn yes_no(s: &str) -> Option<bool> {
    match s.trim() {
        "yes" | "true" | "1" | "Y" => Some(true),
        "no" | "false" | "0" | "N" => Some(false),
        _ => None,
    }
}

impl Answers {
    /// The questionnaire's field keys, per shape.
    pub const NOT_COMPUTERISED_FIELDS: [&'static str; 5] = [
        "objective_need",
        "subjective_need",
        "resolve",
        "feasibility_started",
        "selection_started",
    ];
    pub const COMPUTERISED_FIELDS: [&'static str; 5] = [
        "objective_need",
        "subjective_need",
        "dissatisfaction",
        "resolve",
        "selection_started",
    ];

    /// Parse `computerised` and the five answers of its table from text
    /// values; every missing or unknown answer is reported by its field.
    pub fn parse<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<Answers, Vec<AnswerError>> {
        let mut errs = Vec::new();
        let mut one = |key: &'static str, ok: bool, present: bool| {
            if !ok {
                errs.push((
                    key,
                    if present {
                        "err-option"
                    } else {
                        "err-required"
                    },
                ));
            }
        };
        let present = |key: &str| get(key).is_some_and(|v| !v.trim().is_empty());
        let flag = |key: &str| get(key).and_then(yes_no);
        let level = |key: &str| get(key).and_then(Level::parse);
        let computerised = flag("computerised");
        one(
            "computerised",
            computerised.is_some(),
            present("computerised"),
        );
        let obj = flag("objective_need");
        let subj = flag("subjective_need");
        let resolve = level("resolve");
        let sel = flag("selection_started");
        one("objective_need", obj.is_some(), present("objective_need"));
        one(
            "subjective_need",
            subj.is_some(),
            present("subjective_need"),
        );
        one("resolve", resolve.is_some(), present("resolve"));
        one(
            "selection_started",
            sel.is_some(),
            present("selection_started"),
        );
        let third = match computerised {
            Some(true) => {
                let d = level("dissatisfaction");
                one("dissatisfaction", d.is_some(), present("dissatisfaction"));
                d.map(Ok)
            }
            Some(false) => {
                let f = flag("feasibility_started");
                one(
                    "feasibility_started",
                    f.is_some(),
                    present("feasibility_started"),
                );
                f.map(Err)
            }
            None => None,
        };
        match (obj, subj, resolve, sel, third) {
            (Some(o), Some(s), Some(r), Some(sel), Some(Ok(d))) if errs.is_empty() => {
                Ok(Answers::Computerised {
                    objective_need: o,
                    subjective_need: s,
                    dissatisfaction: d,
                    resolve: r,
                    selection_started: sel,
                })
            }
            (Some(o), Some(s), Some(r), Some(sel), Some(Err(f))) if errs.is_empty() => {
                Ok(Answers::NotComputerised {
                    objective_need: o,
                    subjective_need: s,
                    resolve: r,
                    feasibility_started: f,
                    selection_started: sel,
                })
            }
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests;
