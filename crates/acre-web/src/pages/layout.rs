//! What the page frame (navigation, user menu, language switch) needs.

use acre_app::Actor;
use acre_domain::Capability;
use acre_i18n::Locale;

use crate::auth::Ctx;
use crate::tr::Tr;

pub struct Layout {
    pub t: Tr,
    pub csrf: String,
    pub user_name: String,
    pub role_label: String,
    pub is_admin: bool,
    /// Whether the global search box (customers and contacts) is shown.
    pub can_search: bool,
    /// Key of the active navigation item.
    pub active: &'static str,
    pub locale_name: &'static str,
    pub locales: Vec<(&'static str, &'static str)>,
    /// Current path, to come back to after switching language.
    pub path: String,
    pub flash: String,
    /// Navigation groups of record types: `(module, label, [(href, label)])`.
    pub modules: Vec<NavGroup>,
}

/// A navigation dropdown: module key, its label, its entries `(href, label)`.
pub type NavGroup = (&'static str, String, Vec<(String, String)>);

/// The record types the actor reaches, grouped by module. Administrators see
/// the types' trash only (to purge it).
fn modules(actor: &Actor, t: Tr) -> Vec<NavGroup> {
    let mut out: Vec<NavGroup> = Vec::new();
    for rt in acre_app::registry::all() {
        let entry = if rt.access.can_read(actor) {
            (format!("/r/{}", rt.key), t.get(&rt.name_key()))
        } else if actor.can(Capability::PurgeTrash) {
            (
                format!("/r/{}?trash=1", rt.key),
                format!("{} · {}", t.get(&rt.name_key()), t.get("record-trash")),
            )
        } else {
            continue;
        };
        match out.iter_mut().find(|(m, _, _)| *m == rt.module) {
            Some((_, _, items)) => items.push(entry),
            None => out.push((rt.module, t.get(&format!("nav-{}", rt.module)), vec![entry])),
        }
    }
    // The pool, moves and territories belong with the customers.
    if actor.can(Capability::EditCustomers)
        && let Some((_, _, items)) = out.iter_mut().find(|(m, _, _)| *m == "customers")
    {
        items.push(("/r/customers?pool=1".into(), t.get("pool-name")));
        items.push(("/customers/moves".into(), t.get("moves-title")));
        items.push(("/territories".into(), t.get("territory-title")));
        items.push(("/grading/flagged".into(), t.get("grading-flagged-title")));
        if actor.can(Capability::AllocateCustomers) {
            items.push(("/customers/pool-rules".into(), t.get("pool-rules-title")));
        }
    }
    if let Some((_, _, items)) = out.iter_mut().find(|(m, _, _)| *m == "pipeline") {
        items.insert(0, ("/pipeline".into(), t.get("pipeline-title")));
        items.insert(1, ("/pipeline/forecast".into(), t.get("pipeline-forecast")));
        items.insert(
            2,
            ("/pipeline/collection".into(), t.get("collection-title")),
        );
    }
    out
}

impl Layout {
    pub fn new(ctx: &Ctx, actor: &Actor, active: &'static str, path: &str) -> Layout {
        let t = Tr(ctx.locale);
        Layout {
            t,
            csrf: actor.csrf_token.clone().unwrap_or_default(),
            user_name: actor.user.display_name.clone(),
            role_label: t.role(actor.role.key()),
            is_admin: actor.can(Capability::AdministerAccounts),
            can_search: acre_app::customers::CUSTOMERS.access.can_read(actor),
            active,
            locale_name: ctx.locale.native_name(),
            locales: Locale::ALL
                .iter()
                .map(|l| (l.tag(), l.native_name()))
                .collect(),
            path: path.to_string(),
            flash: String::new(),
            modules: modules(actor, t),
        }
    }
    /// Show a translated confirmation at the top of the page.
    pub fn with_flash(mut self, key: Option<&str>) -> Layout {
        if let Some(k) = key.filter(|k| k.starts_with("flash-")) {
            self.flash = self.t.get(k);
        }
        self
    }
    /// A confirmation that says how many records an action touched.
    pub fn with_count_flash(mut self, key: Option<&str>, n: Option<&str>) -> Layout {
        if let (Some(k), Some(n)) = (key.filter(|k| k.starts_with("flash-")), n) {
            self.flash = self.t.0.t_args(k, &[("count", n.to_string())]);
            return self;
        }
        self.with_flash(key)
    }
}
