//! Opportunities (商机/项目, SP1–SP5, SP7, SP8, SP16) on the registry: the
//! key information of SP2 in its sections, the decision map of SP3, the
//! objection and concession logs. Everything under an opportunity is visible
//! exactly when its customer is (it carries the customer's id).
//!
//! The stage and the open/won/lost status are never typed: they change by
//! `pipeline` (stage moves with the skip rules, closing with a reason).

use acre_domain::stages::Stage;
use acre_store::Value;

use crate::customers::SOURCES;
use crate::registry::{Access, AfterChange, Field, Inherit, RecordType, Related};

const GRADES: &[&str] = &["A", "B", "C", "D"];
pub const STATUSES: &[&str] = &["open", "won", "lost"];
const BUDGET_COVERS: &[&str] = &["software", "service", "hardware", "database", "network"];
const LEADERS: &[&str] = &["us", "competitor", "unclear"];
/// SP2's conflicts between pieces of key information (docs/opportunities.md).
const CONFLICTS: &[&str] = &["budget_needs", "schedule_decision", "needs_competition"];
const DECISION_ROLES: &[&str] = &["approver", "decision_maker", "influencer", "gatekeeper"];
const LEVELS: &[&str] = &["high", "low"];
/// Seed 002's four quadrants of influence × support (docs/opportunities.md).
const QUADRANTS: &[&str] = &["devil", "angel", "imp", "sweetie"];
const OBJECTION_KINDS: &[&str] = &[
    "references",
    "price",
    "site_visit",
    "trial",
    "trial_software",
    "turnkey",
    "guarantee",
    "consulting_days",
    "bad_experience",
    "other",
];
const OBJECTION_STATES: &[&str] = &["open", "resolved"];

fn get<'a>(values: &'a [(&'static Field, Value)], key: &str) -> Option<&'a Value> {
    values.iter().find(|(f, _)| f.key == key).map(|(_, v)| v)
}

fn text<'a>(values: &'a [(&'static Field, Value)], key: &str) -> Option<&'a str> {
    match get(values, key) {
        Some(Value::Text(Some(s))) if !s.trim().is_empty() => Some(s.as_str()),
        _ => None,
    }
}

fn int(values: &[(&'static Field, Value)], key: &str) -> Option<i64> {
    match get(values, key) {
        Some(Value::Int(Some(n))) => Some(*n),
        _ => None,
    }
}

/// A derived value kept once set (the stage and status change only by
/// their own actions), starting at `first`.
fn kept(values: &[(&'static Field, Value)], key: &str, first: &str) -> Value {
    Value::from(text(values, key).unwrap_or(first).to_string())
}

fn stage_kept(values: &[(&'static Field, Value)]) -> Value {
    kept(values, "stage", Stage::LeadList.key())
}

fn status_kept(values: &[(&'static Field, Value)]) -> Value {
    kept(values, "status", "open")
}

/// SP2's conflicts, as the rep sees them on the opportunity:
/// - budget vs needs: no budget and nothing noted on what they can afford,
///   or a budget below the expected amount;
/// - schedule vs decision: the vendor decision after the signing date, the
///   selection ending after the decision, or going live before signing;
/// - needs vs competition: a competitor leads and neither its advantages nor
///   the customer's key evaluation items are known (nothing to turn it on).
pub fn conflicts(values: &[(&'static Field, Value)]) -> Vec<&'static str> {
    let mut out = Vec::new();
    let no_budget = matches!(get(values, "has_budget"), Some(Value::Bool(Some(false))));
    let short = match (int(values, "budget_amount"), int(values, "amount")) {
        (Some(b), Some(a)) => b < a,
        _ => false,
    };
    if (no_budget && text(values, "affordability").is_none()) || short {
        out.push("budget_needs");
    }
    let before = |a: &str, b: &str| match (text(values, a), text(values, b)) {
        (Some(x), Some(y)) => x > y,
        _ => false,
    };
    if before("decision_date", "signing_date")
        || before("selection_end", "decision_date")
        || before("signing_date", "go_live")
    {
        out.push("schedule_decision");
    }
    if text(values, "leader") == Some("competitor")
        && text(values, "leader_advantages").is_none()
        && text(values, "hot_buttons").is_none()
    {
        out.push("needs_competition");
    }
    out
}

fn conflicts_value(values: &[(&'static Field, Value)]) -> Value {
    let list = conflicts(values);
    if list.is_empty() {
        Value::Text(None)
    } else {
        Value::from(format!(",{},", list.join(",")))
    }
}

/// The decision map's quadrant from influence and support (seed 002 §2):
/// 魔鬼 high influence / low support, 天使 high / high, 小鬼 low / low,
/// 小甜甜 low influence / high support.
pub fn quadrant(influence: &str, support: &str) -> Option<&'static str> {
    Some(match (influence, support) {
        ("high", "low") => "devil",
        ("high", "high") => "angel",
        ("low", "low") => "imp",
        ("low", "high") => "sweetie",
        _ => return None,
    })
}

fn quadrant_value(values: &[(&'static Field, Value)]) -> Value {
    match (text(values, "influence"), text(values, "support")) {
        (Some(i), Some(s)) => Value::Text(quadrant(i, s).map(str::to_string)),
        _ => Value::Text(None),
    }
}

/// 商机/项目.
pub static OPPORTUNITIES: RecordType = RecordType {
    key: "opportunities",
    entity: "opportunity",
    table: "opportunities",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("customer_id", "customers").required(),
        Field::user("owner_id"),
        // Whose customer this is: visibility follows it (see `Access::CustomerCopy`).
        Field::user("customer_owner_id").derived(),
        Field::text("products").searchable().max(500),
        Field::money("amount"),
        Field::date("close_date"),
        Field::choice("grade", GRADES),
        Field::choice("source", SOURCES),
        Field::text("event").max(200),
        Field::choice("stage", &Stage::KEYS).computed(stage_kept),
        Field::percent("probability"),
        Field::choice("status", STATUSES).computed(status_kept),
        Field::text("verbal_range").max(200),
        Field::long_text("close_reason").derived(),
        Field::date("closed_on").derived(),
        Field::choices("conflicts", CONFLICTS).computed(conflicts_value),
        // SP2 key information.
        Field::date("selection_start").section("schedule"),
        Field::date("selection_end").section("schedule"),
        Field::date("decision_date").section("schedule"),
        Field::date("signing_date").section("schedule"),
        Field::date("impl_start").section("schedule"),
        Field::date("go_live").section("schedule"),
        Field::boolean("has_budget").section("budget"),
        Field::money("budget_amount").section("budget"),
        Field::choices("budget_covers", BUDGET_COVERS).section("budget"),
        Field::long_text("affordability").section("budget"),
        Field::long_text("motivation").section("requirements"),
        Field::long_text("problems").section("requirements"),
        Field::long_text("scope_functional").section("requirements"),
        Field::text("scope_geographic").section("requirements"),
        Field::text("scope_language").section("requirements"),
        Field::text("modules").section("requirements").max(500),
        Field::text("services").section("requirements").max(500),
        Field::text("initiator").section("decision"),
        Field::text("decision_makers").section("decision").max(500),
        Field::long_text("decision_process").section("decision"),
        Field::long_text("criteria").section("decision"),
        Field::long_text("hq_role").section("decision"),
        Field::link("competitor_id", "competitors").section("competition"),
        Field::text("competitors").section("competition").max(500),
        Field::choice("leader", LEADERS).section("competition"),
        Field::long_text("leader_advantages").section("competition"),
        Field::long_text("laggard_weaknesses").section("competition"),
        Field::long_text("hot_buttons").section("evaluation"),
    ],
    list: &[
        "name",
        "customer_id",
        "owner_id",
        "grade",
        "stage",
        "amount",
        "close_date",
        "status",
    ],
    sections: &[
        "main",
        "schedule",
        "budget",
        "requirements",
        "decision",
        "competition",
        "evaluation",
    ],
    title: "name",
    natural_key: &["customer_id", "name"],
    default_sort: "-updated_at",
    access: Access::CustomerCopy,
    module: "pipeline",
    related: &[
        Related {
            resource: "decision-map",
            via: "opportunity_id",
            window: None,
        },
        Related {
            resource: "objections",
            via: "opportunity_id",
            window: None,
        },
        Related {
            resource: "concessions",
            via: "opportunity_id",
            window: None,
        },
        Related {
            resource: "quotes",
            via: "opportunity_id",
            window: None,
        },
    ],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[
        // Whose customer it is, always: who sees the opportunity.
        Inherit {
            field: "customer_owner_id",
            via: "customer_id",
            from: "owner_id",
            fixed: true,
            lookup: None,
        },
        // The customer's owner and grade, unless given (SP: the grade
        // defaults from the customer's, with its close window).
        Inherit {
            field: "owner_id",
            via: "customer_id",
            from: "owner_id",
            fixed: false,
            lookup: None,
        },
        Inherit {
            field: "grade",
            via: "customer_id",
            from: "grade",
            fixed: false,
            lookup: None,
        },
    ],
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[
        "customer_id",
        "owner_id",
        "grade",
        "stage",
        "amount",
        "close_date",
    ],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// The customer an opportunity's entries belong to, copied from it: their
/// visibility follows the customer's.
const FROM_OPPORTUNITY: &[Inherit] = &[Inherit {
    field: "customer_id",
    via: "opportunity_id",
    from: "customer_id",
    fixed: true,
    lookup: None,
}];

/// SP3 决策图: the customer's people on the opportunity.
pub static DECISION_MAP: RecordType = RecordType {
    key: "decision-map",
    entity: "decision_entry",
    table: "decision_entries",
    fields: &[
        // The person's name, taken from the contact unless given.
        Field::text("name").searchable().max(100),
        Field::link("opportunity_id", "opportunities").required(),
        Field::link("contact_id", "contacts").required(),
        Field::link("customer_id", "customers").derived(),
        Field::choice("decision_role", DECISION_ROLES),
        Field::choice("influence", LEVELS).required(),
        Field::choice("support", LEVELS).required(),
        Field::choice("quadrant", QUADRANTS).computed(quadrant_value),
        Field::link("reports_to", "contacts"),
        Field::text("notes").max(500),
    ],
    list: &[
        "name",
        "decision_role",
        "influence",
        "support",
        "quadrant",
        "reports_to",
    ],
    sections: &["main"],
    title: "name",
    natural_key: &["opportunity_id", "contact_id"],
    default_sort: "-updated_at",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[
        FROM_OPPORTUNITY[0],
        Inherit {
            field: "name",
            via: "contact_id",
            from: "name",
            fixed: false,
            lookup: None,
        },
    ],
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// SP7 疑虑排除: the customer's objections and how each was answered.
pub static OBJECTIONS: RecordType = RecordType {
    key: "objections",
    entity: "objection",
    table: "objections",
    fields: &[
        Field::text("subject").required().searchable(),
        Field::link("opportunity_id", "opportunities").required(),
        Field::link("customer_id", "customers").derived(),
        Field::choice("kind", OBJECTION_KINDS).required(),
        Field::date("raised_on"),
        Field::long_text("response"),
        Field::choice("state", OBJECTION_STATES),
    ],
    list: &["subject", "kind", "raised_on", "state"],
    sections: &["main"],
    title: "subject",
    natural_key: &["opportunity_id", "subject"],
    default_sort: "-updated_at",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: FROM_OPPORTUNITY,
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// SP8's rules over an opportunity's concession log, in date order: a
/// concession larger than the one before breaks 越让越少; one with nothing
/// asked back breaks 有给就要 (`$1`: the opportunity).
const CONCESSION_FLAGS: &str = "UPDATE concessions SET \
     larger_than_before = COALESCE(amount > (SELECT p.amount FROM concessions p \
       WHERE p.opportunity_id = concessions.opportunity_id AND p.deleted_at IS NULL \
       AND (p.given_on < concessions.given_on OR (p.given_on = concessions.given_on AND p.id < concessions.id)) \
       ORDER BY p.given_on DESC, p.id DESC LIMIT 1), FALSE), \
     nothing_back = (asked_back IS NULL OR TRIM(asked_back) = '') \
     WHERE opportunity_id = $1 AND deleted_at IS NULL";

/// SP8 让价记录: each concession with what was asked back.
pub static CONCESSIONS: RecordType = RecordType {
    key: "concessions",
    entity: "concession",
    table: "concessions",
    fields: &[
        Field::text("subject").required().searchable(),
        Field::link("opportunity_id", "opportunities").required(),
        Field::link("customer_id", "customers").derived(),
        Field::date("given_on").required(),
        Field::money("amount").required(),
        Field::text("asked_back").max(500),
        // Kept by `CONCESSION_FLAGS`: larger than the one before, or given
        // for nothing (越让越少, 有给就要).
        Field::boolean("larger_than_before").derived(),
        Field::boolean("nothing_back").derived(),
    ],
    list: &[
        "given_on",
        "subject",
        "amount",
        "asked_back",
        "larger_than_before",
        "nothing_back",
    ],
    sections: &["main"],
    title: "subject",
    natural_key: &["opportunity_id", "subject"],
    default_sort: "given_on",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: FROM_OPPORTUNITY,
    numbering: None,
    editable: None,
    after_change: Some(AfterChange {
        via: "opportunity_id",
        sql: &[CONCESSION_FLAGS],
    }),
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

pub static TYPES: &[&RecordType] = &[&OPPORTUNITIES, &DECISION_MAP, &OBJECTIONS, &CONCESSIONS];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::service::set_derived;

    fn values(pairs: &[(&str, Value)]) -> Vec<(&'static Field, Value)> {
        crate::registry::service::values_of(&OPPORTUNITIES, pairs)
    }

    #[test]
    fn a_new_opportunity_is_open_at_the_lead_list() {
        let mut v = values(&[]);
        set_derived(&OPPORTUNITIES, &mut v);
        assert_eq!(get(&v, "stage"), Some(&Value::from("lead_list")));
        assert_eq!(get(&v, "status"), Some(&Value::from("open")));
        assert_eq!(get(&v, "conflicts"), Some(&Value::Text(None)));
    }

    #[test]
    fn stage_and_status_are_kept_by_edits() {
        let mut v = values(&[("stage", "demo".into()), ("status", "won".into())]);
        set_derived(&OPPORTUNITIES, &mut v);
        assert_eq!(get(&v, "stage"), Some(&Value::from("demo")));
        assert_eq!(get(&v, "status"), Some(&Value::from("won")));
    }

    #[test]
    fn conflicts_follow_the_documented_rules() {
        let v = values(&[("has_budget", Value::from(false))]);
        assert_eq!(conflicts(&v), vec!["budget_needs"]);
        let v = values(&[
            ("has_budget", Value::from(false)),
            ("affordability", "50万以内".into()),
        ]);
        assert!(conflicts(&v).is_empty());
        let v = values(&[
            ("budget_amount", Value::from(10_000_000i64)),
            ("amount", Value::from(15_000_000i64)),
        ]);
        assert_eq!(conflicts(&v), vec!["budget_needs"]);
        let v = values(&[
            ("decision_date", "2027-03-01".into()),
            ("signing_date", "2027-02-01".into()),
        ]);
        assert_eq!(conflicts(&v), vec!["schedule_decision"]);
        let v = values(&[
            ("signing_date", "2027-05-01".into()),
            ("go_live", "2027-04-01".into()),
        ]);
        assert_eq!(conflicts(&v), vec!["schedule_decision"]);
        let v = values(&[("leader", "competitor".into())]);
        assert_eq!(conflicts(&v), vec!["needs_competition"]);
        let v = values(&[
            ("leader", "competitor".into()),
            ("hot_buttons", "1. 交期\n2. 成本".into()),
        ]);
        assert!(conflicts(&v).is_empty());
    }

    #[test]
    fn quadrants_read_as_the_seed() {
        assert_eq!(quadrant("high", "low"), Some("devil"));
        assert_eq!(quadrant("high", "high"), Some("angel"));
        assert_eq!(quadrant("low", "low"), Some("imp"));
        assert_eq!(quadrant("low", "high"), Some("sweetie"));
        assert_eq!(quadrant("", "high"), None);
    }
}
