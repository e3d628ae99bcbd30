-- The approval engine (design.md §6, AC9) and in-app notifications.
-- Keep in step with the other dialect's file of the same number.

-- The chain of each request kind, as the administrator configures it:
-- who decides each step, and when a step applies (amount, flag).
CREATE TABLE approval_flow_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    position BIGINT NOT NULL,
    approver TEXT NOT NULL,
    role TEXT,
    user_id BIGINT REFERENCES users(id),
    min_amount BIGINT,
    flag TEXT
);
CREATE INDEX ix_approval_flow_steps__kind ON approval_flow_steps (kind, position);
-- Defaults: a stage skip goes to the supervisor; a quote to the supervisor,
-- and also to the director when priced under a floor price.
INSERT INTO approval_flow_steps (kind, position, approver) VALUES ('stage_skip', 1, 'superior');
INSERT INTO approval_flow_steps (kind, position, approver) VALUES ('quote', 1, 'superior');
INSERT INTO approval_flow_steps (kind, position, approver, role, flag) VALUES ('quote', 2, 'role', 'director', 'below_floor');

-- One request on one record. The current step's approver (a user, or a
-- role anyone holding it may answer for) sits on the request for the inbox.
CREATE TABLE approval_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    amount BIGINT,
    payload TEXT,
    requested_by BIGINT NOT NULL REFERENCES users(id),
    state TEXT NOT NULL,
    step BIGINT NOT NULL DEFAULT 0,
    approver_id BIGINT REFERENCES users(id),
    approver_role TEXT,
    reason TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX ix_approval_requests__approver ON approval_requests (approver_id, state, updated_at);
CREATE INDEX ix_approval_requests__role ON approval_requests (approver_role, state, updated_at);
CREATE INDEX ix_approval_requests__requested_by ON approval_requests (requested_by, updated_at);
CREATE INDEX ix_approval_requests__record ON approval_requests (entity, record_id, id);

-- The steps resolved when the request was submitted, and their answers.
CREATE TABLE approval_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    approver_id BIGINT REFERENCES users(id),
    approver_role TEXT
);
CREATE INDEX ix_approval_steps__request ON approval_steps (request_id, position);

-- Everything that happened to a request: submitted, approved (a step),
-- rejected, returned, resubmitted, withdrawn; with the comment.
CREATE TABLE approval_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id BIGINT NOT NULL REFERENCES approval_requests(id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    user_id BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    step BIGINT,
    comment TEXT
);
CREATE INDEX ix_approval_events__request ON approval_events (request_id, id);

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT,
    read_at BIGINT
);
CREATE INDEX ix_notifications__user ON notifications (user_id, read_at, id);
