//! Quotes (正式书面报价, SP6): a formal written quote on an opportunity past
//! 交流, its lines priced from products and their price strategies, totals
//! with tax, a number per day (QT-20261122-0007), the supervisor's approval
//! through the engine (a price under a floor adds the director's step)
//! before it may be marked sent. Only a draft changes.

use acre_store::Value;

use crate::error::{AppError, ErrorCode, Result};
use crate::held::{Held, Step};
use crate::registry::service::Input;
use crate::registry::{
    Access, AfterChange, Editable, Field, Inherit, Numbering, Record, RecordType, Related,
};
use crate::{Actor, App};

const CURRENCIES: &[&str] = &["CNY", "USD", "HKD", "TWD", "EUR"];
/// A quote's life: draft → under approval → approved → sent; a rejected one
/// stays rejected; a returned or withdrawn one is a draft again. A revision
/// supersedes an approved, sent or rejected quote, which is kept as it was.
pub const STATUSES: &[&str] = &[
    "draft",
    "under_approval",
    "approved",
    "sent",
    "rejected",
    "superseded",
];

/// The statuses a quote may be revised from (a draft is simply edited).
const REVISABLE: &[&str] = &["approved", "sent", "rejected"];

/// What a revision copies from the quote it revises (the rest is derived).
const REVISION_COPIES: &[&str] = &[
    "title",
    "opportunity_id",
    "valid_until",
    "currency",
    "tax_rate",
    "payment_terms",
    "delivery",
    "notes",
];

/// What a revision copies of each line.
const LINE_COPIES: &[&str] = &[
    "description",
    "product_id",
    "price_strategy_id",
    "quantity",
    "unit_price",
    "discount",
];

fn get<'a>(values: &'a [(&'static Field, Value)], key: &str) -> Option<&'a Value> {
    values.iter().find(|(f, _)| f.key == key).map(|(_, v)| v)
}

fn num(values: &[(&'static Field, Value)], key: &str) -> Option<f64> {
    get(values, key).and_then(Value::as_f64)
}

/// Rounded to the fen, halves up (as the totals' SQL: `CAST(x + 0.5 AS BIGINT)`).
fn fen(x: f64) -> i64 {
    (x + 0.5) as i64
}

fn status_kept(values: &[(&'static Field, Value)]) -> Value {
    match get(values, "status") {
        Some(Value::Text(Some(s))) if !s.is_empty() => Value::from(s.as_str()),
        _ => Value::from("draft"),
    }
}

/// Tax on the subtotal at the quote's rate.
fn tax_of(values: &[(&'static Field, Value)]) -> Value {
    let sub = num(values, "subtotal").unwrap_or(0.0);
    Value::from(fen(sub * num(values, "tax_rate").unwrap_or(0.0) / 100.0))
}

fn total_of(values: &[(&'static Field, Value)]) -> Value {
    let sub = num(values, "subtotal").unwrap_or(0.0) as i64;
    Value::from(sub + tax_of(values).as_i64().unwrap_or(0))
}

/// The net unit price of a line: its price less its discount.
fn net_price(values: &[(&'static Field, Value)]) -> Option<f64> {
    let price = num(values, "unit_price")?;
    Some(price * (1.0 - num(values, "discount").unwrap_or(0.0) / 100.0))
}

fn line_amount(values: &[(&'static Field, Value)]) -> Value {
    match (net_price(values), num(values, "quantity")) {
        (Some(p), Some(q)) => Value::from(fen(p * q)),
        _ => Value::Int(None),
    }
}

fn line_below_floor(values: &[(&'static Field, Value)]) -> Value {
    match (net_price(values), num(values, "floor_price")) {
        (Some(p), Some(floor)) => Value::from(p < floor),
        _ => Value::from(false),
    }
}

/// The quote's totals from its live lines, as `tax_of` and `total_of`
/// compute them (`$1`: the quote).
const QUOTE_TOTALS: &str = "UPDATE quotes SET \
     subtotal = (SELECT COALESCE(SUM(l.amount), 0) FROM quote_lines l WHERE l.quote_id = quotes.id AND l.deleted_at IS NULL), \
     tax = CAST((SELECT COALESCE(SUM(l.amount), 0) FROM quote_lines l WHERE l.quote_id = quotes.id AND l.deleted_at IS NULL) * COALESCE(tax_rate, 0) / 100.0 + 0.5 AS BIGINT), \
     total = (SELECT COALESCE(SUM(l.amount), 0) FROM quote_lines l WHERE l.quote_id = quotes.id AND l.deleted_at IS NULL) \
       + CAST((SELECT COALESCE(SUM(l.amount), 0) FROM quote_lines l WHERE l.quote_id = quotes.id AND l.deleted_at IS NULL) * COALESCE(tax_rate, 0) / 100.0 + 0.5 AS BIGINT), \
     below_floor = EXISTS (SELECT 1 FROM quote_lines l WHERE l.quote_id = quotes.id AND l.deleted_at IS NULL AND l.below_floor = TRUE) \
     WHERE id = $1";

/// Only a draft quote changes, nor do its lines otherwise.
const DRAFT_ONLY: Editable = Editable {
    via: None,
    field: "status",
    values: &["draft"],
    error: "err-quote-locked",
};

/// SP6 报价单.
pub static QUOTES: RecordType = RecordType {
    key: "quotes",
    entity: "quote",
    table: "quotes",
    fields: &[
        Field::text("number").unique().searchable().derived(),
        Field::text("title").required().searchable(),
        // A formal written quote only once the opportunity is past 交流.
        Field::link("opportunity_id", "opportunities")
            .required()
            .linking_only(
                "t.status = 'open' AND t.stage NOT IN ('lead_list', 'first_visit', 'exchange')",
                "err-quote-before-exchange",
            ),
        Field::link("customer_id", "customers").derived(),
        Field::date("quote_date"),
        Field::date("valid_until"),
        Field::choice("currency", CURRENCIES),
        Field::percent("tax_rate"),
        Field::money("subtotal").derived(),
        Field::money("tax").computed(tax_of),
        Field::money("total").computed(total_of),
        Field::boolean("below_floor").derived(),
        Field::choice("status", STATUSES).computed(status_kept),
        // Revisions (SP6): the first quote is revision 1; each revision
        // names the one it supersedes.
        Field::integer("revision").derived(),
        Field::link("revision_of", "quotes").derived(),
        Field::long_text("payment_terms").section("terms"),
        Field::long_text("delivery").section("terms"),
        Field::long_text("notes").section("terms"),
    ],
    list: &[
        "number",
        "title",
        "customer_id",
        "total",
        "status",
        "quote_date",
    ],
    sections: &["main", "terms"],
    title: "title",
    natural_key: &["number"],
    default_sort: "-updated_at",
    access: Access::Contact,
    module: "pipeline",
    related: &[
        Related {
            resource: "quote-lines",
            via: "quote_id",
            window: None,
        },
        Related {
            resource: "contracts",
            via: "quote_id",
            window: None,
        },
        Related {
            resource: "quotes",
            via: "revision_of",
            window: None,
        },
    ],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[Inherit {
        field: "customer_id",
        via: "opportunity_id",
        from: "customer_id",
        fixed: true,
        lookup: None,
    }],
    numbering: Some(Numbering {
        field: "number",
        prefix: "QT",
    }),
    editable: Some(DRAFT_ONLY),
    after_change: None,
    variants: None,
    summary: &[
        "number",
        "customer_id",
        "opportunity_id",
        "status",
        "total",
        "below_floor",
    ],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// A quote's lines, priced from a product's price strategy unless given.
pub static QUOTE_LINES: RecordType = RecordType {
    key: "quote-lines",
    entity: "quote_line",
    table: "quote_lines",
    fields: &[
        Field::text("description").searchable().max(500),
        Field::link("quote_id", "quotes")
            .required()
            .linking_only("t.status = 'draft'", "err-quote-locked"),
        Field::link("customer_id", "customers").derived(),
        Field::link("product_id", "products"),
        Field::link("price_strategy_id", "price-strategies"),
        Field::decimal("quantity").required(),
        Field::money("unit_price"),
        Field::percent("discount"),
        Field::money("floor_price").derived(),
        Field::money("amount").computed(line_amount),
        Field::boolean("below_floor").computed(line_below_floor),
    ],
    list: &[
        "description",
        "quantity",
        "unit_price",
        "discount",
        "amount",
        "below_floor",
    ],
    sections: &["main"],
    title: "description",
    natural_key: &["quote_id", "description"],
    default_sort: "id",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[
        Inherit {
            field: "customer_id",
            via: "quote_id",
            from: "customer_id",
            fixed: true,
            lookup: None,
        },
        Inherit {
            field: "description",
            via: "product_id",
            from: "name",
            fixed: false,
            lookup: None,
        },
        // The tier for the quantity, unless a discount is given.
        Inherit {
            field: "discount",
            via: "price_strategy_id",
            from: "quantity",
            fixed: false,
            lookup: Some(
                "SELECT MAX(t.discount) AS v FROM price_tiers t WHERE t.price_strategy_id = $1 \
                 AND t.min_quantity <= $2 AND t.deleted_at IS NULL",
            ),
        },
        Inherit {
            field: "unit_price",
            via: "price_strategy_id",
            from: "list_price",
            fixed: false,
            lookup: None,
        },
        Inherit {
            field: "floor_price",
            via: "price_strategy_id",
            from: "floor_price",
            fixed: true,
            lookup: None,
        },
    ],
    numbering: None,
    editable: Some(Editable {
        via: Some("quote_id"),
        ..DRAFT_ONLY
    }),
    after_change: Some(AfterChange {
        via: "quote_id",
        sql: &[QUOTE_TOTALS],
    }),
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

pub static TYPES: &[&RecordType] = &[&QUOTES, &QUOTE_LINES];

/// Quotes go through approval (kind `quote`): a price under a floor flags
/// the request, which the default chain answers with the director's step.
pub static HELD: Held = Held {
    kind: "quote",
    rt: &QUOTES,
    amount: "total",
    flag: Some(("below_floor", "below_floor")),
    needs: Some(("quote_lines", "quote_id", "err-quote-empty")),
    approved: "approved",
    rejected: "rejected",
};

impl App {
    /// Mark an approved quote as sent to the customer.
    pub async fn mark_quote_sent(&self, actor: &Actor, id: i64, version: i64) -> Result<()> {
        let step = Step {
            from: &["approved"],
            to: "sent",
            message: "err-quote-not-approved",
        };
        self.advance_status(actor, &QUOTES, id, version, step).await
    }

    /// Revise an approved, sent or rejected quote (SP6: revisions kept): the
    /// quote is kept unchanged as `superseded`, and a new draft with its own
    /// number copies its terms and lines, dated today, as the next revision.
    /// Returns the new quote's id.
    pub async fn revise_quote(&self, actor: &Actor, id: i64, version: i64) -> Result<i64> {
        use crate::registry::value::to_input;
        let rec = self.get_record(actor, &QUOTES, id, false).await?;
        if !self.can_edit(actor, &QUOTES, &rec) {
            return Err(AppError::forbidden());
        }
        if rec.version != version {
            return Err(AppError::stale());
        }
        if !rec
            .get("status")
            .to_text()
            .is_some_and(|s| REVISABLE.contains(&s.as_str()))
        {
            return Err(AppError::new(ErrorCode::RuleRefused).with_message("err-quote-revise"));
        }
        let copy = |rt: &RecordType, r: &Record, keys: &[&str]| -> Input {
            keys.iter()
                .filter_map(|k| rt.field(k).map(|f| (k.to_string(), to_input(f, &r.get(k)))))
                .collect()
        };
        let mut input = copy(&QUOTES, &rec, REVISION_COPIES);
        input.insert("quote_date".into(), crate::registry::value::today());
        let q = crate::registry::ListQuery {
            filters: vec![crate::registry::query::Filter::Is(
                "quote_id",
                Value::from(id),
            )],
            sort: Some("id".into()),
            limit: 1000,
            columns: LINE_COPIES.iter().map(|k| k.to_string()).collect(),
            ..Default::default()
        };
        let (lines, _) = self.list_records(actor, &QUOTE_LINES, &q).await?;
        let mut tx = self.db.begin().await?;
        crate::held::set_status(
            &mut tx,
            &QUOTES,
            actor.id(),
            id,
            Some(version),
            REVISABLE,
            "superseded",
        )
        .await?;
        let new = self.insert_record(&mut tx, actor, &QUOTES, &input).await?;
        let revision = rec.get("revision").as_i64().unwrap_or(1) + 1;
        tx.execute(
            "UPDATE quotes SET revision = $1, revision_of = $2 WHERE id = $3",
            &[revision.into(), id.into(), new.into()],
        )
        .await?;
        for line in &lines {
            let mut input = copy(&QUOTE_LINES, line, LINE_COPIES);
            input.insert("quote_id".into(), new.to_string());
            self.insert_record(&mut tx, actor, &QUOTE_LINES, &input)
                .await?;
        }
        tx.commit().await?;
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::service::set_derived;

    fn values(rt: &'static RecordType, pairs: &[(&str, Value)]) -> Vec<(&'static Field, Value)> {
        let mut v = crate::registry::service::values_of(rt, pairs);
        set_derived(rt, &mut v);
        v
    }

    #[test]
    fn a_line_is_quantity_times_the_discounted_price() {
        // 3 × ¥12,000.00 less 10 % = ¥32,400.00.
        let v = values(
            &QUOTE_LINES,
            &[
                ("quantity", Value::from(3.0)),
                ("unit_price", Value::from(1_200_000i64)),
                ("discount", Value::from(10.0)),
                ("floor_price", Value::from(1_000_000i64)),
            ],
        );
        assert_eq!(get(&v, "amount"), Some(&Value::from(3_240_000i64)));
        assert_eq!(get(&v, "below_floor"), Some(&Value::from(false)));
        // 20 % off takes it to ¥9,600.00, under the ¥10,000.00 floor.
        let v = values(
            &QUOTE_LINES,
            &[
                ("quantity", Value::from(1.0)),
                ("unit_price", Value::from(1_200_000i64)),
                ("discount", Value::from(20.0)),
                ("floor_price", Value::from(1_000_000i64)),
            ],
        );
        assert_eq!(get(&v, "below_floor"), Some(&Value::from(true)));
    }

    #[test]
    fn tax_and_total_round_to_the_fen() {
        // ¥1,234.57 at 13 % is ¥160.4941 of tax: ¥160.49.
        let v = values(
            &QUOTES,
            &[
                ("subtotal", Value::from(123_457i64)),
                ("tax_rate", Value::from(13.0)),
            ],
        );
        assert_eq!(get(&v, "tax"), Some(&Value::from(16_049i64)));
        assert_eq!(get(&v, "total"), Some(&Value::from(139_506i64)));
        assert_eq!(get(&v, "status"), Some(&Value::from("draft")));
    }
}
