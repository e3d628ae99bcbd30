//! Building and running the server.

use std::net::SocketAddr;
use std::time::Duration;

use acre_app::{App, Db, Settings};
use acre_web::{AppState, WebOptions};
use tokio::net::TcpListener;

use crate::Config;

/// Open the database, migrate it, and wrap it in the services.
pub async fn open_app(config: &Config) -> anyhow::Result<App> {
    let db = Db::connect(&config.database_url).await?;
    db.migrate().await?;
    let settings = Settings {
        session_idle_ms: config.session_idle_minutes.max(1) * 60_000,
        session_max_ms: config.session_max_hours.max(1) * 3_600_000,
        demo: config.demo,
        // Printed on generated contracts as 乙方.
        company_name: std::env::var("ACRE_COMPANY_NAME")
            .ok()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| Settings::default().company_name),
        company_details: std::env::var("ACRE_COMPANY_DETAILS").unwrap_or_default(),
    };
    let app = App::new(db, settings);
    app.db.optimize().await?;
    let indexed = app.ensure_search_index().await?;
    if indexed > 0 {
        tracing::info!(records = indexed, "search index brought up to date");
    }
    if config.demo && app.load_demo().await? {
        tracing::info!("demo organisation loaded");
    }
    Ok(app)
}

/// A bound, ready-to-run server.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    database_url: String,
    pub addr: SocketAddr,
}

impl Application {
    /// Migrate, seed (demo), bind. Port 0 picks a free port (tests).
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        let app = open_app(config).await?;
        let listener = TcpListener::bind(&config.bind).await?;
        let addr = listener.local_addr()?;
        let options = WebOptions {
            secure_cookies: config.secure_cookies,
            trust_proxy: config.trust_proxy,
        };
        Ok(Application {
            listener,
            state: AppState::new(app, options),
            database_url: config.database_url.clone(),
            addr,
        })
    }

    pub fn app(&self) -> &App {
        &self.state.app
    }

    /// Serve until SIGINT/SIGTERM, then finish in-flight requests.
    pub async fn run(self) -> anyhow::Result<()> {
        acre_app::store::prewarm(&self.database_url);
        let housekeeping = tokio::spawn(housekeeping(self.state.app.clone()));
        let router = acre_web::router(self.state.clone());
        axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await?;
        housekeeping.abort();
        self.state.app.db.close().await;
        Ok(())
    }

    /// Serve in the background (tests); the server stops with the runtime.
    pub fn spawn(self) -> SocketAddr {
        let addr = self.addr;
        let router = acre_web::router(self.state);
        tokio::spawn(async move {
            let _ = axum::serve(
                self.listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await;
        });
        addr
    }
}

/// Drop expired sessions and old login failures every ten minutes (safe on
/// every instance at once: the deletes are idempotent), and run the pool's
/// idle rule on the one instance that holds its lease.
async fn housekeeping(app: App) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    let me = acre_app::secret::random_hex(16);
    loop {
        tick.tick().await;
        match app.take_lease("idle_rule", &me, 15 * 60 * 1000).await {
            Ok(true) => match app.run_idle_rule(acre_app::store::now_ms()).await {
                Ok(n) if n > 0 => tracing::info!(moved = n, "idle customers returned to the pool"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "idle rule failed"),
            },
            Ok(false) => {}
            Err(e) => tracing::warn!(error = %e, "lease failed"),
        }
        if let Err(e) = app.purge_expired().await {
            tracing::warn!(error = %e, "housekeeping failed");
        }
        if let Err(e) = app.db.optimize().await {
            tracing::warn!(error = %e, "optimize failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
