//! Server-rendered pages.

mod admin_departments;
mod admin_users;
mod allocation;
pub(crate) mod approval_flows;
pub(crate) mod approvals;
pub(crate) mod contracts;
mod grading;
mod home;
mod layout;
mod login;
pub(crate) mod pipeline;
pub(crate) mod quote_sheet;
pub(crate) mod quotes;
mod search;
mod settings;
mod setup;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub(crate) use allocation::reason_choices;

pub use layout::Layout;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/login", get(login::page).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/locale", post(settings::set_locale))
        .route("/search", get(search::page))
        .route("/settings", get(settings::page))
        .route(
            "/customers/moves",
            get(allocation::page).post(allocation::submit),
        )
        .route(
            "/customers/pool-rules",
            get(allocation::rules_page).post(allocation::save_rules),
        )
        .route("/territories", get(allocation::territories))
        .route("/territories/{user}", get(allocation::territory))
        .route("/territories/{user}/target", post(allocation::set_target))
        .route("/settings/password", post(settings::change_password))
        .route("/settings/tokens", post(settings::create_token))
        .route("/settings/tokens/{id}/revoke", post(settings::revoke_token))
        .route(
            "/admin/users",
            get(admin_users::list).post(admin_users::create),
        )
        .route("/admin/users/new", get(admin_users::new_form))
        .route(
            "/admin/users/{id}",
            get(admin_users::edit_form).post(admin_users::update),
        )
        .route(
            "/admin/users/{id}/password",
            post(admin_users::reset_password),
        )
        .route(
            "/admin/departments",
            get(admin_departments::list).post(admin_departments::create),
        )
        .route(
            "/admin/departments/{id}",
            get(admin_departments::edit_form).post(admin_departments::update),
        )
        .route(
            "/admin/departments/{id}/delete",
            post(admin_departments::delete),
        )
        .route("/setup/{token}", get(setup::page).post(setup::submit))
        .route(
            "/r/customers/{id}/grading",
            get(grading::page).post(grading::submit),
        )
        .route("/r/customers/{id}/grading/preview", post(grading::preview))
        .route(
            "/r/customers/{id}/grading/category",
            post(grading::apply_category),
        )
        .route("/grading/flagged", get(grading::flagged))
        .route("/r/opportunities/{id}/stage", post(pipeline::move_stage))
        .route("/r/opportunities/{id}/close", post(pipeline::close))
        .route("/r/{res}/{id}/submit", post(approvals::submit_held))
        .route("/r/contracts/{id}/status", post(contracts::status))
        .route("/r/contracts/{id}/contract.docx", get(contracts::document))
        .route("/pipeline/collection", get(contracts::collection))
        .route("/r/quotes/{id}/sent", post(quotes::sent))
        .route("/r/quotes/{id}/revise", post(quotes::revise))
        .route("/r/quotes/{id}/sheet", get(quote_sheet::page))
        .route("/r/quotes/{id}/quote.docx", get(quote_sheet::docx))
        .route("/pipeline", get(pipeline::board))
        .route("/pipeline/column/{stage}", get(pipeline::column_page))
        .route("/pipeline/forecast", get(pipeline::forecast))
        .route(
            "/admin/stage-rules",
            get(pipeline::rules_page).post(pipeline::save_rules),
        )
        .route("/admin/approval-flows", get(approval_flows::flows_page))
        .route(
            "/admin/approval-flows/{kind}",
            post(approval_flows::save_flow),
        )
        .route("/approvals", get(approvals::inbox))
        .route("/approvals/{id}", get(approvals::detail))
        .route("/approvals/{id}/decide", post(approvals::decide))
        .route("/approvals/{id}/withdraw", post(approvals::withdraw))
        .route("/approvals/{id}/resubmit", post(approvals::resubmit))
        .route("/nav/badges", get(approvals::badges))
        .route("/notifications", get(approvals::notifications))
        .route("/notifications/read", post(approvals::read_all))
}

/// Empty form values are "not set".
pub(crate) fn opt_id(s: &Option<String>) -> Option<i64> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
}

/// Only same-site relative targets (no `//host` or scheme): no open redirects.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}
