//! The sales knowledge base (销售资料, seed 000 §3.1.1, KB1–KB9): nine record
//! types on the registry.

use crate::registry::{Access, Field, RecordType, Related};

/// Industries of the target market (seed 002 §1, CU13).
pub const INDUSTRIES: &[&str] = &[
    "electronics",
    "motors",
    "appliances",
    "machinery",
    "hardware",
    "tools",
    "transport",
    "chemicals",
    "pharma",
    "food",
    "beverage",
    "apparel",
    "home_textiles",
    "bakery",
    "boutiques",
    "chain_3c",
    "furniture",
    "department_stores",
    "other",
];

const PRODUCT_CATEGORIES: &[&str] = &["software", "hardware", "service", "accessory", "other"];
const CURRENCIES: &[&str] = &["CNY", "USD", "HKD", "TWD", "EUR"];
const CONTRACT_TYPES: &[&str] = &["sales", "service", "maintenance", "framework", "other"];
const COMPANY_SIZES: &[&str] = &["small", "medium", "large", "listed"];
const PRICE_LEVELS: &[&str] = &["lower", "similar", "higher"];

/// KB1 产品资料: complex products from the selling angle (FAB).
pub static PRODUCTS: RecordType = RecordType {
    key: "products",
    entity: "product",
    table: "products",
    fields: &[
        Field::text("name").required().searchable(),
        Field::text("code").unique().searchable().max(50),
        Field::choice("category", PRODUCT_CATEGORIES),
        Field::text("unit").max(20),
        Field::long_text("features").section("fab"),
        Field::long_text("functions").section("fab"),
        Field::long_text("benefits").section("fab"),
        Field::long_text("advantages").section("fab"),
        Field::long_text("disadvantages").section("fab"),
        Field::long_text("quotation_strategy").section("fab"),
    ],
    list: &["code", "name", "category", "unit", "updated_at"],
    sections: &["main", "fab"],
    title: "name",
    natural_key: &["code"],
    default_sort: "name",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[Related {
        resource: "price-strategies",
        via: "product_id",
        window: Some(("valid_from", "valid_to")),
    }],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB2 产品价格: price strategies of simple products.
pub static PRICE_STRATEGIES: RecordType = RecordType {
    key: "price-strategies",
    entity: "price_strategy",
    table: "price_strategies",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("product_id", "products").required(),
        Field::money("list_price").required(),
        Field::money("floor_price"),
        Field::choice("currency", CURRENCIES),
        Field::long_text("discount_tiers"),
        Field::date("valid_from"),
        Field::date("valid_to"),
        Field::long_text("notes"),
    ],
    list: &[
        "name",
        "product_id",
        "list_price",
        "floor_price",
        "valid_from",
        "valid_to",
    ],
    sections: &["main"],
    title: "name",
    natural_key: &["name"],
    default_sort: "-valid_from",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB3 解决方案.
pub static SOLUTIONS: RecordType = RecordType {
    key: "solutions",
    entity: "solution",
    table: "solutions",
    fields: &[
        Field::text("title").required().searchable(),
        Field::choices("industries", INDUSTRIES),
        Field::text("products").searchable().max(500),
        Field::long_text("summary"),
        Field::long_text("body").section("body"),
    ],
    list: &["title", "industries", "products", "updated_at"],
    sections: &["main", "body"],
    title: "title",
    natural_key: &["title"],
    default_sort: "-updated_at",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB4 成功案例 with the seed's eight fields.
pub static SUCCESS_CASES: RecordType = RecordType {
    key: "success-cases",
    entity: "success_case",
    table: "success_cases",
    fields: &[
        Field::text("title").required().searchable(),
        Field::text("customer_name").required().searchable(),
        Field::choice("industry", INDUSTRIES),
        Field::text("products").searchable().max(500),
        Field::long_text("customer_intro").section("story"),
        Field::long_text("customer_needs").section("story"),
        Field::long_text("competitors").section("story"),
        Field::long_text("success_keys").section("story"),
        Field::long_text("highlights").section("story"),
        Field::long_text("customer_evaluation").section("story"),
        Field::long_text("summary").section("story"),
        Field::long_text("remarks").section("story"),
    ],
    list: &[
        "title",
        "customer_name",
        "industry",
        "products",
        "updated_at",
    ],
    sections: &["main", "story"],
    title: "title",
    natural_key: &["title"],
    default_sort: "-updated_at",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB5 失败案例: the same frame from the losing side.
pub static FAILURE_CASES: RecordType = RecordType {
    key: "failure-cases",
    entity: "failure_case",
    table: "failure_cases",
    fields: &[
        Field::text("title").required().searchable(),
        Field::text("customer_name").required().searchable(),
        Field::choice("industry", INDUSTRIES),
        Field::text("products").searchable().max(500),
        Field::long_text("customer_needs").section("story"),
        Field::long_text("competitors").section("story"),
        Field::text("winner").searchable().section("story"),
        Field::long_text("failure_point").section("story"),
        Field::long_text("reasons").section("story"),
        Field::long_text("lessons").section("story"),
        Field::long_text("remarks").section("story"),
    ],
    list: &["title", "customer_name", "industry", "winner", "updated_at"],
    sections: &["main", "story"],
    title: "title",
    natural_key: &["title"],
    default_sort: "-updated_at",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB6 合同范本: the template document is an attachment; the body holds
/// placeholders such as `{{customer.name}}` filled when a contract is generated.
pub static CONTRACT_TEMPLATES: RecordType = RecordType {
    key: "contract-templates",
    entity: "contract_template",
    table: "contract_templates",
    fields: &[
        Field::text("name").required().searchable(),
        Field::choice("contract_type", CONTRACT_TYPES).required(),
        Field::text("applicable_products").searchable().max(500),
        Field::file("template_file"),
        Field::long_text("body").section("body"),
        Field::long_text("notes"),
    ],
    list: &["name", "contract_type", "applicable_products", "updated_at"],
    sections: &["main", "body"],
    title: "name",
    natural_key: &["name"],
    default_sort: "name",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB7 竞争对手.
pub static COMPETITORS: RecordType = RecordType {
    key: "competitors",
    entity: "competitor",
    table: "competitors",
    fields: &[
        Field::text("name").required().unique().searchable(),
        Field::url("website"),
        Field::choice("size", COMPANY_SIZES),
        Field::text("regions").max(500),
        Field::long_text("main_products"),
        Field::long_text("strengths").section("analysis"),
        Field::long_text("weaknesses").section("analysis"),
        Field::long_text("strategy").section("analysis"),
        Field::long_text("counter").section("analysis"),
    ],
    list: &["name", "size", "regions", "updated_at"],
    sections: &["main", "analysis"],
    title: "name",
    natural_key: &["name"],
    default_sort: "name",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[
        Related {
            resource: "competitor-products",
            via: "competitor_id",
            window: None,
        },
        Related {
            resource: "competitor-people",
            via: "competitor_id",
            window: None,
        },
    ],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB8 竞争产品.
pub static COMPETITOR_PRODUCTS: RecordType = RecordType {
    key: "competitor-products",
    entity: "competitor_product",
    table: "competitor_products",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("competitor_id", "competitors").required(),
        Field::link("our_product_id", "products"),
        Field::choice("price_level", PRICE_LEVELS),
        Field::long_text("strengths"),
        Field::long_text("weaknesses"),
        Field::long_text("counter_arguments"),
    ],
    list: &["name", "competitor_id", "our_product_id", "price_level"],
    sections: &["main"],
    title: "name",
    natural_key: &["name"],
    default_sort: "name",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// KB9 竞争人员: a competitor's salesperson.
pub static COMPETITOR_PEOPLE: RecordType = RecordType {
    key: "competitor-people",
    entity: "competitor_person",
    table: "competitor_people",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("competitor_id", "competitors").required(),
        Field::text("title").max(100),
        Field::text("region").max(100),
        Field::phone("phone"),
        Field::long_text("experience"),
        Field::long_text("selling_style"),
        Field::long_text("relationships"),
        Field::long_text("notes"),
    ],
    list: &["name", "competitor_id", "title", "region"],
    sections: &["main"],
    title: "name",
    natural_key: &["name"],
    default_sort: "name",
    access: Access::SalesMaterial,
    module: "kb",
    related: &[],
    duplicates: &[],
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
};

/// The knowledge base's types in navigation order.
pub static TYPES: &[&RecordType] = &[
    &PRODUCTS,
    &PRICE_STRATEGIES,
    &SOLUTIONS,
    &SUCCESS_CASES,
    &FAILURE_CASES,
    &CONTRACT_TEMPLATES,
    &COMPETITORS,
    &COMPETITOR_PRODUCTS,
    &COMPETITOR_PEOPLE,
];
