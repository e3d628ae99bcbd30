-- The business-card book (个人管理 → 名片管理), on the registry.
-- Generated from acre_app::cards by registry::ddl; keep in step with the other dialect.
CREATE TABLE business_cards (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    company TEXT,
    title TEXT,
    department TEXT,
    mobile TEXT,
    phone TEXT,
    email TEXT,
    wechat TEXT,
    address TEXT,
    notes TEXT,
    contact_id BIGINT REFERENCES contacts(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_business_cards__name ON business_cards (name);
CREATE INDEX ix_business_cards__contact_id ON business_cards (contact_id);
CREATE INDEX ix_business_cards__updated_at ON business_cards (updated_at);
CREATE INDEX ix_business_cards__live ON business_cards (id) WHERE deleted_at IS NULL;
-- Each book is read by its owner alone.
CREATE INDEX ix_business_cards__created_by ON business_cards (created_by, deleted_at);
