-- Search index of the registry's searchable fields (character bigrams, see
-- acre_domain::search) and indexes that keep filtered list counts cheap.
-- Keep in step with the other dialect's file of the same number.
CREATE TABLE search_grams (
    resource TEXT NOT NULL,
    gram TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (resource, gram, record_id)
);
CREATE INDEX ix_search_grams__record ON search_grams (resource, record_id);
CREATE INDEX ix_products__live ON products (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_products__category_live ON products (category NULLS FIRST, deleted_at);
CREATE INDEX ix_price_strategies__live ON price_strategies (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_price_strategies__currency_live ON price_strategies (currency NULLS FIRST, deleted_at);
CREATE INDEX ix_price_strategies__valid_from_live ON price_strategies (valid_from NULLS FIRST, deleted_at);
CREATE INDEX ix_price_strategies__valid_to_live ON price_strategies (valid_to NULLS FIRST, deleted_at);
CREATE INDEX ix_success_cases__live ON success_cases (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_success_cases__industry_live ON success_cases (industry NULLS FIRST, deleted_at);
CREATE INDEX ix_failure_cases__live ON failure_cases (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_failure_cases__industry_live ON failure_cases (industry NULLS FIRST, deleted_at);
CREATE INDEX ix_contract_templates__live ON contract_templates (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_contract_templates__contract_type_live ON contract_templates (contract_type NULLS FIRST, deleted_at);
CREATE INDEX ix_competitors__live ON competitors (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_competitors__size_live ON competitors (size NULLS FIRST, deleted_at);
CREATE INDEX ix_competitor_products__live ON competitor_products (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_competitor_products__price_level_live ON competitor_products (price_level NULLS FIRST, deleted_at);
CREATE INDEX ix_solutions__live ON solutions (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_competitor_people__live ON competitor_people (id) WHERE deleted_at IS NULL;
