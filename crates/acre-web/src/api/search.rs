//! `/search?q=`: the global search over customers and contacts (design.md §7).

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;

use crate::auth::Ctx;
use crate::error::{OrWeb, WebError};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    pub q: String,
    pub limit: Option<i64>,
}

/// The customers and contacts the caller may see that match `q`.
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Result<Json<acre_app::customers::SearchResults>, WebError> {
    let limit = p.limit.unwrap_or(20).clamp(1, 200);
    let found = state
        .app
        .search_customers(ctx.actor()?, &p.q, limit)
        .await
        .web(&ctx)?;
    Ok(Json(found))
}
