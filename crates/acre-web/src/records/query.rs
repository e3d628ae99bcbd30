//! The raw query string of a list page, kept as pairs so links can change one
//! parameter (sort, page) and keep the rest.

use axum::extract::{FromRequestParts, RawQuery};
use axum::http::request::Parts;

/// `key=value` pairs of the request's query string, in order.
#[derive(Clone, Debug, Default)]
pub struct Qs(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for Qs {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let RawQuery(raw) = RawQuery::from_request_parts(parts, s).await?;
        Ok(Qs(raw
            .and_then(|r| serde_urlencoded::from_str(&r).ok())
            .unwrap_or_default()))
    }
}

impl Qs {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
    /// The query string with `key` set to `value` (removed when empty).
    pub fn with(&self, key: &str, value: &str) -> String {
        let mut pairs: Vec<(String, String)> =
            self.0.iter().filter(|(k, _)| k != key).cloned().collect();
        if !value.is_empty() {
            pairs.push((key.to_string(), value.to_string()));
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
    /// The query string without paging (for exports and print of "the filtered list").
    pub fn filters_only(&self) -> String {
        let pairs: Vec<&(String, String)> = self
            .0
            .iter()
            .filter(|(k, _)| k != "page" && k != "offset" && k != "done")
            .collect();
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}
