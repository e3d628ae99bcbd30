-- Quotes and their lines (SP6) on the registry. Generated from acre_app::quotes
-- by registry::ddl; keep in step with the other dialect.

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    number TEXT,
    title TEXT NOT NULL,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
    customer_id BIGINT REFERENCES customers(id),
    quote_date TEXT,
    valid_until TEXT,
    currency TEXT,
    tax_rate DOUBLE PRECISION,
    subtotal BIGINT,
    tax BIGINT,
    total BIGINT,
    below_floor BOOLEAN,
    status TEXT,
    payment_terms TEXT,
    delivery TEXT,
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE UNIQUE INDEX uq_quotes__number ON quotes (number) WHERE deleted_at IS NULL;
CREATE INDEX ix_quotes__title ON quotes (title);
CREATE INDEX ix_quotes__opportunity_id ON quotes (opportunity_id);
CREATE INDEX ix_quotes__customer_id ON quotes (customer_id);
CREATE INDEX ix_quotes__updated_at ON quotes (updated_at);

CREATE TABLE quote_lines (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    description TEXT,
    quote_id BIGINT NOT NULL REFERENCES quotes(id),
    customer_id BIGINT REFERENCES customers(id),
    product_id BIGINT REFERENCES products(id),
    price_strategy_id BIGINT REFERENCES price_strategies(id),
    quantity DOUBLE PRECISION NOT NULL,
    unit_price BIGINT,
    discount DOUBLE PRECISION,
    floor_price BIGINT,
    amount BIGINT,
    below_floor BOOLEAN,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_quote_lines__description ON quote_lines (description);
CREATE INDEX ix_quote_lines__quote_id ON quote_lines (quote_id);
CREATE INDEX ix_quote_lines__customer_id ON quote_lines (customer_id);
CREATE INDEX ix_quote_lines__product_id ON quote_lines (product_id);
CREATE INDEX ix_quote_lines__price_strategy_id ON quote_lines (price_strategy_id);
CREATE INDEX ix_quote_lines__updated_at ON quote_lines (updated_at);

CREATE INDEX ix_quotes__live ON quotes (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_quotes__quote_date_live ON quotes (quote_date, deleted_at);
CREATE INDEX ix_quotes__valid_until_live ON quotes (valid_until, deleted_at);
CREATE INDEX ix_quotes__currency_live ON quotes (currency, deleted_at);
CREATE INDEX ix_quotes__below_floor_live ON quotes (below_floor, deleted_at);
CREATE INDEX ix_quotes__status_live ON quotes (status, deleted_at);
CREATE INDEX ix_quote_lines__live ON quote_lines (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_quote_lines__below_floor_live ON quote_lines (below_floor, deleted_at);
