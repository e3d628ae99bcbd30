-- Search keys by block of record ids (`registry::search::BLOCK`): new records'
-- keys are appended to the last blocks instead of being spread over the whole
-- index. Keys are removed by recomputing them from the record's values, so
-- the second index by record goes; `search_blocks` lists each type's blocks
-- for lookups by key. Empty markers of records without text are dropped.
-- Keep in step with the other dialect's file of the same number.
CREATE TABLE search_grams_by_block (
    resource TEXT NOT NULL,
    block BIGINT NOT NULL,
    gram TEXT NOT NULL,
    record_id BIGINT NOT NULL
);
INSERT INTO search_grams_by_block (resource, block, gram, record_id)
SELECT resource, record_id / 65536, gram, record_id FROM search_grams
WHERE gram <> ''
ORDER BY resource, record_id / 65536, gram, record_id;
DROP TABLE search_grams;
ALTER TABLE search_grams_by_block RENAME TO search_grams;
ALTER TABLE search_grams ADD CONSTRAINT search_grams_pkey
    PRIMARY KEY (resource, block, gram, record_id);
CREATE TABLE search_blocks (
    resource TEXT NOT NULL,
    block BIGINT NOT NULL,
    PRIMARY KEY (resource, block)
);
INSERT INTO search_blocks (resource, block)
SELECT DISTINCT resource, block FROM search_grams;
-- Lookups read `search_blocks` through an array and the keys by their
-- primary key; both want statistics from the start.
ANALYZE search_grams;
ANALYZE search_blocks;
