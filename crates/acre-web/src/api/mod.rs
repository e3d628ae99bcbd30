//! The JSON API under `/api/v1/`: same services, same permission checks as
//! the pages. Errors are always `{"error":{"code","message","fields"}}`.

mod allocation;
mod auth;
mod departments;
mod grading;
mod json;
pub mod openapi;
mod pipeline;
pub mod records;
mod search;
mod shares;
mod users;

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me).patch(auth::patch_me))
        .route("/me/password", post(auth::change_password))
        .route("/me/team", get(auth::team))
        .route(
            "/me/tokens",
            get(auth::list_tokens).post(auth::create_token),
        )
        .route("/me/tokens/{id}", delete(auth::revoke_token))
        .route("/users", get(users::list).post(users::create))
        .route("/users/{id}", get(users::get).patch(users::patch))
        .route("/users/{id}/password", post(users::reset_password))
        .route(
            "/departments",
            get(departments::list).post(departments::create),
        )
        .route(
            "/departments/{id}",
            get(departments::get)
                .patch(departments::patch)
                .delete(departments::remove),
        )
        .route("/openapi.json", get(openapi::serve))
        .route("/search", get(search::search))
        .route(
            "/customers/{id}/shares",
            get(shares::list).post(shares::share),
        )
        .route("/customers/{id}/shares/{user}", delete(shares::unshare))
        .route("/customers/{id}/ownership", get(allocation::ownership))
        .route("/customer-moves/preview", post(allocation::preview))
        .route("/customer-moves", post(allocation::run))
        .route("/territories", get(allocation::territories))
        .route(
            "/territories/{user}/changes",
            get(allocation::territory_changes),
        )
        .route("/territories/{user}/target", put(allocation::set_target))
        .route(
            "/pool/rules",
            get(allocation::get_rules).put(allocation::put_rules),
        )
        .route(
            "/customers/{id}/grading",
            get(grading::history).post(grading::grade),
        )
        .route(
            "/customers/{id}/grading/category",
            post(grading::apply_category),
        )
        .route("/grading/flagged", get(grading::flagged))
        .route("/opportunities/{id}/stage", post(pipeline::move_stage))
        .route("/opportunities/{id}/close", post(pipeline::close))
        .route("/opportunities/{id}/stages", get(pipeline::stages))
        .route(
            "/opportunities/{id}/decision-map",
            get(pipeline::decision_map),
        )
        .route("/contracts/{id}/status", post(pipeline::contract_status))
        .route(
            "/contracts/{id}/contract.docx",
            get(crate::pages::contracts::document),
        )
        .route("/pipeline/collection", get(pipeline::collection))
        .route("/quotes/{id}/sent", post(pipeline::quote_sent))
        .route("/quotes/{id}/revise", post(pipeline::quote_revise))
        .route(
            "/quotes/{id}/quote.docx",
            get(crate::pages::quote_sheet::docx),
        )
        .route("/{res}/{id}/submit", post(pipeline::submit))
        .route("/pipeline/board", get(pipeline::board))
        .route("/pipeline/forecast", get(pipeline::forecast))
        .route(
            "/stage-rules",
            get(pipeline::rules).put(pipeline::set_rules),
        )
        .route(
            "/approval-flows/{kind}",
            get(pipeline::flow).put(pipeline::set_flow),
        )
        .route("/approvals", get(pipeline::approvals))
        .route("/approvals/{id}", get(pipeline::approval))
        .route("/approvals/{id}/decision", post(pipeline::decide))
        .route("/approvals/{id}/withdraw", post(pipeline::withdraw))
        .route("/approvals/{id}/resubmit", post(pipeline::resubmit))
        .route("/notifications", get(pipeline::notifications))
        .route("/{res}", get(records::list).post(records::create))
        .route("/{res}/schema", get(records::schema))
        .route("/{res}/export.xlsx", get(crate::records::api_export_xlsx))
        .route("/{res}/export.docx", get(crate::records::api_export_docx))
        .route(
            "/{res}/{id}",
            get(records::get)
                .patch(records::patch)
                .delete(records::delete),
        )
        .route("/{res}/{id}/restore", post(records::restore))
        .route("/{res}/{id}/history", get(records::history))
        .route("/{res}/{id}/files/{field}", post(records::upload_file))
        .fallback(json::not_found)
}
