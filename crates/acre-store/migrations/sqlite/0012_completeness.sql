-- File completeness (档案完整率) and the last follow-up as customer fields
-- (derived: computed by the service, never typed). The backfill computes the
-- same share of key fields as acre_app::customers::COMPANY_KEYS /
-- INDIVIDUAL_KEYS (docs/customers.md). Keep in step with the other dialect.
ALTER TABLE customers ADD COLUMN completeness BIGINT;
UPDATE customers SET completeness = CASE WHEN kind = 'individual' THEN
    ((CASE WHEN name IS NOT NULL AND TRIM(name) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN source IS NOT NULL AND TRIM(source) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN region IS NOT NULL AND TRIM(region) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN grade IS NOT NULL AND TRIM(grade) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN phone IS NOT NULL AND TRIM(phone) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN province IS NOT NULL AND TRIM(province) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN city IS NOT NULL AND TRIM(city) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN address IS NOT NULL AND TRIM(address) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN gender IS NOT NULL AND TRIM(gender) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN birthday IS NOT NULL AND TRIM(birthday) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN occupation IS NOT NULL AND TRIM(occupation) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN family IS NOT NULL AND TRIM(family) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN interests IS NOT NULL AND TRIM(interests) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN income_band IS NOT NULL AND TRIM(income_band) <> '' THEN 1 ELSE 0 END)) * 100 / 14
    ELSE ((CASE WHEN name IS NOT NULL AND TRIM(name) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN short_name IS NOT NULL AND TRIM(short_name) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN credit_code IS NOT NULL AND TRIM(credit_code) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN category IS NOT NULL AND TRIM(category) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN source IS NOT NULL AND TRIM(source) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN region IS NOT NULL AND TRIM(region) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN industry IS NOT NULL AND TRIM(industry) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN company_nature IS NOT NULL AND TRIM(company_nature) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN grade IS NOT NULL AND TRIM(grade) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN phone IS NOT NULL AND TRIM(phone) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN province IS NOT NULL AND TRIM(province) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN city IS NOT NULL AND TRIM(city) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN address IS NOT NULL AND TRIM(address) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN legal_representative IS NOT NULL AND TRIM(legal_representative) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN headcount IS NOT NULL THEN 1 ELSE 0 END)
        + (CASE WHEN revenue_band IS NOT NULL AND TRIM(revenue_band) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN registered_capital IS NOT NULL THEN 1 ELSE 0 END)
        + (CASE WHEN main_competitors IS NOT NULL AND TRIM(main_competitors) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN current_system IS NOT NULL AND TRIM(current_system) <> '' THEN 1 ELSE 0 END)
        + (CASE WHEN decision_makers IS NOT NULL AND TRIM(decision_makers) <> '' THEN 1 ELSE 0 END)) * 100 / 20 END;
CREATE INDEX ix_customers__completeness_live ON customers (completeness, deleted_at);
CREATE INDEX ix_customers__last_followup_at_live ON customers (last_followup_at, deleted_at);
