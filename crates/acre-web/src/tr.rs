//! Translation handle passed to templates: `{{ t.get("key") }}`.

use acre_i18n::Locale;

#[derive(Clone, Copy, Debug)]
pub struct Tr(pub Locale);

impl Tr {
    pub fn get(&self, key: &str) -> String {
        self.0.t(key)
    }
    pub fn with(&self, key: &str, name: &'static str, value: &str) -> String {
        self.0.t_args(key, &[(name, value.to_string())])
    }
    pub fn tag(&self) -> &'static str {
        self.0.tag()
    }
    pub fn datetime(&self, ms: &i64) -> String {
        self.0.datetime(*ms)
    }
    pub fn opt_datetime(&self, ms: &Option<i64>) -> String {
        ms.map(|m| self.0.datetime(m)).unwrap_or_default()
    }
    pub fn number(&self, n: &i64) -> String {
        self.0.number(*n)
    }
    /// Label of a role key.
    pub fn role(&self, key: &str) -> String {
        self.0.t(&format!("role-{key}"))
    }
    /// Message of a field error key, or nothing.
    pub fn field_error(&self, errors: &acre_app::FieldErrors, field: &str) -> String {
        errors.get(field).map(|k| self.0.t(k)).unwrap_or_default()
    }
}
