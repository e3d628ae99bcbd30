//! The one integration-test binary. Storage-touching tests run on SQLite and
//! on PostgreSQL (`ACRE_TEST_PG_URL`, default the local server); without a
//! server they are skipped with a notice, and with `CI=true` a skip fails.

mod harness;

mod accounts;
mod admin;
mod allocation;
mod api_tokens;
mod auth;
mod browser;
mod cards;
mod contracts;
mod customers;
mod departments;
mod grading;
mod import_batch;
mod org;
mod pages;
mod pipeline;
mod platform;
mod quotes;
mod registry;
mod related;
mod scale;
mod schema;
mod search;
mod selling;
