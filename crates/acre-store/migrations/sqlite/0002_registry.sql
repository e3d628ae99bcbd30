-- The record registry: saved list views, print settings, attachments, import
-- jobs, then one table per registered record type (generated from the
-- declarations by acre_app::registry::ddl; a test checks they agree).
-- Keep in step with the other dialect's file of the same number.
CREATE TABLE saved_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resource TEXT NOT NULL,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    shared BOOLEAN NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX ix_saved_views__resource ON saved_views (resource, user_id);
CREATE TABLE print_settings (
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resource TEXT NOT NULL,
    scope TEXT NOT NULL,
    settings TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, resource, scope)
);
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    resource TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX ix_attachments__record ON attachments (resource, record_id);
CREATE TABLE attachment_data (
    attachment_id BIGINT PRIMARY KEY REFERENCES attachments(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);
CREATE TABLE import_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resource TEXT NOT NULL,
    file_name TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ix_import_jobs__user_id ON import_jobs (user_id);
CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    code TEXT,
    category TEXT,
    unit TEXT,
    features TEXT,
    functions TEXT,
    benefits TEXT,
    advantages TEXT,
    disadvantages TEXT,
    quotation_strategy TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE UNIQUE INDEX uq_products__code ON products (code) WHERE deleted_at IS NULL;
CREATE INDEX ix_products__name ON products (name);
CREATE INDEX ix_products__updated_at ON products (updated_at);

CREATE TABLE price_strategies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    product_id BIGINT NOT NULL REFERENCES products(id),
    list_price BIGINT NOT NULL,
    floor_price BIGINT,
    currency TEXT,
    discount_tiers TEXT,
    valid_from TEXT,
    valid_to TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_price_strategies__name ON price_strategies (name);
CREATE INDEX ix_price_strategies__product_id ON price_strategies (product_id);
CREATE INDEX ix_price_strategies__updated_at ON price_strategies (updated_at);

CREATE TABLE solutions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    industries TEXT,
    products TEXT,
    summary TEXT,
    body TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_solutions__title ON solutions (title);
CREATE INDEX ix_solutions__updated_at ON solutions (updated_at);

CREATE TABLE success_cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    industry TEXT,
    products TEXT,
    customer_intro TEXT,
    customer_needs TEXT,
    competitors TEXT,
    success_keys TEXT,
    highlights TEXT,
    customer_evaluation TEXT,
    summary TEXT,
    remarks TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_success_cases__title ON success_cases (title);
CREATE INDEX ix_success_cases__updated_at ON success_cases (updated_at);

CREATE TABLE failure_cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    customer_name TEXT NOT NULL,
    industry TEXT,
    products TEXT,
    customer_needs TEXT,
    competitors TEXT,
    winner TEXT,
    failure_point TEXT,
    reasons TEXT,
    lessons TEXT,
    remarks TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_failure_cases__title ON failure_cases (title);
CREATE INDEX ix_failure_cases__updated_at ON failure_cases (updated_at);

CREATE TABLE contract_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    contract_type TEXT NOT NULL,
    applicable_products TEXT,
    body TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_contract_templates__name ON contract_templates (name);
CREATE INDEX ix_contract_templates__updated_at ON contract_templates (updated_at);

CREATE TABLE competitors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    website TEXT,
    size TEXT,
    regions TEXT,
    main_products TEXT,
    strengths TEXT,
    weaknesses TEXT,
    strategy TEXT,
    counter TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE UNIQUE INDEX uq_competitors__name ON competitors (name) WHERE deleted_at IS NULL;
CREATE INDEX ix_competitors__updated_at ON competitors (updated_at);

CREATE TABLE competitor_products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    competitor_id BIGINT NOT NULL REFERENCES competitors(id),
    our_product_id BIGINT REFERENCES products(id),
    price_level TEXT,
    strengths TEXT,
    weaknesses TEXT,
    counter_arguments TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_competitor_products__name ON competitor_products (name);
CREATE INDEX ix_competitor_products__competitor_id ON competitor_products (competitor_id);
CREATE INDEX ix_competitor_products__our_product_id ON competitor_products (our_product_id);
CREATE INDEX ix_competitor_products__updated_at ON competitor_products (updated_at);

CREATE TABLE competitor_people (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    competitor_id BIGINT NOT NULL REFERENCES competitors(id),
    title TEXT,
    region TEXT,
    phone TEXT,
    experience TEXT,
    selling_style TEXT,
    relationships TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_competitor_people__name ON competitor_people (name);
CREATE INDEX ix_competitor_people__competitor_id ON competitor_people (competitor_id);
CREATE INDEX ix_competitor_people__updated_at ON competitor_people (updated_at);
