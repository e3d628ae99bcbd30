-- Customer grading (CU11): every questionnaire a rep fills in, with the grade
-- the answers support, the grade chosen and whether they contradict.
-- A customer's latest row is its current grading; the flagged index serves
-- the managers' list. Keep in step with the other dialect's file.
CREATE TABLE grade_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id BIGINT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    answers TEXT NOT NULL,
    proposed_grade TEXT NOT NULL,
    chosen_grade TEXT NOT NULL,
    flagged BOOLEAN NOT NULL DEFAULT 0,
    note TEXT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX ix_grade_history__customer ON grade_history (customer_id, id);
CREATE INDEX ix_grade_history__flagged ON grade_history (flagged, created_at);
