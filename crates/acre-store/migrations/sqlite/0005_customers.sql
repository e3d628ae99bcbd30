-- Customers and their contacts (CU1, CU3, CU6-CU10, CU15) on the registry.
-- Generated from acre_app::customers by registry::ddl; keep in step with the other dialect.
CREATE TABLE customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    short_name TEXT,
    credit_code TEXT,
    owner_id BIGINT REFERENCES users(id),
    category TEXT,
    source TEXT,
    region TEXT,
    industry TEXT,
    company_nature TEXT,
    grade TEXT,
    key_account BOOLEAN,
    phone TEXT,
    website TEXT,
    province TEXT,
    city TEXT,
    district TEXT,
    address TEXT,
    legal_representative TEXT,
    owners_managers TEXT,
    organisation_form TEXT,
    founding_history TEXT,
    trading_since TEXT,
    registered_capital BIGINT,
    assets BIGINT,
    headcount BIGINT,
    revenue_band TEXT,
    personality TEXT,
    hobbies TEXT,
    education TEXT,
    age BIGINT,
    service_area TEXT,
    sales_capability TEXT,
    growth_potential TEXT,
    business_philosophy TEXT,
    business_direction TEXT,
    business_policy TEXT,
    planning TEXT,
    business_features TEXT,
    sales_performance TEXT,
    staff_quality TEXT,
    competitor_relations TEXT,
    relationship_attitude TEXT,
    current_sales TEXT,
    problems TEXT,
    strengths TEXT,
    future_strategy TEXT,
    image TEXT,
    reputation TEXT,
    credit_status TEXT,
    credit_rating TEXT,
    trading_terms TEXT,
    market_share DOUBLE PRECISION,
    main_competitors TEXT,
    industry_problems TEXT,
    industry_opportunities TEXT,
    trends TEXT,
    mission_policy TEXT,
    decision_makers TEXT,
    current_system TEXT,
    system_decider TEXT,
    system_problems TEXT,
    system_cost BIGINT,
    system_implementation_time TEXT,
    system_scope TEXT,
    main_customers TEXT,
    parent_company TEXT,
    parent_country TEXT,
    parent_size TEXT,
    parent_system TEXT,
    site_division TEXT,
    decision_owner TEXT,
    capital_shares TEXT,
    gender TEXT,
    birthday TEXT,
    occupation TEXT,
    family TEXT,
    interests TEXT,
    habits TEXT,
    income_band TEXT,
    relationships TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE UNIQUE INDEX uq_customers__credit_code ON customers (credit_code) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__name ON customers (name);
CREATE INDEX ix_customers__owner_id ON customers (owner_id);
CREATE INDEX ix_customers__updated_at ON customers (updated_at);
CREATE INDEX ix_customers__live ON customers (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_customers__kind_live ON customers (kind, deleted_at);
CREATE INDEX ix_customers__owner_id_live ON customers (owner_id, deleted_at);
CREATE INDEX ix_customers__category_live ON customers (category, deleted_at);
CREATE INDEX ix_customers__source_live ON customers (source, deleted_at);
CREATE INDEX ix_customers__industry_live ON customers (industry, deleted_at);
CREATE INDEX ix_customers__company_nature_live ON customers (company_nature, deleted_at);
CREATE INDEX ix_customers__grade_live ON customers (grade, deleted_at);
CREATE INDEX ix_customers__key_account_live ON customers (key_account, deleted_at);
CREATE INDEX ix_customers__trading_since_live ON customers (trading_since, deleted_at);
CREATE INDEX ix_customers__revenue_band_live ON customers (revenue_band, deleted_at);
CREATE INDEX ix_customers__credit_rating_live ON customers (credit_rating, deleted_at);
CREATE INDEX ix_customers__gender_live ON customers (gender, deleted_at);
CREATE INDEX ix_customers__birthday_live ON customers (birthday, deleted_at);
CREATE INDEX ix_customers__income_band_live ON customers (income_band, deleted_at);
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    title TEXT,
    department TEXT,
    mobile TEXT,
    phone TEXT,
    email TEXT,
    wechat TEXT,
    buying_role TEXT,
    decision_role TEXT,
    birthday TEXT,
    age BIGINT,
    education TEXT,
    hometown TEXT,
    address TEXT,
    family TEXT,
    interests TEXT,
    hobbies TEXT,
    personality TEXT,
    habits TEXT,
    relationships TEXT,
    last_contact TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_contacts__name ON contacts (name);
CREATE INDEX ix_contacts__customer_id ON contacts (customer_id);
CREATE INDEX ix_contacts__updated_at ON contacts (updated_at);
CREATE INDEX ix_contacts__live ON contacts (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contacts__buying_role_live ON contacts (buying_role, deleted_at);
CREATE INDEX ix_contacts__decision_role_live ON contacts (decision_role, deleted_at);
CREATE INDEX ix_contacts__birthday_live ON contacts (birthday, deleted_at);
CREATE INDEX ix_contacts__last_contact_live ON contacts (last_contact, deleted_at);
