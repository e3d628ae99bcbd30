-- Contracts, payment plans, payments received and milestones (SP14, SP15) on the
-- registry. Generated from acre_app::contracts by registry::ddl; keep in step with
-- the other dialect.

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT,
    title TEXT NOT NULL,
    quote_id BIGINT NOT NULL REFERENCES quotes(id),
    opportunity_id BIGINT REFERENCES opportunities(id),
    customer_id BIGINT REFERENCES customers(id),
    owner_id BIGINT REFERENCES users(id),
    template_id BIGINT REFERENCES contract_templates(id),
    amount BIGINT,
    sign_date TEXT,
    start_date TEXT,
    end_date TEXT,
    status TEXT,
    received BIGINT,
    collection_rate DOUBLE PRECISION,
    terms TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE UNIQUE INDEX uq_contracts__number ON contracts (number) WHERE deleted_at IS NULL;
CREATE INDEX ix_contracts__title ON contracts (title);
CREATE INDEX ix_contracts__quote_id ON contracts (quote_id);
CREATE INDEX ix_contracts__opportunity_id ON contracts (opportunity_id);
CREATE INDEX ix_contracts__customer_id ON contracts (customer_id);
CREATE INDEX ix_contracts__owner_id ON contracts (owner_id);
CREATE INDEX ix_contracts__template_id ON contracts (template_id);
CREATE INDEX ix_contracts__updated_at ON contracts (updated_at);

CREATE TABLE installments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    contract_id BIGINT NOT NULL REFERENCES contracts(id),
    customer_id BIGINT REFERENCES customers(id),
    due_date TEXT NOT NULL,
    amount BIGINT NOT NULL,
    received BIGINT,
    paid_off BOOLEAN,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_installments__name ON installments (name);
CREATE INDEX ix_installments__contract_id ON installments (contract_id);
CREATE INDEX ix_installments__customer_id ON installments (customer_id);
CREATE INDEX ix_installments__updated_at ON installments (updated_at);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reference TEXT,
    contract_id BIGINT NOT NULL REFERENCES contracts(id),
    installment_id BIGINT REFERENCES installments(id),
    customer_id BIGINT REFERENCES customers(id),
    received_on TEXT NOT NULL,
    amount BIGINT NOT NULL,
    method TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_payments__reference ON payments (reference);
CREATE INDEX ix_payments__contract_id ON payments (contract_id);
CREATE INDEX ix_payments__installment_id ON payments (installment_id);
CREATE INDEX ix_payments__customer_id ON payments (customer_id);
CREATE INDEX ix_payments__updated_at ON payments (updated_at);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    contract_id BIGINT NOT NULL REFERENCES contracts(id),
    customer_id BIGINT REFERENCES customers(id),
    planned_on TEXT,
    done_on TEXT,
    state TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_milestones__name ON milestones (name);
CREATE INDEX ix_milestones__contract_id ON milestones (contract_id);
CREATE INDEX ix_milestones__customer_id ON milestones (customer_id);
CREATE INDEX ix_milestones__updated_at ON milestones (updated_at);

CREATE INDEX ix_contracts__live ON contracts (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contracts__owner_id_live ON contracts (owner_id, deleted_at);
CREATE INDEX ix_contracts__sign_date_live ON contracts (sign_date, deleted_at);
CREATE INDEX ix_contracts__start_date_live ON contracts (start_date, deleted_at);
CREATE INDEX ix_contracts__end_date_live ON contracts (end_date, deleted_at);
CREATE INDEX ix_contracts__status_live ON contracts (status, deleted_at);
CREATE INDEX ix_installments__live ON installments (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_installments__due_date_live ON installments (due_date, deleted_at);
CREATE INDEX ix_installments__paid_off_live ON installments (paid_off, deleted_at);
CREATE INDEX ix_payments__live ON payments (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_payments__received_on_live ON payments (received_on, deleted_at);
CREATE INDEX ix_payments__method_live ON payments (method, deleted_at);
CREATE INDEX ix_milestones__live ON milestones (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_milestones__planned_on_live ON milestones (planned_on, deleted_at);
CREATE INDEX ix_milestones__done_on_live ON milestones (done_on, deleted_at);
CREATE INDEX ix_milestones__state_live ON milestones (state, deleted_at);
