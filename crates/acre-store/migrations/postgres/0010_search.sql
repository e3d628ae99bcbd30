-- Version of each type's search keys (pinyin, Simplified folding, phone keys
-- since version 2): at start-up a type whose stored version is older has its
-- keys rebuilt once. Keep in step with the other dialect's file.
CREATE TABLE search_index_versions (
    resource TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
