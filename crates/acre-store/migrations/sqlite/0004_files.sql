-- File fields: a contract template's document (KB6) is one of its attachments,
-- referenced from the record. Keep in step with the other dialect's file.
ALTER TABLE contract_templates ADD COLUMN template_file BIGINT;
