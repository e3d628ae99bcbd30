-- Discount tiers of price strategies (SP6): a quote line's discount for its
-- quantity. Generated from acre_app::kb by registry::ddl; keep in step with the
-- other dialect.

CREATE TABLE price_tiers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    price_strategy_id BIGINT NOT NULL REFERENCES price_strategies(id),
    min_quantity DOUBLE PRECISION NOT NULL,
    discount DOUBLE PRECISION NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_price_tiers__name ON price_tiers (name);
CREATE INDEX ix_price_tiers__price_strategy_id ON price_tiers (price_strategy_id);
CREATE INDEX ix_price_tiers__min_quantity ON price_tiers (min_quantity);
CREATE INDEX ix_price_tiers__updated_at ON price_tiers (updated_at);
CREATE INDEX ix_price_tiers__live ON price_tiers (id) WHERE deleted_at IS NULL;
