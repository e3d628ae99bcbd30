//! Roles of the organisation (requirements ORG1) and what each may do.
//!
//! The capability table is the single source of truth: services ask
//! `role.can(Capability::…)` and `role.scope()`; `docs/permissions.md` is
//! generated from the same table by a test, so the document cannot drift.

use serde::{Deserialize, Serialize};

/// A position in the sales organisation of seed 003 §1, plus the administrator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 总经理: sees every result.
    GeneralManager,
    /// 大客户总监 / sales director.
    Director,
    /// 大客户经理 / 区域主管: heads a team.
    Manager,
    /// 销售人员 / 大客户专员: tends one acre.
    Rep,
    /// 内勤 / sales assistant.
    Assistant,
    /// 财务.
    Finance,
    /// System administrator: accounts and settings, no selling.
    Admin,
}

/// How much of the organisation's data a role sees (design.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    /// Only records the user owns (or that are shared with them).
    Own,
    /// Records owned by anyone in the user's department subtree.
    Subtree,
    /// Everything.
    All,
}

/// Something a role may or may not do. Checked in the service layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// Manage users, departments and passwords of others.
    AdministerAccounts,
    /// Read sales materials (products, cases, competitors…).
    ReadSalesMaterials,
    /// Create and edit any sales material, not only one's own.
    EditAllSalesMaterials,
    /// Register and maintain customers (own, or in scope).
    EditCustomers,
    /// Allocate, reclaim and assign customers of others.
    AllocateCustomers,
    /// Approve requests of subordinates (quotes, stage skips, plans).
    Approve,
    /// Record and edit payments and settlements.
    EditPayments,
    /// Edit documents (quotes, contracts) in scope without owning them.
    EditDocuments,
    /// Purge records from the trash for good.
    PurgeTrash,
}

impl Role {
    /// Every role, in the order of the organisation chart.
    pub const ALL: [Role; 7] = [
        Role::GeneralManager,
        Role::Director,
        Role::Manager,
        Role::Rep,
        Role::Assistant,
        Role::Finance,
        Role::Admin,
    ];

    /// Stable key used in the database, the API and locale keys (`role-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            Role::GeneralManager => "general_manager",
            Role::Director => "director",
            Role::Manager => "manager",
            Role::Rep => "rep",
            Role::Assistant => "assistant",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }

    /// Parse a stable key; `None` for anything else.
    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// How far this role's sight reaches.
    pub fn scope(self) -> ScopeKind {
        match self {
            Role::Rep => ScopeKind::Own,
            Role::Manager => ScopeKind::Subtree,
            Role::GeneralManager
            | Role::Director
            | Role::Assistant
            | Role::Finance
            | Role::Admin => ScopeKind::All,
        }
    }

    /// The capability table (docs/permissions.md).
    pub fn can(self, cap: Capability) -> bool {
        use Capability::*;
        use Role::*;
        match cap {
            AdministerAccounts | PurgeTrash => self == Admin,
            ReadSalesMaterials => self != Admin,
            EditAllSalesMaterials => matches!(self, Director | Manager | Assistant),
            EditCustomers => matches!(self, GeneralManager | Director | Manager | Rep | Assistant),
            AllocateCustomers => matches!(self, GeneralManager | Director | Manager),
            Approve => matches!(self, GeneralManager | Director | Manager | Finance),
            EditPayments => matches!(self, Finance | Assistant),
            EditDocuments => matches!(self, Director | Manager | Rep | Assistant),
        }
    }

    /// Every capability, for the documented table.
    pub const CAPABILITIES: [Capability; 9] = [
        Capability::AdministerAccounts,
        Capability::ReadSalesMaterials,
        Capability::EditAllSalesMaterials,
        Capability::EditCustomers,
        Capability::AllocateCustomers,
        Capability::Approve,
        Capability::EditPayments,
        Capability::EditDocuments,
        Capability::PurgeTrash,
    ];
}

impl Capability {
    /// Stable key, used in docs and locale keys (`cap-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            Capability::AdministerAccounts => "administer_accounts",
            Capability::ReadSalesMaterials => "read_sales_materials",
            Capability::EditAllSalesMaterials => "edit_all_sales_materials",
            Capability::EditCustomers => "edit_customers",
            Capability::AllocateCustomers => "allocate_customers",
            Capability::Approve => "approve",
            Capability::EditPayments => "edit_payments",
            Capability::EditDocuments => "edit_documents",
            Capability::PurgeTrash => "purge_trash",
        }
    }
}

impl ScopeKind {
    /// Stable key (`scope-{key}` in locales).
    pub fn key(self) -> &'static str {
        match self {
            ScopeKind::Own => "own",
            ScopeKind::Subtree => "subtree",
            ScopeKind::All => "all",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_key(r.key()), Some(r));
        }
        assert_eq!(Role::from_key("root"), None);
    }

    #[test]
    fn only_the_administrator_administers() {
        for r in Role::ALL {
            assert_eq!(r.can(Capability::AdministerAccounts), r == Role::Admin);
        }
    }

    #[test]
    fn reps_see_their_own_and_managers_their_team() {
        assert_eq!(Role::Rep.scope(), ScopeKind::Own);
        assert_eq!(Role::Manager.scope(), ScopeKind::Subtree);
        assert_eq!(Role::GeneralManager.scope(), ScopeKind::All);
        assert!(!Role::Rep.can(Capability::AllocateCustomers));
        assert!(Role::Manager.can(Capability::AllocateCustomers));
    }
}

/// The capability table as Markdown, for `docs/permissions.md` (a test keeps
/// the document equal to this).
pub fn capability_table_markdown() -> String {
    let mut s = String::from("| capability | ");
    s.push_str(&Role::ALL.map(|r| r.key()).join(" | "));
    s.push_str(" |\n|---|");
    s.push_str(&"---|".repeat(Role::ALL.len()));
    s.push('\n');
    let mut row = |label: &str, cells: Vec<String>| {
        s.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    };
    row(
        "data scope",
        Role::ALL.map(|r| r.scope().key().to_string()).to_vec(),
    );
    for c in Role::CAPABILITIES {
        row(
            c.key(),
            Role::ALL
                .map(|r| if r.can(c) { "yes" } else { "—" }.to_string())
                .to_vec(),
        );
    }
    s
}

#[cfg(test)]
mod doc_tests {
    #[test]
    fn permissions_document_matches_the_code() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/permissions.md");
        let doc = std::fs::read_to_string(path).expect("docs/permissions.md");
        let table = super::capability_table_markdown();
        assert!(
            doc.contains(&table),
            "docs/permissions.md is out of date; its table must read:\n{table}"
        );
    }
}
