//! Customers (我的客户, seed 000 §3.1.2) with the file card of seed 004, and
//! their contacts (CU1, CU3, CU6–CU10, CU13–CU15) on the registry. A contact
//! always belongs to a customer and is visible exactly when its customer is.

use acre_store::Value;

use crate::kb::INDUSTRIES;
use crate::registry::{
    Access, Completeness, Dedupe, Field, Mirror, RecordType, Related, Rollup, Variants,
};

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
pub const GRADES: &[&str] = &["A", "B", "C", "D"];
/// Revenue bands of the target market (seed 002 §1).
const REVENUE_BANDS: &[&str] = &["lt_50m", "50m_500m", "gt_500m"];
/// CU13: the product line of the segment a customer is in, or out / unknown.
const TARGET_MARKETS: &[&str] = &["yizhu", "yifei", "tiptop", "distribution", "out", "unknown"];
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
        Field::choice("target_market", TARGET_MARKETS).computed(target_market),
        Field::integer("completeness").derived(),
        Field::datetime("last_followup_at").derived(),
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
        "name",
        "kind",
        "owner_id",
        "grade",
        "category",
        "region",
        "industry",
        "phone",
        "completeness",
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
    related: &[
        Related {
            resource: "contacts",
            via: "customer_id",
            window: None,
        },
        Related {
            resource: "opportunities",
            via: "customer_id",
            window: None,
        },
    ],
    duplicates: &[
        Dedupe {
            field: "name",
            key: acre_domain::dedupe::company_key,
        },
        Dedupe {
            field: "phone",
            key: acre_domain::dedupe::phone_key,
        },
    ],
    // The fields customers are selected by (CU4), and the owner itself.
    owner_indexed: &[
        "owner_id",
        "grade",
        "category",
        "source",
        "industry",
        "company_nature",
    ],
    inherit: &[],
    numbering: None,
    editable: None,
    after_change: None,
    variants: Some(Variants {
        field: "kind",
        sections: &[
            (
                "company",
                &[
                    "main", "basic", "traits", "status", "trading", "industry", "systems",
                ],
            ),
            ("individual", &["main", "individual"]),
        ],
    }),
    summary: &[
        "grade",
        "owner_id",
        "category",
        "industry",
        "completeness",
        "last_followup_at",
    ],
    completeness: Some(Completeness {
        field: "completeness",
        keys: &[("company", COMPANY_KEYS), ("individual", INDIVIDUAL_KEYS)],
    }),
    rollup: None,
    mirror: None,
};

/// CU13 (seed 002 §1): where a customer stands in the target market, from its
/// industry and revenue band (`acre_domain::grading::market`), kept on the
/// customer so lists filter and sort by it. Same rule as migration 0015.
fn target_market(values: &[(&'static Field, Value)]) -> Value {
    use acre_domain::grading::market::{self, Fit, RevenueBand};
    let text = |k: &str| {
        values
            .iter()
            .find(|(f, _)| f.key == k)
            .and_then(|(_, v)| v.to_text())
    };
    let band = text("revenue_band").and_then(|b| RevenueBand::from_key(&b));
    let m = market::target_market(text("industry").as_deref(), band);
    Value::from(match (m.fit, m.product_line) {
        (Fit::In, Some(line)) => line.key(),
        (Fit::Out, _) => "out",
        _ => "unknown",
    })
}

/// The key fields of a company file whose share filled is its completeness
/// (档案完整率, docs/customers.md): who they are, how to reach them, how big
/// they are, and what the seed asks a rep to learn first (competitors,
/// current systems, decision makers).
pub const COMPANY_KEYS: &[&str] = &[
    "name",
    "short_name",
    "credit_code",
    "category",
    "source",
    "region",
    "industry",
    "company_nature",
    "grade",
    "phone",
    "province",
    "city",
    "address",
    "legal_representative",
    "headcount",
    "revenue_band",
    "registered_capital",
    "main_competitors",
    "current_system",
    "decision_makers",
];

/// The key fields of an individual (family-type) file.
pub const INDIVIDUAL_KEYS: &[&str] = &[
    "name",
    "source",
    "region",
    "grade",
    "phone",
    "province",
    "city",
    "address",
    "gender",
    "birthday",
    "occupation",
    "family",
    "interests",
    "income_band",
];

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
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[],
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    // The latest contact with any of its people is the customer's last follow-up.
    rollup: Some(Rollup {
        via: "customer_id",
        from: "last_contact",
        parent_table: "customers",
        to: "last_followup_at",
    }),
    // Whoever adds a contact keeps its card in their business-card book.
    mirror: Some(Mirror {
        to: "business-cards",
        via: "contact_id",
        fields: &[
            ("name", "name"),
            ("company", "customer_id"),
            ("title", "title"),
            ("department", "department"),
            ("mobile", "mobile"),
            ("phone", "phone"),
            ("email", "email"),
            ("wechat", "wechat"),
        ],
    }),
};

pub static TYPES: &[&RecordType] = &[&CUSTOMERS, &CONTACTS];

/// Demo customers: a few per rep, with a contact each, registered by the reps
/// themselves so each sees their own acre.
pub async fn load_demo(app: &crate::App) -> crate::error::Result<()> {
    use crate::registry::Input;
    const DEMO: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
        // (rep, customer, industry, grade, region, contact, title)
        (
            "rep1",
            "东莞华信电子有限公司",
            "electronics",
            "A",
            "华南",
            "王建华",
            "总经理",
        ),
        (
            "rep1",
            "深圳市锐达电机股份有限公司",
            "motors",
            "B",
            "华南",
            "李淑芬",
            "财务经理",
        ),
        (
            "rep2",
            "佛山美居家电有限公司",
            "appliances",
            "C",
            "华南",
            "陈志强",
            "信息部经理",
        ),
        (
            "rep2",
            "广州穗丰食品有限公司",
            "food",
            "B",
            "华南",
            "黄晓明",
            "生产总监",
        ),
        (
            "rep3",
            "厦门海润饮料有限公司",
            "beverage",
            "D",
            "华东",
            "林美玲",
            "采购主管",
        ),
        (
            "rep4",
            "苏州精工机械制造有限公司",
            "machinery",
            "A",
            "华东",
            "张国栋",
            "副总经理",
        ),
        (
            "rep4",
            "宁波甬兴五金工具有限公司",
            "hardware",
            "C",
            "华东",
            "周丽",
            "总经理助理",
        ),
        (
            "rep5",
            "杭州云裳服饰有限公司",
            "apparel",
            "B",
            "华东",
            "吴晨",
            "运营总监",
        ),
        (
            "rep6",
            "上海新世纪百货有限公司",
            "department_stores",
            "C",
            "华东",
            "郑海",
            "IT 经理",
        ),
        (
            "rep6",
            "台州恒达化工有限公司",
            "chemicals",
            "D",
            "华东",
            "赵敏",
            "财务总监",
        ),
    ];
    if app
        .db
        .fetch_optional("SELECT id FROM customers LIMIT 1", &[])
        .await?
        .is_some()
    {
        return Ok(());
    }
    for (rep, name, industry, grade, region, contact, title) in DEMO {
        let Some((user, _)) = acre_store::users::credentials(&app.db, rep).await? else {
            continue;
        };
        let actor = crate::Actor::new(user, None);
        let input: Input = [
            ("name", *name),
            ("kind", "company"),
            ("industry", industry),
            ("grade", grade),
            ("region", region),
            (
                "category",
                if *grade == "A" {
                    "key_account"
                } else {
                    "potential"
                },
            ),
            ("source", "telemarketing"),
            ("company_nature", "private"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (id, _) = app.create_record(&actor, &CUSTOMERS, &input).await?;
        let input: Input = [
            ("name", *contact),
            ("customer_id", &id.to_string()),
            ("title", *title),
            ("decision_role", "decision_maker"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        app.create_record(&actor, &CONTACTS, &input).await?;
    }
    Ok(())
}

/// A colleague a customer is shared with (CU2).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Share {
    pub user_id: i64,
    pub user_name: String,
    pub can_write: bool,
    pub expires_at: Option<i64>,
}

impl crate::App {
    /// The colleagues a customer the actor can see is shared with.
    pub async fn list_shares(
        &self,
        actor: &crate::Actor,
        customer: i64,
    ) -> crate::error::Result<Vec<Share>> {
        self.get_record(actor, &CUSTOMERS, customer, false).await?;
        let rows = self
            .db
            .fetch_all(
                "SELECT s.user_id, u.display_name, s.can_write, s.expires_at FROM customer_shares s JOIN users u ON u.id = s.user_id \
                 WHERE s.customer_id = $1 ORDER BY u.display_name",
                &[customer.into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| Share {
                user_id: r.i64("user_id"),
                user_name: r.str("display_name"),
                can_write: r.bool("can_write"),
                expires_at: r.opt_i64("expires_at"),
            })
            .collect())
    }

    /// Share a customer with a colleague, read-only or read-write, until the
    /// end of `expires` (a date, China Standard Time) or for good. Whoever may
    /// change the customer may share it; sharing again replaces the terms.
    pub async fn share_customer(
        &self,
        actor: &crate::Actor,
        customer: i64,
        user: i64,
        can_write: bool,
        expires: Option<&str>,
    ) -> crate::error::Result<()> {
        use crate::error::AppError;
        let rec = self.get_record(actor, &CUSTOMERS, customer, false).await?;
        if !self.can_edit(actor, &CUSTOMERS, &rec) {
            return Err(AppError::forbidden());
        }
        let target = acre_store::users::by_id(&self.db, user)
            .await?
            .filter(|u| u.active)
            .ok_or_else(|| AppError::field("user_id", "err-no-such-user"))?;
        if rec.get("owner_id") == acre_store::Value::from(user) {
            return Err(AppError::field("user_id", "err-share-owner"));
        }
        let expires_at = match expires.map(str::trim).filter(|s| !s.is_empty()) {
            Some(d) => Some(
                crate::registry::value::parse_datetime(&format!("{d} 23:59:59"))
                    .ok_or_else(|| AppError::field("expires", "err-date"))?,
            ),
            None => None,
        };
        let mut tx = self.db.begin().await?;
        tx.execute(
            "DELETE FROM customer_shares WHERE customer_id = $1 AND user_id = $2",
            &[customer.into(), user.into()],
        )
        .await?;
        tx.execute(
            "INSERT INTO customer_shares (customer_id, user_id, can_write, expires_at, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6)",
            &[customer.into(), user.into(), can_write.into(), expires_at.into(), acre_store::now_ms().into(), actor.id().into()],
        )
        .await?;
        let what = format!(
            "{} ({})",
            target.display_name,
            if can_write { "rw" } else { "r" }
        );
        let change = acre_store::audit::Change {
            field: "shares".into(),
            old: None,
            new: Some(what),
        };
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            CUSTOMERS.entity,
            customer,
            "shared",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Stop sharing a customer with a colleague (effective on their next request).
    pub async fn unshare_customer(
        &self,
        actor: &crate::Actor,
        customer: i64,
        user: i64,
    ) -> crate::error::Result<()> {
        let rec = self.get_record(actor, &CUSTOMERS, customer, false).await?;
        if !self.can_edit(actor, &CUSTOMERS, &rec) {
            return Err(crate::error::AppError::forbidden());
        }
        let mut tx = self.db.begin().await?;
        let n = tx
            .execute(
                "DELETE FROM customer_shares WHERE customer_id = $1 AND user_id = $2",
                &[customer.into(), user.into()],
            )
            .await?;
        if n == 0 {
            return Err(crate::error::AppError::not_found());
        }
        let name = acre_store::users::by_id(&self.db, user)
            .await?
            .map(|u| u.display_name);
        let change = acre_store::audit::Change {
            field: "shares".into(),
            old: name,
            new: None,
        };
        acre_store::audit::record(
            &mut tx,
            Some(actor.id()),
            CUSTOMERS.entity,
            customer,
            "unshared",
            &[change],
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A customer or contact found by the global search box.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SearchHit {
    /// `customers` or `contacts`.
    pub resource: &'static str,
    pub id: i64,
    pub name: String,
    /// The customer's phone or the contact's mobile.
    pub phone: Option<String>,
    /// A contact's customer.
    pub customer_id: Option<i64>,
    pub customer_name: Option<String>,
}

/// Customers and contacts matching a search, each with its total.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SearchResults {
    pub customers: Vec<SearchHit>,
    pub customers_total: i64,
    /// More than `customers_total` match (a search counts up to 2,000).
    pub customers_more: bool,
    pub contacts: Vec<SearchHit>,
    pub contacts_total: i64,
    pub contacts_more: bool,
}

impl crate::App {
    /// The global search box (design.md §7): customers and contacts whose
    /// name, phone or pinyin matches, at most `limit` of each, the most
    /// recently changed first (the lists' own order: what a rep works on now
    /// comes before what they have not touched in years, and a rep's own
    /// customers are read in that order from the owner index, where a name
    /// order meant walking every customer's name). It goes through the
    /// ordinary list query, so the types' visibility predicate is part of the
    /// SQL and nothing the actor may not see is loaded.
    pub async fn search_customers(
        &self,
        actor: &crate::Actor,
        q: &str,
        limit: i64,
    ) -> crate::error::Result<SearchResults> {
        let q = q.trim();
        if q.is_empty() || !CUSTOMERS.access.can_read(actor) {
            return Ok(SearchResults::default());
        }
        let query = |cols: &[&str]| crate::registry::ListQuery {
            q: Some(q.chars().take(100).collect()),
            limit,
            columns: cols.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        };
        let (customers, customers_total) = self
            .list_records(actor, &CUSTOMERS, &query(&["phone"]))
            .await?;
        let (contacts, contacts_total) = self
            .list_records(actor, &CONTACTS, &query(&["customer_id", "mobile"]))
            .await?;
        let hit = |rt: &'static RecordType, r: &crate::registry::Record, phone: &str| SearchHit {
            resource: rt.key,
            id: r.id,
            name: r.title(rt),
            phone: r.get(phone).to_text(),
            customer_id: match r.get("customer_id") {
                acre_store::Value::Int(id) => id,
                _ => None,
            },
            customer_name: r.title_of("customer_id").map(str::to_string),
        };
        Ok(SearchResults {
            customers: customers
                .iter()
                .map(|r| hit(&CUSTOMERS, r, "phone"))
                .collect(),
            customers_total: customers_total.n,
            customers_more: !customers_total.exact,
            contacts: contacts
                .iter()
                .map(|r| hit(&CONTACTS, r, "mobile"))
                .collect(),
            contacts_total: contacts_total.n,
            contacts_more: !contacts_total.exact,
        })
    }
}
