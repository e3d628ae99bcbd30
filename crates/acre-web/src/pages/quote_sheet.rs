//! The quote sheet (报价单) as the customer receives it: a printable page
//! under our letterhead, which Chromium prints to PDF, and the same sheet as
//! Word. Both are laid out from `App::quote_sheet`, labelled in the reader's
//! language.

use acre_app::quote_sheet::QuoteSheet;
use acre_app::registry::value::{money_plain, number_plain};
use acre_docs::docx::Block;
use acre_i18n::Locale;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::records::export::{DOCX, download};
use crate::state::AppState;
use crate::tr::Tr;

/// A money amount in the quote's currency: `¥1,234.00` or `USD 1,234.00`.
fn amount(locale: Locale, currency: &str, fen: i64) -> String {
    if currency == "CNY" {
        locale.money(fen)
    } else {
        format!("{currency} {}", money_plain(fen))
    }
}

/// The sheet's text, laid out once for the page and for Word.
struct Laid {
    title: String,
    /// Letterhead's second line.
    details: String,
    pairs: Vec<(String, String)>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    totals: Vec<String>,
    in_words: String,
    terms: Vec<(String, String)>,
    /// A mark across a draft, an unapproved or a superseded quote.
    mark: String,
}

fn lay_out(t: Tr, s: &QuoteSheet) -> Laid {
    let locale = t.0;
    let money = |f: i64| amount(locale, &s.currency, f);
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut pairs = vec![
        (t.get("quote-sheet-to"), s.customer.clone()),
        (t.get("quote-field-number"), s.number.clone()),
        (t.get("quote-sheet-address"), opt(&s.customer_address)),
        (t.get("quote-field-quote_date"), opt(&s.quote_date)),
        (t.get("quote-sheet-phone"), opt(&s.customer_phone)),
        (t.get("quote-field-valid_until"), opt(&s.valid_until)),
        (t.get("quote-sheet-contact"), s.prepared_by.clone()),
        (
            t.get("quote-field-revision"),
            t.with("quote-sheet-revision", "n", &s.revision.to_string()),
        ),
    ];
    let reach: Vec<String> = [&s.prepared_phone, &s.prepared_email]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    if !reach.is_empty() {
        pairs.push((t.get("quote-sheet-reach"), reach.join(" · ")));
    }
    let rows = s
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.description.clone(),
                number_plain(l.quantity),
                l.unit_price.map(money).unwrap_or_default(),
                l.discount
                    .filter(|d| *d != 0.0)
                    .map(|d| format!("{}%", number_plain(d)))
                    .unwrap_or_default(),
                l.amount.map(money).unwrap_or_default(),
            ]
        })
        .collect();
    let rate = s.tax_rate.map(number_plain).unwrap_or_else(|| "0".into());
    let terms = [
        ("quote-field-payment_terms", &s.payment_terms),
        ("quote-field-delivery", &s.delivery),
        ("quote-field-notes", &s.notes),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| (t.get(k), v.clone())))
    .collect();
    Laid {
        title: if s.title.is_empty() {
            t.get("quote-sheet-title")
        } else {
            format!("{} · {}", t.get("quote-sheet-title"), s.title)
        },
        details: s.company_details.clone(),
        pairs,
        headers: [
            "quote-sheet-no",
            "quote_line-field-description",
            "quote_line-field-quantity",
            "quote_line-field-unit_price",
            "quote_line-field-discount",
            "quote_line-field-amount",
        ]
        .iter()
        .map(|k| t.get(k))
        .collect(),
        rows,
        totals: vec![
            format!("{}：{}", t.get("quote-field-subtotal"), money(s.subtotal)),
            format!(
                "{}：{}",
                t.with("quote-sheet-tax", "rate", &rate),
                money(s.tax)
            ),
            format!("{}：{}", t.get("quote-field-total"), money(s.total)),
        ],
        in_words: if s.total_in_words.is_empty() {
            String::new()
        } else {
            format!("{}：{}", t.get("quote-sheet-in-words"), s.total_in_words)
        },
        terms,
        mark: match s.status.as_str() {
            "approved" | "sent" => String::new(),
            "superseded" => t.get("quote-sheet-mark-superseded"),
            _ => t.get("quote-sheet-mark-draft"),
        },
    }
}

#[derive(Template)]
#[template(path = "pipeline/quote_sheet.html")]
struct SheetPage {
    t: Tr,
    id: i64,
    company: String,
    laid: Laid,
}

/// `GET /r/quotes/{id}/sheet`: the sheet to print or save as PDF.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let s = state.app.quote_sheet(ctx.actor()?, id).await.web(&ctx)?;
    let t = Tr(ctx.locale);
    let p = SheetPage {
        t,
        id,
        laid: lay_out(t, &s),
        company: s.company,
    };
    Ok(Html(p.render().unwrap_or_default()).into_response())
}

/// `GET /r/quotes/{id}/quote.docx` (and under `/api/v1`): the sheet as Word.
pub async fn docx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let s = state.app.quote_sheet(ctx.actor()?, id).await.web(&ctx)?;
    let laid = lay_out(Tr(ctx.locale), &s);
    let mut blocks = Vec::with_capacity(8);
    if !laid.mark.is_empty() {
        blocks.push(Block::Total(laid.mark.clone()));
    }
    blocks.push(Block::Pairs(laid.pairs));
    blocks.push(Block::Table(laid.headers, laid.rows));
    blocks.extend(laid.totals.into_iter().map(Block::Total));
    if !laid.in_words.is_empty() {
        blocks.push(Block::Total(laid.in_words));
    }
    blocks.extend(
        laid.terms
            .into_iter()
            .map(|(k, v)| Block::Paragraph(format!("{k}：{v}"))),
    );
    let bytes = acre_docs::docx::letter_docx(&s.company, &laid.details, &laid.title, &blocks)
        .map_err(|e| ctx.err(acre_app::registry::export::failed(e)))?;
    let name = if s.number.is_empty() {
        format!("quote-{id}")
    } else {
        s.number
    };
    Ok(download(bytes, DOCX, &format!("{name}.docx")))
}
