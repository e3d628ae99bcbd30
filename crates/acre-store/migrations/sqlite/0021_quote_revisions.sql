-- Quote revisions (SP6): a revision is a new quote naming the one it supersedes,
-- which is kept unchanged with the status `superseded`. Keep in step with the
-- other dialect.

ALTER TABLE quotes ADD COLUMN revision BIGINT;
ALTER TABLE quotes ADD COLUMN revision_of BIGINT REFERENCES quotes(id);
CREATE INDEX ix_quotes__revision_of ON quotes (revision_of);
