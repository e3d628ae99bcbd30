-- Target market (CU13, seed 002 §1) as a customer field (derived: computed
-- by the service from industry and revenue band, never typed), so lists
-- filter and sort by it. The backfill is the rule of
-- acre_app::customers::target_market. Keep in step with the other dialect.
ALTER TABLE customers ADD COLUMN target_market TEXT;
UPDATE customers SET target_market = CASE
    WHEN industry IN ('apparel','home_textiles','bakery','boutiques','chain_3c','furniture','department_stores') THEN 'distribution'
    WHEN industry IN ('electronics','motors','appliances','machinery','hardware','tools','transport','chemicals','pharma','food','beverage') THEN CASE revenue_band
        WHEN 'lt_50m' THEN 'yizhu'
        WHEN '50m_500m' THEN 'yifei'
        WHEN 'gt_500m' THEN 'tiptop'
        ELSE 'unknown' END
    WHEN industry IS NULL OR industry = '' THEN 'unknown'
    ELSE 'out' END;
CREATE INDEX ix_customers__target_market_live ON customers (target_market, deleted_at);
