//! Acre's services: every use case, with its transaction and its permission
//! check, so the web pages, the JSON API, exports and the CLI cannot diverge.

pub mod accounts;
pub mod actor;
pub mod allocation;
pub mod approvals;
pub mod attachments;
pub mod auth;
pub mod board;
pub mod cards;
pub mod contracts;
pub mod customers;
pub mod customers_gen;
pub mod demo;
pub mod departments;
pub mod error;
pub mod grading;
pub mod held;
pub mod kb;
pub mod kb_demo;
pub mod opportunities;
pub mod org;
pub mod pipeline;
pub mod quote_sheet;
pub mod quotes;
pub mod registry;
pub mod secret;
pub mod territory;
pub mod upkeep;
pub mod views;

pub use actor::Actor;
pub use error::{AppError, ErrorCode, FieldErrors};

pub use acre_store as store;
pub use acre_store::Db;

/// Settings the services need (the binary fills them from flags and env).
#[derive(Clone, Debug)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle_ms: i64,
    /// A session ends this long after login, whatever happens.
    pub session_max_ms: i64,
    /// Demo mode: the login page shows the demo accounts.
    pub demo: bool,
    /// Our company's registered name, as generated contracts print it.
    pub company_name: String,
    /// A line under the name on our letterhead (address, phone), e.g. on quotes.
    pub company_details: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_idle_ms: 2 * 3600 * 1000,
            session_max_ms: 12 * 3600 * 1000,
            demo: false,
            company_name: "一亩软件（深圳）有限公司".into(),
            company_details: String::new(),
        }
    }
}

/// The application: the database and settings, cheap to clone into handlers.
#[derive(Clone, Debug)]
pub struct App {
    pub db: Db,
    pub settings: Settings,
}

impl App {
    pub fn new(db: Db, settings: Settings) -> App {
        App { db, settings }
    }
}
