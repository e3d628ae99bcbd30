//! Every message key the pages and services use exists (a missing key would
//! show its name to the user).

use std::path::Path;

fn files(dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "html" || x == "rs") {
            out.push(std::fs::read_to_string(&p).unwrap());
        }
    }
}

/// Literal keys passed to `t.get("…")`, `t.with("…"` and the like, plus every
/// `"err-…"`, `"flash-…"` literal in the sources of the app and web crates.
fn used_keys() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    files(&root.join("templates"), &mut texts);
    files(&root.join("src"), &mut texts);
    files(&root.join("../acre-app/src"), &mut texts);
    files(&root.join("../acre-domain/src"), &mut texts);
    let mut keys = Vec::new();
    for t in &texts {
        for marker in [".get(\"", ".with(\"", "field_error(errors, \""] {
            for part in t.split(marker).skip(1) {
                if let Some(k) = part.split('"').next()
                    && k.contains('-')
                    && !k.contains(' ')
                    // HTTP header names read with `.get("…")` are not message keys.
                    && !["x-", "hx-", "content-", "accept-", "user-"].iter().any(|h| k.starts_with(h))
                {
                    keys.push(k.to_string());
                }
            }
        }
        for prefix in ["\"err-", "\"flash-"] {
            for part in t.split(prefix).skip(1) {
                let k = part.split('"').next().unwrap_or("");
                if !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
                    keys.push(format!("{}{k}", &prefix[1..]));
                }
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn every_used_key_is_translated() {
    let defined = acre_i18n::keys_by_locale();
    let keys = used_keys();
    assert!(keys.len() > 50, "found {} keys", keys.len());
    let field_names = [
        "name",
        "new_password",
        "username",
        "display_name",
        "role",
        "department_id",
        "superior_id",
        "locale",
        "email",
        "phone",
        "password",
        "active",
        "parent_id",
        "head_user_id",
    ];
    for k in keys.iter().filter(|k| !field_names.contains(&k.as_str())) {
        for (l, have) in &defined {
            assert!(have.contains(k), "{} lacks {k}", l.tag());
        }
    }
}

#[test]
fn roles_capabilities_scopes_and_errors_are_translated() {
    let mut keys: Vec<String> = Vec::new();
    for r in acre_domain::Role::ALL {
        keys.push(format!("role-{}", r.key()));
        keys.push(format!("scope-{}", r.scope().key()));
    }
    for c in acre_domain::Role::CAPABILITIES {
        keys.push(format!("cap-{}", c.key()));
    }
    for e in acre_app::ErrorCode::ALL {
        keys.push(e.message_key().to_string());
    }
    for a in [
        "created",
        "updated",
        "deleted",
        "password_changed",
        "password_reset",
    ] {
        keys.push(format!("audit-{a}"));
    }
    // Membership, not lookup: messages with arguments do not resolve without them.
    let defined = acre_i18n::keys_by_locale();
    for k in keys {
        for (l, have) in &defined {
            assert!(have.contains(&k), "{} lacks {k}", l.tag());
        }
    }
}

#[test]
fn every_registry_label_is_translated() {
    let defined = acre_i18n::keys_by_locale();
    for rt in acre_app::registry::all() {
        let mut keys = vec![rt.name_key(), format!("{}-one", rt.entity)];
        keys.extend(rt.sections.iter().map(|s| rt.section_key(s)));
        for f in rt.fields {
            keys.push(rt.label_key(f.key));
            keys.extend(f.options.iter().map(|o| rt.option_key(f.key, o)));
        }
        for k in keys {
            for (l, have) in &defined {
                assert!(have.contains(&k), "{} lacks {k}", l.tag());
            }
        }
    }
}
