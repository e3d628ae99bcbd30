-- Opportunities (SP1–SP5, SP7, SP8, SP16) on the registry, their stage history
-- and the skip rule table. Generated from acre_app::opportunities by registry::ddl;
-- keep in step with the other dialect.

CREATE TABLE opportunities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    customer_id BIGINT NOT NULL REFERENCES customers(id),
    owner_id BIGINT REFERENCES users(id),
    products TEXT,
    amount BIGINT,
    close_date TEXT,
    grade TEXT,
    source TEXT,
    event TEXT,
    stage TEXT,
    probability DOUBLE PRECISION,
    status TEXT,
    verbal_range TEXT,
    close_reason TEXT,
    closed_on TEXT,
    conflicts TEXT,
    selection_start TEXT,
    selection_end TEXT,
    decision_date TEXT,
    signing_date TEXT,
    impl_start TEXT,
    go_live TEXT,
    has_budget BOOLEAN,
    budget_amount BIGINT,
    budget_covers TEXT,
    affordability TEXT,
    motivation TEXT,
    problems TEXT,
    scope_functional TEXT,
    scope_geographic TEXT,
    scope_language TEXT,
    modules TEXT,
    services TEXT,
    initiator TEXT,
    decision_makers TEXT,
    decision_process TEXT,
    criteria TEXT,
    hq_role TEXT,
    competitor_id BIGINT REFERENCES competitors(id),
    competitors TEXT,
    leader TEXT,
    leader_advantages TEXT,
    laggard_weaknesses TEXT,
    hot_buttons TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_opportunities__name ON opportunities (name);
CREATE INDEX ix_opportunities__customer_id ON opportunities (customer_id);
CREATE INDEX ix_opportunities__owner_id ON opportunities (owner_id);
CREATE INDEX ix_opportunities__competitor_id ON opportunities (competitor_id);
CREATE INDEX ix_opportunities__updated_at ON opportunities (updated_at);

CREATE TABLE decision_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
    contact_id BIGINT NOT NULL REFERENCES contacts(id),
    customer_id BIGINT REFERENCES customers(id),
    decision_role TEXT,
    influence TEXT NOT NULL,
    support TEXT NOT NULL,
    quadrant TEXT,
    reports_to BIGINT REFERENCES contacts(id),
    notes TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_decision_entries__name ON decision_entries (name);
CREATE INDEX ix_decision_entries__opportunity_id ON decision_entries (opportunity_id);
CREATE INDEX ix_decision_entries__contact_id ON decision_entries (contact_id);
CREATE INDEX ix_decision_entries__customer_id ON decision_entries (customer_id);
CREATE INDEX ix_decision_entries__reports_to ON decision_entries (reports_to);
CREATE INDEX ix_decision_entries__updated_at ON decision_entries (updated_at);

CREATE TABLE objections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
    customer_id BIGINT REFERENCES customers(id),
    kind TEXT NOT NULL,
    raised_on TEXT,
    response TEXT,
    state TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_objections__subject ON objections (subject);
CREATE INDEX ix_objections__opportunity_id ON objections (opportunity_id);
CREATE INDEX ix_objections__customer_id ON objections (customer_id);
CREATE INDEX ix_objections__updated_at ON objections (updated_at);

CREATE TABLE concessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subject TEXT NOT NULL,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id),
    customer_id BIGINT REFERENCES customers(id),
    given_on TEXT NOT NULL,
    amount BIGINT NOT NULL,
    asked_back TEXT,
    larger_than_before BOOLEAN,
    nothing_back BOOLEAN,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users(id),
    deleted_at BIGINT
);
CREATE INDEX ix_concessions__subject ON concessions (subject);
CREATE INDEX ix_concessions__opportunity_id ON concessions (opportunity_id);
CREATE INDEX ix_concessions__customer_id ON concessions (customer_id);
CREATE INDEX ix_concessions__updated_at ON concessions (updated_at);

CREATE INDEX ix_opportunities__live ON opportunities (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_opportunities__owner_id_live ON opportunities (owner_id, deleted_at);
CREATE INDEX ix_opportunities__close_date_live ON opportunities (close_date, deleted_at);
CREATE INDEX ix_opportunities__grade_live ON opportunities (grade, deleted_at);
CREATE INDEX ix_opportunities__source_live ON opportunities (source, deleted_at);
CREATE INDEX ix_opportunities__stage_live ON opportunities (stage, deleted_at);
CREATE INDEX ix_opportunities__status_live ON opportunities (status, deleted_at);
CREATE INDEX ix_opportunities__closed_on_live ON opportunities (closed_on, deleted_at);
CREATE INDEX ix_opportunities__selection_start_live ON opportunities (selection_start, deleted_at);
CREATE INDEX ix_opportunities__selection_end_live ON opportunities (selection_end, deleted_at);
CREATE INDEX ix_opportunities__decision_date_live ON opportunities (decision_date, deleted_at);
CREATE INDEX ix_opportunities__signing_date_live ON opportunities (signing_date, deleted_at);
CREATE INDEX ix_opportunities__impl_start_live ON opportunities (impl_start, deleted_at);
CREATE INDEX ix_opportunities__go_live_live ON opportunities (go_live, deleted_at);
CREATE INDEX ix_opportunities__has_budget_live ON opportunities (has_budget, deleted_at);
CREATE INDEX ix_opportunities__leader_live ON opportunities (leader, deleted_at);
CREATE INDEX ix_decision_entries__live ON decision_entries (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_decision_entries__decision_role_live ON decision_entries (decision_role, deleted_at);
CREATE INDEX ix_decision_entries__influence_live ON decision_entries (influence, deleted_at);
CREATE INDEX ix_decision_entries__support_live ON decision_entries (support, deleted_at);
CREATE INDEX ix_decision_entries__quadrant_live ON decision_entries (quadrant, deleted_at);
CREATE INDEX ix_objections__live ON objections (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_objections__kind_live ON objections (kind, deleted_at);
CREATE INDEX ix_objections__raised_on_live ON objections (raised_on, deleted_at);
CREATE INDEX ix_objections__state_live ON objections (state, deleted_at);
CREATE INDEX ix_concessions__live ON concessions (id) WHERE deleted_at IS NULL;
CREATE INDEX ix_concessions__given_on_live ON concessions (given_on, deleted_at);
CREATE INDEX ix_concessions__larger_than_before_live ON concessions (larger_than_before, deleted_at);
CREATE INDEX ix_concessions__nothing_back_live ON concessions (nothing_back, deleted_at);

-- The pipeline's kanban and forecast read open opportunities by stage and by close month.
CREATE INDEX ix_opportunities__open_stage ON opportunities (stage, updated_at) WHERE status = 'open' AND deleted_at IS NULL;
CREATE INDEX ix_opportunities__open_close ON opportunities (close_date, grade) WHERE status = 'open' AND deleted_at IS NULL;

-- Each stay of an opportunity at a stage (SP4: dates and days spent).
CREATE TABLE opportunity_stages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    opportunity_id BIGINT NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    entered_at BIGINT NOT NULL,
    left_at BIGINT,
    by_user BIGINT REFERENCES users(id),
    approval_id BIGINT REFERENCES approval_requests(id),
    note TEXT
);
CREATE INDEX ix_opportunity_stages__opportunity ON opportunity_stages (opportunity_id, id);

-- SP5: what skipping each stage takes (ok, supervisor = NO*, no); seed 002's table.
CREATE TABLE stage_skip_rules (
    stage TEXT PRIMARY KEY,
    rule TEXT NOT NULL
);
INSERT INTO stage_skip_rules (stage, rule) VALUES ('lead_list', 'ok');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('first_visit', 'no');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('exchange', 'supervisor');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('research', 'supervisor');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('demo', 'no');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('quote', 'supervisor');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('objections', 'supervisor');
INSERT INTO stage_skip_rules (stage, rule) VALUES ('negotiation', 'supervisor');
