//! Customers (我的客户, seed 000 §3.1.2) with the file card of seed 004, and
//! their contacts (CU1, CU3, CU6–CU10, CU13–CU15) on the registry. A contact
//! always belongs to a customer and is visible exactly when its customer is.

use crate::kb::INDUSTRIES;
use crate::registry::{Access, Field, RecordType, Related};

const KINDS: &[&str] = &["company", "individual"];
const CATEGORIES: &[&str] = &["key_account", "ordinary", "potential", "partner"];
/// Lead sources of SP9.
pub const SOURCES: &[&str] = &[
    "event",
    "telemarketing",
    "inbound_call",
    "customer_referral",
    "friend_referral",
    "upgrade",
    "other",
];
const NATURES: &[&str] = &[
    "state_owned",
    "private",
    "foreign",
    "taiwan",
    "joint_venture",
    "individual_business",
    "other",
];
const GRADES: &[&str] = &["A", "B", "C", "D"];
/// Revenue bands of the target market (seed 002 §1).
const REVENUE_BANDS: &[&str] = &["lt_50m", "50m_500m", "gt_500m"];
const CREDIT_RATINGS: &[&str] = &["AAA", "AA", "A", "B", "C"];
const GENDERS: &[&str] = &["male", "female"];
const INCOME_BANDS: &[&str] = &["low", "middle", "high"];
const BUYING_ROLES: &[&str] = &[
    "economic",
    "technical",
    "user",
    "coach",
    "gatekeeper",
    "other",
];
const DECISION_ROLES: &[&str] = &["approver", "decision_maker", "influencer", "gatekeeper"];

/// CU1/CU6/CU8/CU9/CU10: the customer file, in the seed's sections.
pub static CUSTOMERS: RecordType = RecordType {
    key: "customers",
    entity: "customer",
    table: "customers",
    fields: &[
        // Classification used everywhere.
        Field::text("name").required().searchable(),
        Field::choice("kind", KINDS).required(),
        Field::text("short_name").searchable().max(50),
        Field::text("credit_code").unique().searchable().max(18),
        Field::user("owner_id"),
        Field::choice("category", CATEGORIES),
        Field::choice("source", SOURCES),
        Field::text("region").max(50),
        Field::choice("industry", INDUSTRIES),
        Field::choice("company_nature", NATURES),
        Field::choice("grade", GRADES),
        Field::boolean("key_account"),
        Field::phone("phone").searchable(),
        Field::url("website"),
        Field::text("province").max(20),
        Field::text("city").max(20),
        Field::text("district").max(20),
        Field::text("address").max(200),
        // 004 §一.1 basic data.
        Field::text("legal_representative").section("basic").max(50),
        Field::text("owners_managers").section("basic"),
        Field::text("organisation_form").section("basic").max(50),
        Field::long_text("founding_history").section("basic"),
        Field::date("trading_since").section("basic"),
        Field::money("registered_capital").section("basic"),
        Field::money("assets").section("basic"),
        Field::integer("headcount").section("basic"),
        Field::choice("revenue_band", REVENUE_BANDS).section("basic"),
        Field::text("personality").section("basic"),
        Field::text("hobbies").section("basic"),
        Field::text("education").section("basic").max(50),
        Field::integer("age").section("basic"),
        // 004 §一.2 characteristics.
        Field::long_text("service_area").section("traits"),
        Field::long_text("sales_capability").section("traits"),
        Field::long_text("growth_potential").section("traits"),
        Field::long_text("business_philosophy").section("traits"),
        Field::long_text("business_direction").section("traits"),
        Field::long_text("business_policy").section("traits"),
        Field::long_text("planning").section("traits"),
        Field::long_text("business_features").section("traits"),
        // 004 §一.3 business status.
        Field::long_text("sales_performance").section("status"),
        Field::long_text("staff_quality").section("status"),
        Field::long_text("competitor_relations").section("status"),
        Field::long_text("relationship_attitude").section("status"),
        // 004 §一.4 trading.
        Field::long_text("current_sales").section("trading"),
        Field::long_text("problems").section("trading"),
        Field::long_text("strengths").section("trading"),
        Field::long_text("future_strategy").section("trading"),
        Field::long_text("image").section("trading"),
        Field::long_text("reputation").section("trading"),
        Field::long_text("credit_status").section("trading"),
        Field::choice("credit_rating", CREDIT_RATINGS).section("trading"),
        Field::long_text("trading_terms").section("trading"),
        // 004 §二.2 company and industry (CU8).
        Field::percent("market_share").section("industry"),
        Field::long_text("main_competitors").section("industry"),
        Field::long_text("industry_problems").section("industry"),
        Field::long_text("industry_opportunities").section("industry"),
        Field::long_text("trends").section("industry"),
        Field::long_text("mission_policy").section("industry"),
        Field::text("decision_makers").section("industry"),
        // 002 §2 current systems (CU10).
        Field::text("current_system").section("systems"),
        Field::text("system_decider").section("systems").max(50),
        Field::long_text("system_problems").section("systems"),
        Field::money("system_cost").section("systems"),
        Field::text("system_implementation_time")
            .section("systems")
            .max(50),
        Field::long_text("system_scope").section("systems"),
        Field::long_text("main_customers").section("systems"),
        Field::text("parent_company").section("systems"),
        Field::text("parent_country").section("systems").max(50),
        Field::text("parent_size").section("systems").max(50),
        Field::text("parent_system").section("systems"),
        Field::long_text("site_division").section("systems"),
        Field::text("decision_owner").section("systems"),
        Field::text("capital_shares").section("systems"),
        // 004 §三 family/individual type (CU9).
        Field::choice("gender", GENDERS).section("individual"),
        Field::date("birthday").section("individual"),
        Field::text("occupation").section("individual").max(50),
        Field::long_text("family").section("individual"),
        Field::long_text("interests").section("individual"),
        Field::long_text("habits").section("individual"),
        Field::choice("income_band", INCOME_BANDS).section("individual"),
        Field::long_text("relationships").section("individual"),
        Field::long_text("notes").section("individual"),
    ],
    list: &[
        "name", "kind", "owner_id", "grade", "category", "region", "industry", "phone",
    ],
    sections: &[
        "main",
        "basic",
        "traits",
        "status",
        "trading",
        "industry",
        "systems",
        "individual",
    ],
    title: "name",
    natural_key: &["name"],
    default_sort: "-updated_at",
    access: Access::Customer,
    module: "customers",
    related: &[Related {
        resource: "contacts",
        via: "customer_id",
        window: None,
    }],
};

/// CU3/CU7/CU15: contacts of a customer.
pub static CONTACTS: RecordType = RecordType {
    key: "contacts",
    entity: "contact",
    table: "contacts",
    fields: &[
        Field::text("name").required().searchable().max(50),
        Field::link("customer_id", "customers").required(),
        Field::text("title").max(50),
        Field::text("department").max(50),
        Field::phone("mobile").searchable(),
        Field::phone("phone"),
        Field::email("email"),
        Field::text("wechat").max(50),
        Field::choice("buying_role", BUYING_ROLES),
        Field::choice("decision_role", DECISION_ROLES),
        Field::date("birthday").section("personal"),
        Field::integer("age").section("personal"),
        Field::text("education").section("personal").max(50),
        Field::text("hometown").section("personal").max(50),
        Field::text("address").section("personal").max(200),
        Field::long_text("family").section("personal"),
        Field::long_text("interests").section("personal"),
        Field::long_text("hobbies").section("personal"),
        Field::long_text("personality").section("personal"),
        Field::long_text("habits").section("personal"),
        Field::long_text("relationships").section("personal"),
        Field::date("last_contact").section("personal"),
        Field::long_text("notes").section("personal"),
    ],
    list: &[
        "name",
        "customer_id",
        "title",
        "mobile",
        "buying_role",
        "decision_role",
    ],
    sections: &["main", "personal"],
    title: "name",
    natural_key: &["customer_id", "name"],
    default_sort: "-updated_at",
    access: Access::Contact,
    module: "customers",
    related: &[],
};

pub static TYPES: &[&RecordType] = &[&CUSTOMERS, &CONTACTS];
