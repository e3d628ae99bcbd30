//! Contracts, payment plans, payments received and delivery milestones
//! (SP15, SP14): a contract comes from an approved quote and a contract
//! template (KB6), goes through approval, is signed, executed, completed or
//! terminated; payments keep its collection rate.

use acre_store::Value;

use crate::error::{AppError, Result};
use crate::held::{Held, Step};
use crate::registry::{
    Access, AfterChange, Editable, Field, Inherit, Numbering, RecordType, Related,
};
use crate::{Actor, App};

/// draft → under approval → approved → signed → executing → completed, or
/// terminated once signed; a rejected one stays rejected.
pub const STATUSES: &[&str] = &[
    "draft",
    "under_approval",
    "approved",
    "signed",
    "executing",
    "completed",
    "terminated",
    "rejected",
];
const METHODS: &[&str] = &["bank_transfer", "acceptance_bill", "cash", "other"];
const MILESTONE_STATES: &[&str] = &["planned", "done", "delayed"];

fn status_kept(values: &[(&'static Field, Value)]) -> Value {
    match values
        .iter()
        .find(|(f, _)| f.key == "status")
        .map(|(_, v)| v)
    {
        Some(Value::Text(Some(s))) if !s.is_empty() => Value::from(s.as_str()),
        _ => Value::from("draft"),
    }
}

/// What has come in on a contract, its collection rate, and each
/// installment's share (`$1`: the contract).
const COLLECTED: &[&str] = &[
    "UPDATE contracts SET \
     received = (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.contract_id = contracts.id AND p.deleted_at IS NULL), \
     collection_rate = CASE WHEN COALESCE(amount, 0) > 0 THEN \
       (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.contract_id = contracts.id AND p.deleted_at IS NULL) * 100.0 / amount END \
     WHERE id = $1",
    "UPDATE installments SET \
     received = (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.installment_id = installments.id AND p.deleted_at IS NULL), \
     paid_off = ((SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.installment_id = installments.id AND p.deleted_at IS NULL) >= amount) \
     WHERE contract_id = $1",
];

/// Records under a contract carry its customer.
const FROM_CONTRACT: &[Inherit] = &[Inherit {
    field: "customer_id",
    via: "contract_id",
    from: "customer_id",
    fixed: true,
    lookup: None,
}];

/// SP15 合同.
pub static CONTRACTS: RecordType = RecordType {
    key: "contracts",
    entity: "contract",
    table: "contracts",
    fields: &[
        Field::text("number").unique().searchable().derived(),
        Field::text("title").required().searchable(),
        Field::link("quote_id", "quotes").required().linking_only(
            "t.status IN ('approved', 'sent')",
            "err-contract-needs-approved-quote",
        ),
        Field::link("opportunity_id", "opportunities").derived(),
        Field::link("customer_id", "customers").derived(),
        Field::user("owner_id"),
        Field::link("template_id", "contract-templates"),
        Field::money("amount"),
        Field::date("sign_date"),
        Field::date("start_date"),
        Field::date("end_date"),
        Field::choice("status", STATUSES).computed(status_kept),
        Field::money("received").derived(),
        Field::percent("collection_rate").derived(),
        Field::long_text("terms").section("terms"),
        Field::long_text("notes").section("terms"),
    ],
    list: &[
        "number",
        "title",
        "customer_id",
        "owner_id",
        "amount",
        "received",
        "collection_rate",
        "status",
    ],
    sections: &["main", "terms"],
    title: "title",
    natural_key: &["number"],
    default_sort: "-updated_at",
    access: Access::Contact,
    module: "pipeline",
    related: &[
        Related {
            resource: "installments",
            via: "contract_id",
            window: None,
        },
        Related {
            resource: "payments",
            via: "contract_id",
            window: None,
        },
        Related {
            resource: "milestones",
            via: "contract_id",
            window: None,
        },
    ],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[
        Inherit {
            field: "opportunity_id",
            via: "quote_id",
            from: "opportunity_id",
            fixed: true,
            lookup: None,
        },
        Inherit {
            field: "customer_id",
            via: "quote_id",
            from: "customer_id",
            fixed: true,
            lookup: None,
        },
        Inherit {
            field: "owner_id",
            via: "opportunity_id",
            from: "owner_id",
            fixed: false,
            lookup: None,
        },
        Inherit {
            field: "amount",
            via: "quote_id",
            from: "total",
            fixed: false,
            lookup: None,
        },
    ],
    numbering: Some(Numbering {
        field: "number",
        prefix: "HT",
    }),
    editable: Some(Editable {
        via: None,
        field: "status",
        values: &["draft"],
        error: "err-contract-locked",
    }),
    after_change: None,
    variants: None,
    summary: &[
        "number",
        "customer_id",
        "owner_id",
        "status",
        "amount",
        "collection_rate",
    ],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// The payment plan: installments with due dates.
pub static INSTALLMENTS: RecordType = RecordType {
    key: "installments",
    entity: "installment",
    table: "installments",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("contract_id", "contracts").required(),
        Field::link("customer_id", "customers").derived(),
        Field::date("due_date").required(),
        Field::money("amount").required(),
        Field::money("received").derived(),
        Field::boolean("paid_off").derived(),
    ],
    list: &["name", "due_date", "amount", "received", "paid_off"],
    sections: &["main"],
    title: "name",
    natural_key: &["contract_id", "name"],
    default_sort: "due_date",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: FROM_CONTRACT,
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// 回款: money received on a contract, against an installment if named.
pub static PAYMENTS: RecordType = RecordType {
    key: "payments",
    entity: "payment",
    table: "payments",
    fields: &[
        Field::text("reference").searchable().max(100),
        Field::link("contract_id", "contracts").required(),
        Field::link("installment_id", "installments"),
        Field::link("customer_id", "customers").derived(),
        Field::date("received_on").required(),
        Field::money("amount").required(),
        Field::choice("method", METHODS),
        Field::text("notes").max(500),
    ],
    list: &[
        "received_on",
        "amount",
        "method",
        "installment_id",
        "reference",
    ],
    sections: &["main"],
    title: "reference",
    natural_key: &["contract_id", "reference"],
    default_sort: "-received_on",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: FROM_CONTRACT,
    numbering: None,
    editable: None,
    after_change: Some(AfterChange {
        via: "contract_id",
        sql: COLLECTED,
    }),
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

/// SP14: order and delivery milestones of a contract's execution.
pub static MILESTONES: RecordType = RecordType {
    key: "milestones",
    entity: "milestone",
    table: "milestones",
    fields: &[
        Field::text("name").required().searchable(),
        Field::link("contract_id", "contracts").required(),
        Field::link("customer_id", "customers").derived(),
        Field::date("planned_on"),
        Field::date("done_on"),
        Field::choice("state", MILESTONE_STATES),
        Field::text("notes").max(500),
    ],
    list: &["name", "planned_on", "done_on", "state"],
    sections: &["main"],
    title: "name",
    natural_key: &["contract_id", "name"],
    default_sort: "planned_on",
    access: Access::Contact,
    module: "pipeline",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: FROM_CONTRACT,
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

pub static TYPES: &[&RecordType] = &[&CONTRACTS, &INSTALLMENTS, &PAYMENTS, &MILESTONES];

/// Contracts go through approval (kind `contract`) before they are signed.
pub static HELD: Held = Held {
    kind: "contract",
    rt: &CONTRACTS,
    amount: "amount",
    flag: None,
    needs: None,
    approved: "approved",
    rejected: "rejected",
};

/// Where a contract may go next by hand, from where.
pub fn next_statuses(to: &str) -> Option<&'static [&'static str]> {
    Some(match to {
        "signed" => &["approved"],
        "executing" => &["signed"],
        "completed" => &["executing"],
        "terminated" => &["signed", "executing"],
        _ => return None,
    })
}

/// Collection per owner (SP15; feeds TK2): contracts signed and after, in
/// the actor's sight.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Collection {
    pub owner_id: Option<i64>,
    pub owner: Option<String>,
    pub department: Option<String>,
    pub contracts: i64,
    pub amount: i64,
    pub received: i64,
    /// Percent, one decimal.
    pub rate: Option<f64>,
}

impl App {
    /// Move a contract along: signed (once approved), executing, completed,
    /// or terminated.
    pub async fn set_contract_status(
        &self,
        actor: &Actor,
        id: i64,
        version: i64,
        to: &str,
    ) -> Result<()> {
        let to = STATUSES
            .iter()
            .copied()
            .find(|s| *s == to)
            .ok_or_else(|| AppError::field("status", "err-option"))?;
        let from = next_statuses(to).ok_or_else(|| AppError::field("status", "err-option"))?;
        let step = Step {
            from,
            to,
            message: "err-contract-step",
        };
        self.advance_status(actor, &CONTRACTS, id, version, step)
            .await
    }

    /// Collection rate per owner over signed, executing and completed
    /// contracts the actor may see, with the owner's department.
    pub async fn collection(&self, actor: &Actor) -> Result<Vec<Collection>> {
        let mut s = crate::registry::sql::Sql::default();
        let vis = CONTRACTS.access.row_predicate(actor, &mut s);
        let text = format!(
            "SELECT t.owner_id, u.display_name AS owner, d.name AS department, COUNT(*) AS n, \
             CAST(COALESCE(SUM(t.amount), 0) AS BIGINT) AS amount, CAST(COALESCE(SUM(t.received), 0) AS BIGINT) AS received \
             FROM contracts t LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN departments d ON d.id = u.department_id \
             WHERE t.deleted_at IS NULL AND t.status IN ('signed', 'executing', 'completed'){} \
             GROUP BY t.owner_id, u.display_name, d.name ORDER BY d.name, u.display_name",
            vis.map(|p| format!(" AND {p}")).unwrap_or_default()
        );
        Ok(self
            .db
            .fetch_all(&text, &s.args)
            .await?
            .iter()
            .map(|r| {
                let (amount, received) = (r.i64("amount"), r.i64("received"));
                Collection {
                    owner_id: r.opt_i64("owner_id"),
                    owner: r.opt_str("owner"),
                    department: r.opt_str("department"),
                    contracts: r.i64("n"),
                    amount,
                    received,
                    rate: (amount > 0)
                        .then(|| (received as f64 * 1000.0 / amount as f64).round() / 10.0),
                }
            })
            .collect())
    }
}

/// Fill `{{placeholders}}` in a template text; unknown ones stay as written.
pub fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

/// The placeholders a text uses that `fill` does not know.
pub fn unknown_placeholders(text: &str, known: &[&str]) -> Vec<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(k, _)| k.to_string()))
        .filter(|k| k != "quote.lines" && !known.contains(&k.as_str()))
        .collect()
}

impl App {
    /// The contract as a .docx from its template's body (docs/contract-templates.md):
    /// every placeholder filled from the contract, its quote, customer and
    /// owner; `{{quote.lines}}` becomes the quote's lines as a table.
    /// Returns the file name and the document.
    pub async fn contract_document(&self, actor: &Actor, id: i64) -> Result<(String, Vec<u8>)> {
        use crate::registry::value::money_plain;
        let c = self.get_record(actor, &CONTRACTS, id, false).await?;
        let template = match c.get("template_id").as_i64() {
            Some(t) => {
                self.get_record(actor, &crate::kb::CONTRACT_TEMPLATES, t, false)
                    .await?
            }
            None => return Err(AppError::field("template_id", "err-contract-no-template")),
        };
        let customer = match c.get("customer_id").as_i64() {
            Some(cid) => Some(
                self.get_record(actor, &crate::customers::CUSTOMERS, cid, false)
                    .await?,
            ),
            None => None,
        };
        let text = |r: &Option<crate::registry::Record>, k: &str| {
            r.as_ref()
                .and_then(|r| r.get(k).to_text())
                .unwrap_or_default()
        };
        let owner = match c.get("owner_id").as_i64() {
            Some(u) => acre_store::users::by_id(&self.db, u).await?,
            None => None,
        };
        let sheet = match c.get("quote_id").as_i64() {
            Some(q) => Some(self.quote_sheet(actor, q).await?),
            None => None,
        };
        let number = sheet.as_ref().map(|s| s.number.clone()).unwrap_or_default();
        let lines: Vec<Vec<String>> = sheet
            .iter()
            .flat_map(|s| &s.lines)
            .map(|l| {
                vec![
                    l.description.clone(),
                    crate::registry::value::number_plain(l.quantity),
                    l.unit_price.map(money_plain).unwrap_or_default(),
                    l.discount
                        .map(crate::registry::value::number_plain)
                        .unwrap_or_default(),
                    l.amount.map(money_plain).unwrap_or_default(),
                ]
            })
            .collect();
        let amount = c.get("amount").as_i64().unwrap_or(0);
        let sign_date = c
            .get("sign_date")
            .to_text()
            .and_then(|d| crate::registry::value::parse_date(&d))
            .map(|d| d.format("%Y年%-m月%-d日").to_string())
            .unwrap_or_default();
        let values: Vec<(&str, String)> = vec![
            ("our.company", self.settings.company_name.clone()),
            ("customer.name", text(&customer, "name")),
            ("customer.address", text(&customer, "address")),
            (
                "customer.legal_representative",
                text(&customer, "legal_representative"),
            ),
            (
                "contract.number",
                c.get("number").to_text().unwrap_or_default(),
            ),
            ("contract.sign_date", sign_date),
            ("contract.amount", format!("¥{}", money_plain(amount))),
            (
                "contract.amount_in_words",
                acre_domain::money::in_words(amount),
            ),
            ("quote.number", number),
            (
                "owner.name",
                owner
                    .as_ref()
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default(),
            ),
            (
                "owner.phone",
                owner
                    .as_ref()
                    .and_then(|u| u.phone.clone())
                    .unwrap_or_default(),
            ),
        ];
        let body = template.get("body").to_text().unwrap_or_default();
        let mut blocks = Vec::new();
        for line in body.lines() {
            if line.trim() == "{{quote.lines}}" {
                blocks.push(acre_docs::docx::Block::Table(
                    ["品名", "数量", "单价", "折扣 %", "金额"]
                        .iter()
                        .map(|s| s.to_string())
                        .collect(),
                    lines.clone(),
                ));
            } else {
                blocks.push(acre_docs::docx::Block::Paragraph(fill(line, &values)));
            }
        }
        let title = c.title(&CONTRACTS);
        let doc = acre_docs::docx::document_docx(&title, &blocks)
            .map_err(crate::registry::export::failed)?;
        let name = format!(
            "{}.docx",
            c.get("number").to_text().unwrap_or_else(|| id.to_string())
        );
        Ok((name, doc))
    }
}

impl App {
    /// A contract's installments past due and not paid off: `(name, due
    /// date, amount still due)`.
    pub async fn overdue_installments(
        &self,
        actor: &Actor,
        contract: i64,
    ) -> Result<Vec<(String, String, i64)>> {
        self.get_record(actor, &CONTRACTS, contract, false).await?;
        Ok(self
            .db
            .fetch_all(
                "SELECT name, due_date, amount, received FROM installments WHERE contract_id = $1 \
                 AND deleted_at IS NULL AND due_date < $2 AND (paid_off IS NULL OR paid_off = FALSE) ORDER BY due_date",
                &[
                    Value::from(contract),
                    Value::from(crate::registry::value::today()),
                ],
            )
            .await?
            .iter()
            .map(|r| {
                (
                    r.str("name"),
                    r.str("due_date"),
                    r.opt_i64("amount").unwrap_or(0) - r.opt_i64("received").unwrap_or(0),
                )
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let t = "甲方：{{customer.name}}，金额 {{contract.amount}}，{{contract.typo}}";
        let filled = fill(
            t,
            &[
                ("customer.name", "东莞华信电子有限公司".into()),
                ("contract.amount", "¥128,000.00".into()),
            ],
        );
        assert_eq!(
            filled,
            "甲方：东莞华信电子有限公司，金额 ¥128,000.00，{{contract.typo}}"
        );
        assert_eq!(
            unknown_placeholders(t, &["customer.name", "contract.amount"]),
            vec!["contract.typo"]
        );
    }
}
