//! The quote as the customer receives it (报价单, SP6): our letterhead, the
//! customer, the number and dates, the lines, the totals with tax and the
//! total in capitals, the terms and who to call. One set of values, which
//! the web layer lays out as a printable page (and so a PDF) and as Word.

use acre_store::Value;

use crate::error::Result;
use crate::quotes::QUOTES;
use crate::{Actor, App};

/// One line of the sheet. Amounts in fen; quantity and discount as typed.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SheetLine {
    pub description: String,
    pub quantity: f64,
    pub unit_price: Option<i64>,
    /// Percent off the unit price.
    pub discount: Option<f64>,
    pub amount: Option<i64>,
}

/// Everything the sheet prints.
#[derive(Clone, Debug, serde::Serialize)]
pub struct QuoteSheet {
    pub company: String,
    pub company_details: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub revision: i64,
    pub quote_date: Option<String>,
    pub valid_until: Option<String>,
    pub currency: String,
    pub customer: String,
    pub customer_address: Option<String>,
    pub customer_phone: Option<String>,
    /// Who prepared it: the rep the customer calls.
    pub prepared_by: String,
    pub prepared_phone: Option<String>,
    pub prepared_email: Option<String>,
    pub lines: Vec<SheetLine>,
    pub subtotal: i64,
    pub tax_rate: Option<f64>,
    pub tax: i64,
    pub total: i64,
    /// The total in Chinese capitals (人民币…元整), as contracts print it.
    pub total_in_words: String,
    pub payment_terms: Option<String>,
    pub delivery: Option<String>,
    pub notes: Option<String>,
}

impl App {
    /// The sheet of quote `id`, as the actor may see it (404 otherwise).
    /// Three reads: the quote with its customer and author, and its lines.
    pub async fn quote_sheet(&self, actor: &Actor, id: i64) -> Result<QuoteSheet> {
        let q = self.get_record(actor, &QUOTES, id, false).await?;
        let head = self
            .db
            .fetch_optional(
                "SELECT c.name, c.address, c.phone, u.display_name, u.phone AS u_phone, u.email \
                 FROM quotes q LEFT JOIN customers c ON c.id = q.customer_id \
                 LEFT JOIN users u ON u.id = q.created_by WHERE q.id = $1",
                &[Value::from(id)],
            )
            .await?;
        let col = |k: &str| head.as_ref().and_then(|r| r.opt_str(k));
        let lines = self
            .db
            .fetch_all(
                "SELECT description, quantity, unit_price, discount, amount FROM quote_lines \
                 WHERE quote_id = $1 AND deleted_at IS NULL ORDER BY id",
                &[Value::from(id)],
            )
            .await?
            .iter()
            .map(|r| SheetLine {
                description: r.str("description"),
                quantity: r.value("quantity").as_f64().unwrap_or(0.0),
                unit_price: r.opt_i64("unit_price"),
                discount: r.value("discount").as_f64(),
                amount: r.opt_i64("amount"),
            })
            .collect();
        let text = |k: &str| q.get(k).to_text().filter(|s| !s.trim().is_empty());
        let money = |k: &str| q.get(k).as_i64().unwrap_or(0);
        let total = money("total");
        Ok(QuoteSheet {
            company: self.settings.company_name.clone(),
            company_details: self.settings.company_details.clone(),
            number: text("number").unwrap_or_default(),
            title: text("title").unwrap_or_default(),
            status: text("status").unwrap_or_else(|| "draft".into()),
            revision: q.get("revision").as_i64().unwrap_or(1),
            quote_date: text("quote_date"),
            valid_until: text("valid_until"),
            currency: text("currency").unwrap_or_else(|| "CNY".into()),
            customer: col("name").unwrap_or_default(),
            customer_address: col("address"),
            customer_phone: col("phone"),
            prepared_by: col("display_name").unwrap_or_default(),
            prepared_phone: col("u_phone"),
            prepared_email: col("email"),
            lines,
            subtotal: money("subtotal"),
            tax_rate: q.get("tax_rate").as_f64(),
            tax: money("tax"),
            total,
            total_in_words: match text("currency").as_deref() {
                None | Some("CNY") => acre_domain::money::in_words(total),
                Some(_) => String::new(),
            },
            payment_terms: text("payment_terms"),
            delivery: text("delivery"),
            notes: text("notes"),
        })
    }
}
