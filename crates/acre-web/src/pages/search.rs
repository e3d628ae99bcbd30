//! The global search box: typeahead under the box (an htmx fragment) and,
//! on Enter, a page of the customers and contacts found.

use acre_app::customers::SearchResults;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::pages::Layout;
use crate::records::Qs;
use crate::state::AppState;
use crate::tr::Tr;

/// Suggestions under the box: enough to pick from, few enough to read.
const SUGGESTIONS: usize = 8;
/// Rows of each type on the results page.
const PAGE_ROWS: i64 = 50;

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    found: SearchResults,
}

#[derive(Template)]
#[template(path = "search_partial.html")]
struct SearchPartial {
    t: Tr,
    q: String,
    found: SearchResults,
}

/// `GET /search?q=`: the results page, or the typeahead fragment when htmx asks.
pub async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    qs: Qs,
) -> Result<Response, WebError> {
    let actor = ctx.actor()?;
    let q = qs.get("q").unwrap_or("").trim().to_string();
    if headers.contains_key("hx-request") {
        let mut found = state
            .app
            .search_customers(actor, &q, SUGGESTIONS as i64)
            .await
            .web(&ctx)?;
        // Customers first, but contacts keep at least half when there are some.
        let keep = SUGGESTIONS
            .saturating_sub(found.contacts.len())
            .max(SUGGESTIONS / 2);
        found.customers.truncate(keep);
        found.contacts.truncate(SUGGESTIONS - found.customers.len());
        let fragment = SearchPartial {
            t: Tr(ctx.locale),
            q,
            found,
        };
        return Ok(Html(fragment.render().unwrap_or_default()).into_response());
    }
    let found = state
        .app
        .search_customers(actor, &q, PAGE_ROWS)
        .await
        .web(&ctx)?;
    let path = format!("/search?q={}", urlencode(&q));
    let page = SearchPage {
        layout: Layout::new(&ctx, actor, "search", &path),
        q,
        found,
    };
    Ok(Html(page.render().unwrap_or_default()).into_response())
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
