//! The business-card book (个人管理 → 名片管理): each employee's own cards,
//! typed in by hand or kept from the contacts they add (which carry their
//! later edits over, see `CONTACTS.mirror`). Nobody else sees someone's book.

use crate::registry::{Access, Field, RecordType};

pub static BUSINESS_CARDS: RecordType = RecordType {
    key: "business-cards",
    entity: "business_card",
    table: "business_cards",
    fields: &[
        Field::text("name").required().searchable().max(100),
        Field::text("company").searchable().max(200),
        Field::text("title").max(50),
        Field::text("department").max(50),
        Field::phone("mobile").searchable(),
        Field::phone("phone"),
        Field::email("email"),
        Field::text("wechat").max(50),
        Field::text("address").max(200),
        Field::long_text("notes"),
        // The contact a card was kept from, if any.
        Field::link("contact_id", "contacts").derived(),
    ],
    list: &["name", "company", "title", "mobile", "email", "contact_id"],
    sections: &["main"],
    title: "name",
    natural_key: &["name", "company"],
    default_sort: "name",
    access: Access::Personal,
    module: "personal",
    related: &[],
    duplicates: &[],
    owner_indexed: &[],
    inherit: &[],
    numbering: None,
    editable: None,
    after_change: None,
    variants: None,
    summary: &[],
    completeness: None,
    rollup: None,
    mirror: None,
};

pub static TYPES: &[&RecordType] = &[&BUSINESS_CARDS];
