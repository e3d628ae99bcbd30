//! Configuration: flags with environment-variable twins (`acre serve --help`).

use std::path::PathBuf;

use clap::Args;

/// Where the data lives and how to log; shared by every command.
#[derive(Args, Clone, Debug)]
pub struct StorageArgs {
    /// Folder for the SQLite file and other files on disk.
    #[arg(long, env = "ACRE_DATA_DIR", default_value = "./data", global = true)]
    pub data_dir: PathBuf,
    /// `postgres://user@host/db` for PostgreSQL; default: SQLite at DATA_DIR/acre.db.
    #[arg(long, env = "ACRE_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Log filter, e.g. `info`, `acre=debug,sqlx=warn`.
    #[arg(long, env = "ACRE_LOG", default_value = "info", global = true)]
    pub log: String,
    /// Log as JSON lines (for log collectors).
    #[arg(long, env = "ACRE_LOG_JSON", global = true)]
    pub log_json: bool,
}

impl StorageArgs {
    /// The database URL in force, creating the data folder for SQLite.
    pub fn database_url(&self) -> std::io::Result<String> {
        if let Some(url) = &self.database_url {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir)?;
        Ok(format!(
            "sqlite://{}",
            self.data_dir.join("acre.db").display()
        ))
    }
}

/// `acre serve` options.
#[derive(Args, Clone, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ACRE_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Load the demo organisation (if missing) and show its accounts on the login page.
    #[arg(long, env = "ACRE_DEMO")]
    pub demo: bool,
    /// Mark cookies Secure (serve over https or behind an https proxy).
    #[arg(long, env = "ACRE_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Trust X-Forwarded-For for the client address (only behind your own proxy).
    #[arg(long, env = "ACRE_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Minutes without a request before a session ends.
    #[arg(long, env = "ACRE_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: i64,
    /// Hours after login when a session ends regardless.
    #[arg(long, env = "ACRE_SESSION_MAX_HOURS", default_value_t = 12)]
    pub session_max_hours: i64,
}

/// Everything `Application::build` needs.
#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub bind: String,
    pub demo: bool,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub session_idle_minutes: i64,
    pub session_max_hours: i64,
}

impl Config {
    /// A configuration for tests: the given database, port 0, demo data.
    pub fn for_tests(database_url: &str) -> Config {
        Config {
            database_url: database_url.to_string(),
            bind: "127.0.0.1:0".into(),
            demo: true,
            secure_cookies: false,
            trust_proxy: false,
            session_idle_minutes: 120,
            session_max_hours: 12,
        }
    }
}
