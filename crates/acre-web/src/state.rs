//! Shared state of the HTTP layer.

use std::sync::Arc;

use acre_app::App;

use crate::metrics::Metrics;

/// Options of the web layer, from the command line.
#[derive(Clone, Debug, Default)]
pub struct WebOptions {
    /// Mark cookies `Secure` (set when served over https, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub app: App,
    pub options: WebOptions,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(app: App, options: WebOptions) -> AppState {
        AppState {
            app,
            options,
            metrics: Arc::new(Metrics::default()),
        }
    }
}
