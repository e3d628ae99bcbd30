//! A record type: declared once, it drives the list, form, detail, print,
//! exports, import, API and its schema.

use acre_domain::Capability;

use super::field::Field;
use super::sql::Sql;
use crate::Actor;

/// Who may read, create and edit records of a type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Sales materials (KB): every sales role reads and adds; the director,
    /// managers and the assistant edit all; others edit what they authored.
    SalesMaterial,
    /// Customers (design.md §5): a rep sees the customers they own, a manager
    /// those owned in their department subtree, the others all; whoever sees
    /// one and may maintain customers edits it.
    Customer,
    /// Records under a customer (contacts, opportunities and what they hold),
    /// carrying its id in `customer_id`: visible exactly when the customer is.
    Contact,
    /// Like `Contact`, for records that carry a copy of their customer's
    /// owner in `customer_owner_id` (kept by every ownership move): their
    /// lists are narrowed by an index on that copy instead of probing each
    /// row's customer. Opportunities, whose kanban and forecast read
    /// thousands of rows per page.
    CustomerCopy,
    /// One person's own records (their business-card book): nobody else,
    /// whatever their role, sees them.
    Personal,
}

impl Access {
    pub fn can_read(self, actor: &Actor) -> bool {
        match self {
            Access::SalesMaterial => actor.can(Capability::ReadSalesMaterials),
            // Everyone but the system administrator works with customers.
            Access::Customer | Access::Contact | Access::CustomerCopy | Access::Personal => {
                actor.can(Capability::ReadSalesMaterials)
            }
        }
    }
    pub fn can_create(self, actor: &Actor) -> bool {
        match self {
            Access::SalesMaterial => actor.can(Capability::ReadSalesMaterials),
            Access::Customer | Access::Contact | Access::CustomerCopy => {
                actor.can(Capability::EditCustomers)
            }
            Access::Personal => actor.can(Capability::ReadSalesMaterials),
        }
    }
    /// Whether the actor may edit every record they can see, not only their own.
    pub fn edits_all(self, actor: &Actor) -> bool {
        match self {
            Access::SalesMaterial => actor.can(Capability::EditAllSalesMaterials),
            Access::Customer | Access::Contact | Access::CustomerCopy => {
                actor.can(Capability::EditCustomers)
            }
            Access::Personal => true,
        }
    }

    /// The rows the actor may see, as one SQL predicate on `t` composed into
    /// every lookup, count, export, pick and list; `None` when all rows are.
    /// Customers in the pool (no owner) are open to every reader.
    pub fn row_predicate(self, actor: &Actor, sql: &mut Sql) -> Option<String> {
        self.predicate(actor, sql, Mode::Read)
    }

    /// The rows the actor may change: like `row_predicate`, but a share
    /// counts only when it is read-write, and only those who allocate
    /// customers maintain the pool.
    pub fn write_predicate(self, actor: &Actor, sql: &mut Sql) -> Option<String> {
        self.predicate(actor, sql, Mode::Write)
    }

    /// The rows whose customer someone in the actor's sight owns (or that
    /// are shared with them): as `row_predicate`, without the pool. The
    /// pipeline's views show a team's work; an opportunity of a customer in
    /// the pool is reached through its list and its customer.
    pub fn owned_predicate(self, actor: &Actor, sql: &mut Sql) -> Option<String> {
        self.predicate(actor, sql, Mode::Owned)
    }

    /// The rows of a list: for customers either the owned ones the actor may
    /// see or, with `pool`, the unassigned pool (公海) — never both mixed.
    pub fn list_predicate(self, actor: &Actor, sql: &mut Sql, pool: bool) -> Option<String> {
        match (self, pool) {
            (Access::Customer, true) => Some("t.owner_id IS NULL".into()),
            (Access::Customer, false) => Some(match self.predicate(actor, sql, Mode::Owned) {
                Some(p) => format!("t.owner_id IS NOT NULL AND {p}"),
                None => "t.owner_id IS NOT NULL".into(),
            }),
            _ => self.predicate(actor, sql, Mode::Read),
        }
    }

    fn predicate(self, actor: &Actor, sql: &mut Sql, mode: Mode) -> Option<String> {
        // Who may see the pool's customers, and their contacts.
        let pool_open = match mode {
            Mode::Read => self == Access::Customer || actor.can(Capability::AllocateCustomers),
            Mode::Write => actor.can(Capability::AllocateCustomers),
            Mode::Owned => false,
        };
        // Own or in scope, or shared with the actor (and not expired).
        // In a list planned by its sort (`Sql::owner_plus`), the owner must
        // not drive the query either: a rep's thousands of customers would be
        // read and sorted instead of walking the sort's index to a page.
        // `owner` and `id` are the customer's owner and id as columns of
        // the row at hand.
        let customer = |owner: &str, id: &str, sql: &mut Sql| {
            let of_owner = if self == Access::CustomerCopy {
                crate::org::owner_set_predicate
            } else {
                crate::org::owner_predicate
            };
            let (pred, args) = of_owner(
                actor,
                &format!("{}{owner}", sql.owner_plus),
                sql.args.len() + 1,
            );
            if pred == "1=1" {
                return None;
            }
            sql.args.extend(args);
            let pool = if pool_open {
                format!("{owner} IS NULL OR ")
            } else {
                String::new()
            };
            if !actor.has_shares {
                return Some(if pool.is_empty() {
                    pred
                } else {
                    format!("({pool}{pred})")
                });
            }
            let shared = shared_with(actor, mode == Mode::Write, sql);
            Some(format!("({pool}{pred} OR {id} IN ({shared}))"))
        };
        match self {
            Access::SalesMaterial => None,
            Access::Personal => Some(format!("t.created_by = {}", sql.arg(actor.id().into()))),
            Access::Customer => customer("t.owner_id", "t.id", sql),
            Access::CustomerCopy => customer("t.customer_owner_id", "t.customer_id", sql),
            // A probe of the contact's customer, not `IN (SELECT …)`: SQLite
            // builds the set of every visible customer (150,000 for a rep at
            // 1M) to show three contacts. `LIMIT 1` keeps SQLite 3.51 from
            // turning the EXISTS into a join (it then sorted a rep's 450,000
            // contacts for a page); PostgreSQL drops it and plans a semi-join.
            Access::Contact => customer("vc.owner_id", "vc.id", sql).map(|p| {
                format!("EXISTS (SELECT 1 FROM customers vc WHERE vc.id = t.customer_id AND vc.deleted_at IS NULL AND {p} LIMIT 1)")
            }),
        }
    }
}

/// The ids of the customers shared with the actor now (read-write ones only
/// with `writing`), as a subquery with its arguments pushed on `sql`.
pub(crate) fn shared_with(actor: &Actor, writing: bool, sql: &mut Sql) -> String {
    let me = sql.arg(actor.id().into());
    let now = sql.arg(acre_store::now_ms().into());
    let rw = if writing {
        " AND sh.can_write = TRUE"
    } else {
        ""
    };
    format!(
        "SELECT sh.customer_id FROM customer_shares sh WHERE sh.user_id = {me}{rw} \
         AND (sh.expires_at IS NULL OR sh.expires_at > {now})"
    )
}

/// What a visibility predicate is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Read,
    Write,
    /// A list of owned customers (the pool is listed on its own).
    Owned,
}

/// A list of records of another type shown on this type's detail page.
#[derive(Clone, Copy, Debug)]
pub struct Related {
    /// The child type's key, e.g. `competitor-products`.
    pub resource: &'static str,
    /// The child's link field pointing here, e.g. `competitor_id`.
    pub via: &'static str,
    /// Date fields `(from, to)` of a validity window: the rows valid today
    /// are marked as in force (a product's current price strategy).
    pub window: Option<(&'static str, &'static str)>,
}

/// A field whose normalised value must not repeat among live records
/// (CU17): the normaliser turns a value into its comparable key.
#[derive(Clone, Copy, Debug)]
pub struct Dedupe {
    pub field: &'static str,
    pub key: fn(&str) -> Option<String>,
}

/// Kinds of one record type that show different sections, chosen by an
/// enum field (CU9: company-type and family-type customer files).
#[derive(Clone, Copy, Debug)]
pub struct Variants {
    pub field: &'static str,
    /// `(option, sections shown for it)`; a value not listed shows them all.
    pub sections: &'static [(&'static str, &'static [&'static str])],
}

impl Variants {
    /// Whether `section` is shown for the variant `value`.
    pub fn shows(&self, value: Option<&str>, section: &str) -> bool {
        match value.and_then(|v| self.sections.iter().find(|(o, _)| *o == v)) {
            Some((_, shown)) => shown.contains(&section),
            None => true,
        }
    }
    /// The options a section is shown for (for the form's live switching).
    pub fn options_showing(&self, section: &str) -> Vec<&'static str> {
        self.sections
            .iter()
            .filter(|(_, s)| s.contains(&section))
            .map(|(o, _)| *o)
            .collect()
    }
}

/// A record type of the registry.
#[derive(Debug)]
pub struct RecordType {
    /// Resource key: URL path segment and API name, e.g. `price-strategies`.
    pub key: &'static str,
    /// Singular stable name: audit entity and locale prefix, e.g. `price_strategy`.
    pub entity: &'static str,
    pub table: &'static str,
    pub fields: &'static [Field],
    /// Default list columns, in order.
    pub list: &'static [&'static str],
    /// Sections of the form and detail page, in order.
    pub sections: &'static [&'static str],
    /// The field that names a record (links, titles, pickers).
    pub title: &'static str,
    /// Fields that identify "the same record" on import (skip/update policy).
    pub natural_key: &'static [&'static str],
    /// The default sort, e.g. `-updated_at` or `name`.
    pub default_sort: &'static str,
    pub access: Access,
    /// Navigation group, e.g. `kb`.
    pub module: &'static str,
    pub related: &'static [Related],
    /// Fields checked for duplicates on create, edit and import.
    pub duplicates: &'static [Dedupe],
    /// Filter fields (and `owner_id` itself) indexed with the owner and the
    /// default sort, `(field, deleted_at, owner_id, updated_at, id)`: a rep's
    /// list filtered by one of them reads its page in order from one range.
    /// Only for types with an owner (`Access::Customer`).
    pub owner_indexed: &'static [&'static str],
    /// Fields filled from the record a link points to (see `Inherit`).
    pub inherit: &'static [Inherit],
    /// A derived field numbered on creation (see `Numbering`).
    pub numbering: Option<Numbering>,
    /// When records may be edited or deleted (see `Editable`).
    pub editable: Option<Editable>,
    /// Kept values that depend on a record's siblings (see `AfterChange`).
    pub after_change: Option<AfterChange>,
    /// Sections shown per kind of record, if the type has kinds.
    pub variants: Option<Variants>,
    /// Fields shown in the header of a record's page (the customer center's
    /// grade, owner, completeness, last follow-up…).
    pub summary: &'static [&'static str],
    /// A derived field holding the share of key fields filled.
    pub completeness: Option<Completeness>,
    /// A date of the parent record kept at the latest of its children's.
    pub rollup: Option<Rollup>,
    /// A copy kept in another type for whoever creates a record here.
    pub mirror: Option<Mirror>,
}

/// A field filled from the record its link `via` points to, the linked
/// record's `from` field: when left empty on creation, or, when `fixed`,
/// always (the field is then derived, never typed). An opportunity takes its
/// customer's owner and grade unless given; its decision map, objections
/// and concessions carry its customer, so their visibility follows it.
#[derive(Clone, Copy, Debug)]
pub struct Inherit {
    pub field: &'static str,
    pub via: &'static str,
    pub from: &'static str,
    pub fixed: bool,
    /// Instead of the linked record's `from` field, the column `v` of this
    /// query, with `$1` the link and `$2` this record's own `from` value,
    /// whenever the field is left empty: a quote line's discount from its
    /// price strategy's tier for the quantity.
    pub lookup: Option<&'static str>,
}

/// A number given on creation: `{prefix}-{YYYYMMDD}-{NNNN}`, the day's
/// sequence (China time), e.g. QT-20261122-0007. The field is derived and
/// unique, so two savers racing for one number cannot both keep it.
#[derive(Clone, Copy, Debug)]
pub struct Numbering {
    pub field: &'static str,
    pub prefix: &'static str,
}

/// Records may be edited or deleted only while `field` (of the record, or
/// with `via` of the record it links to) holds one of `values`: a quote and
/// its lines while the quote is a draft, not once it is sent for approval.
#[derive(Clone, Copy, Debug)]
pub struct Editable {
    pub via: Option<&'static str>,
    pub field: &'static str,
    pub values: &'static [&'static str],
    /// The message when it is not.
    pub error: &'static str,
}

/// SQL run in the same transaction after a record of the type is created,
/// edited, deleted or restored, with `$1` the record's `via` value: it keeps
/// derived values that depend on the record's siblings (the concession
/// log's "larger than the one before").
#[derive(Clone, Copy, Debug)]
pub struct AfterChange {
    pub via: &'static str,
    /// Statements run in order, each with `$1`.
    pub sql: &'static [&'static str],
}

/// Creating a record here also creates one of type `to` for its creator,
/// linked back by `via`; later edits here carry over. `fields` maps the
/// copy's fields to this type's (`(to_field, from_field)`); a link field as
/// source gives the linked record's title. A contact becomes a card in its
/// creator's business-card book (名片管理).
#[derive(Clone, Copy, Debug)]
pub struct Mirror {
    pub to: &'static str,
    pub via: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
}

/// How complete a record is (档案完整率): the share, 0–100, of its key fields
/// that are filled, kept in the derived integer field `field`. The key
/// fields depend on the variant (`""` for records without one).
#[derive(Clone, Copy, Debug)]
pub struct Completeness {
    pub field: &'static str,
    pub keys: &'static [(&'static str, &'static [&'static str])],
}

impl Completeness {
    /// The percentage for a record's values (looked up by key).
    pub fn percent(&self, variant: Option<&str>, filled: impl Fn(&str) -> bool) -> i64 {
        let keys = self
            .keys
            .iter()
            .find(|(v, _)| Some(*v) == variant)
            .or_else(|| self.keys.first())
            .map(|(_, k)| *k)
            .unwrap_or(&[]);
        if keys.is_empty() {
            return 0;
        }
        let n = keys.iter().filter(|k| filled(k)).count();
        (n * 100 / keys.len()) as i64
    }
}

/// Keep `parent_table.to` (epoch ms) at the latest date in the children's
/// `from` field (a date), for the parent named by `via`: a contact's last
/// contact date is its customer's last follow-up.
#[derive(Clone, Copy, Debug)]
pub struct Rollup {
    pub via: &'static str,
    pub from: &'static str,
    pub parent_table: &'static str,
    pub to: &'static str,
}

impl RecordType {
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
    pub fn title_field(&self) -> &'static Field {
        self.field(self.title).expect("title field declared")
    }
    /// Locale key of the type's name (plural, as in navigation).
    pub fn name_key(&self) -> String {
        format!("{}-name", self.entity)
    }
    /// Locale key of a field's label.
    pub fn label_key(&self, field: &str) -> String {
        format!("{}-field-{field}", self.entity)
    }
    pub fn section_key(&self, section: &str) -> String {
        format!("{}-section-{section}", self.entity)
    }
    pub fn option_key(&self, field: &str, option: &str) -> String {
        format!("{}-{field}-{option}", self.entity)
    }
}
