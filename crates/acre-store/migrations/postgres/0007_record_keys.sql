-- Normalised keys of fields that must not repeat (CU17: a customer's
-- company name and phone), kept in the record's transaction.
-- Keep in step with the other dialect's file.
CREATE TABLE record_keys (
    resource TEXT NOT NULL,
    field TEXT NOT NULL,
    key TEXT NOT NULL,
    record_id BIGINT NOT NULL,
    PRIMARY KEY (resource, field, key, record_id)
);
CREATE INDEX ix_record_keys__record ON record_keys (resource, record_id);
