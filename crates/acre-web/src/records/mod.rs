//! Pages of every registered record type, derived from its declaration:
//! list, detail, form, trash, bulk actions, print preview, exports, import,
//! attachments, saved views and related records edited in place.

mod attachments;
mod detail;
pub(crate) mod export;
mod form;
mod import;
mod inline_form;
mod list;
mod print;
mod query;
mod related;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub use attachments::file_part;
pub use export::{list_docx as api_export_docx, list_xlsx as api_export_xlsx};
pub use query::Qs;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/r/{res}", get(list::page).post(form::create))
        .route("/r/{res}/new", get(form::new_form))
        .route("/r/{res}/pick", get(list::pick))
        .route("/r/{res}/bulk", post(list::bulk))
        .route("/r/{res}/views", post(list::save_view))
        .route("/r/{res}/views/{id}/delete", post(list::delete_view))
        .route(
            "/r/{res}/print",
            get(print::list_preview).post(print::save_list),
        )
        .route("/r/{res}/print.css", get(print::stylesheet))
        .route("/r/{res}/export.xlsx", get(export::list_xlsx))
        .route("/r/{res}/export.docx", get(export::list_docx))
        .route(
            "/r/{res}/import",
            get(import::upload_form).post(import::upload),
        )
        .route("/r/{res}/import/{job}", post(import::run))
        .route(
            "/r/{res}/import/{job}/errors.csv",
            post(import::error_report),
        )
        .route("/r/{res}/{id}", get(detail::page).post(form::update))
        .route("/r/{res}/{id}/edit", get(form::edit_form))
        .route("/r/{res}/{id}/related/{child}", get(related::fragment))
        .route("/r/{res}/{id}/delete", post(detail::delete))
        .route("/r/{res}/{id}/restore", post(detail::restore))
        .route("/r/{res}/{id}/purge", post(detail::purge))
        .route(
            "/r/{res}/{id}/print",
            get(print::record_preview).post(print::save_record),
        )
        .route("/r/{res}/{id}/export.xlsx", get(export::record_xlsx))
        .route("/r/{res}/{id}/export.docx", get(export::record_docx))
        .route("/r/{res}/{id}/attachments", post(attachments::upload))
        .route(
            "/r/{res}/{id}/files/{field}",
            post(attachments::upload_to_field),
        )
        .route("/r/customers/{id}/shares", post(detail::share))
        .route(
            "/r/customers/{id}/shares/{user}/delete",
            post(detail::unshare),
        )
        .route("/attachments/{id}", get(attachments::download))
        .route("/attachments/{id}/delete", post(attachments::delete))
        .route("/people/pick", get(list::pick_people))
}
