//! The Acre binary as a library, so tests start the real application.

pub mod cli;
pub mod config;
mod server;

pub use config::Config;
pub use server::{Application, open_app};
